#include "fusion/check/camera_edge_views.h"

#include <algorithm>
#include <cmath>

#include "io/common/image_io.h"
#include "model/frame_assembly.h"

namespace fuselabel {
namespace {

constexpr int64_t kMotionGapUs = 300'000;

struct MovingCuboid {
  Cuboidd box;                  // in the LiDAR frame, at the sweep's time, grown by the margin
  Vec3<double> velocity_lidar;  // m/s, in the LiDAR frame

  // Whether a return measured `time_s` after the sweep's time is on the object: inside its cuboid
  // moved to that time.
  bool owns(const Vec3<double>& p, double time_s) const {
    Cuboidd then = box;
    then.center = box.center + time_s * velocity_lidar;
    return cuboid_contains(make_cuboid_frame(then), p);
  }
};

// The frame's labelled cuboids whose objects move, in the LiDAR frame, grown sideways by the
// margin and lifted by it (so the ground under the object is not the object's).
std::vector<MovingCuboid> moving_cuboids(const CheckInputs& inputs, const FrameData& frame, int64_t frame_index,
                                         const CameraEdgeOptions& o) {
  std::vector<MovingCuboid> moving;
  const Transform3d T_lidar_labels = frame.T_labels_lidar.inverse();
  const std::optional<Transform3d>& T_motion_label = inputs.T_motion_label(frame_index);
  for (const CuboidLabel& label : frame.cuboids) {
    const TrackSeries* track = label.track_id.empty() ? nullptr : inputs.track(label.track_id);
    std::optional<MotionNear> motion;
    if (track) motion = inputs.motion_near(*track, frame.timestamp_us, kMotionGapUs);
    const double speed = motion ? std::sqrt(dot(motion->velocity, motion->velocity)) : 0;
    if (speed < o.moving_speed_mps) continue;
    Cuboidd grown = transform_cuboid(T_lidar_labels, label.box);
    grown.size = grown.size + Vec3<double>{2 * o.moving_margin_m, 2 * o.moving_margin_m, 0};
    grown.center.z += o.moving_margin_m;
    // Velocity in the motion frame (tracks in the label frame: the label frame) into the LiDAR frame.
    const Mat3<double> R_lidar_motion =
        (track->in_label_frame || !T_motion_label ? T_lidar_labels : T_lidar_labels * T_motion_label->inverse()).R;
    moving.push_back({grown, R_lidar_motion * motion->velocity});
  }
  return moving;
}

struct SweepEdge {
  Vec3<double> position;       // in the LiDAR frame at the sweep's time
  const MovingCuboid* moving;  // the moving object it is on, else nullptr
  double time_s;               // when its return was measured, from the sweep's time
};

}  // namespace

std::vector<CameraEdgeView> camera_edge_views(const CheckInputs& inputs, int64_t frame_index,
                                              const std::vector<std::string>& cameras, const CameraEdgeOptions& o) {
  std::vector<CameraEdgeView> views;
  if (inputs.drive().frames.at(size_t(frame_index)).lidar_sample < 0) return views;
  const FrameData frame = assemble_frame(inputs.drive(), size_t(frame_index), inputs.reader(), true);
  if (!frame.lidar) return views;
  const std::vector<MovingCuboid> moving = moving_cuboids(inputs, frame, frame_index, o);
  const PointSweep& sweep = *frame.lidar;
  const auto t_field = std::find(sweep.fields.begin(), sweep.fields.end(), "t_offset");
  std::vector<SweepEdge> edges;
  for (const LidarEdge& e : lidar_depth_edges(sweep, o.edges)) {
    SweepEdge edge{e.position, nullptr, 0};
    const float* r = &sweep.records[size_t(e.near_record * sweep.stride())];
    if (t_field != sweep.fields.end()) edge.time_s = r[t_field - sweep.fields.begin()];
    for (const MovingCuboid& m : moving)
      if (m.owns({r[0], r[1], r[2]}, edge.time_s)) edge.moving = &m;
    if (edge.moving && t_field == sweep.fields.end()) continue;  // no time to move it from
    edges.push_back(edge);
  }
  for (const CameraView& camera : frame.cameras) {
    if (camera.image_path.empty()) continue;
    if (!cameras.empty() && std::find(cameras.begin(), cameras.end(), camera.sensor) == cameras.end()) continue;
    const double image_s = 1e-6 * double(camera.timestamp_us - frame.timestamp_us);
    std::vector<Vec3<double>> in_camera;
    in_camera.reserve(edges.size());
    for (const SweepEdge& e : edges) {
      const Vec3<double> p = e.moving ? e.position + (image_s - e.time_s) * e.moving->velocity_lidar : e.position;
      in_camera.push_back(camera.T_cam_lidar * p);
    }
    views.push_back({camera.sensor, frame_index, camera.timestamp_us, camera.image_path,
                     AlignmentView(camera.model, in_camera, edge_score_map(read_image(camera.image_path), o.score))});
  }
  return views;
}

std::vector<std::string> cameras_without_images(const Drive& drive) {
  std::vector<std::string> names;
  if (drive.rigs.empty()) return names;
  for (const Sensor& sensor : drive.rigs.front().sensors) {
    if (!sensor.camera) continue;
    const auto timeline = drive.timelines.find(sensor.name);
    const bool any = timeline != drive.timelines.end() &&
                     std::any_of(timeline->second.samples.begin(), timeline->second.samples.end(),
                                 [](const SensorSample& s) { return !s.file.empty(); });
    if (!any) names.push_back(sensor.name);
  }
  return names;
}

}  // namespace fuselabel
