#include "fusion/check/camera_edge_views.h"

#include <algorithm>
#include <cmath>

#include "io/common/image_io.h"
#include "model/frame_assembly.h"
#include "projection/angle_axis.h"

namespace fuselabel {
namespace {

constexpr int64_t kMotionGapUs = 300'000;
constexpr int64_t kCameraMotionStepUs = 20'000;

// How the camera's view of the static world changes per second of capture time earlier than t
// (EdgeMotion::camera_per_s); zero without ego poses there.
ExtrinsicDelta camera_motion_per_s(const Drive& drive, const Transform3d& T_ego_cam, int64_t t_us) {
  const EgoTrajectory& trajectory = drive.trajectory;
  if (!trajectory.has_poses() || t_us - kCameraMotionStepUs < trajectory.poses.front().timestamp_us ||
      t_us > trajectory.poses.back().timestamp_us)
    return {};
  const Transform3d earlier = trajectory.at(t_us - kCameraMotionStepUs) * T_ego_cam;
  const Transform3d now = trajectory.at(t_us) * T_ego_cam;
  const Transform3d M = earlier.inverse() * now;  // camera(t) -> camera(t - step)
  const AngleAxis a = angle_axis(M.R);
  const double per_s = 1e6 / double(kCameraMotionStepUs);
  return {(a.angle * per_s) * a.axis, per_s * M.t};
}

struct MovingCuboid {
  Cuboidd box;                  // in the LiDAR frame, at the sweep's time, grown by the margin
  Vec3<double> velocity_lidar;  // m/s, in the LiDAR frame
  std::string track;

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
    moving.push_back({grown, R_lidar_motion * motion->velocity, label.track_id});
  }
  return moving;
}

struct SweepEdge {
  Vec3<double> position;       // in the LiDAR frame at the sweep's time
  const MovingCuboid* moving;  // the moving object it is on, else nullptr
  double time_s;               // when its return was measured, from the sweep's time
};

// The sweep's edges at the sweep's time: found among the points as measured (where neighbours
// are neighbouring rays), then deskewed with their near return's time like the points.
std::vector<SweepEdge> sweep_edges(const Drive& drive, const Sensor& lidar, const SensorSample& sample,
                                   const SampleLoader& loader, const std::vector<MovingCuboid>& moving,
                                   const LidarEdgeSettings& settings) {
  const PointSweep measured = load_measured_lidar_sweep(lidar, sample, loader);
  const auto t_field = std::find(measured.fields.begin(), measured.fields.end(), "t_offset");
  const bool timed = t_field != measured.fields.end();
  const std::vector<LidarEdge> found = lidar_depth_edges(measured, settings);
  PointSweep at_sweep_time{measured.sensor, measured.timestamp_us, {"x", "y", "z", "t_offset"}, {}};
  at_sweep_time.records.reserve(4 * found.size());
  for (const LidarEdge& e : found) {
    const float t =
        timed ? measured.records[size_t(e.near_record * measured.stride() + (t_field - measured.fields.begin()))] : 0;
    at_sweep_time.records.insert(at_sweep_time.records.end(),
                                 {float(e.position.x), float(e.position.y), float(e.position.z), t});
  }
  if (timed) deskew_where_timed(drive, lidar, at_sweep_time, sample.file);
  std::vector<SweepEdge> edges;
  for (int64_t i = 0; i < at_sweep_time.size(); ++i) {
    const float* r = &at_sweep_time.records[size_t(4 * i)];
    SweepEdge edge{{r[0], r[1], r[2]}, nullptr, r[3]};
    for (const MovingCuboid& m : moving)
      if (m.owns(edge.position, edge.time_s)) edge.moving = &m;
    if (edge.moving && !timed) continue;  // no time to move it from
    edges.push_back(edge);
  }
  return edges;
}

}  // namespace

std::vector<CameraEdgeView> camera_edge_views(const CheckInputs& inputs, int64_t frame_index,
                                              const std::vector<std::string>& cameras, const CameraEdgeOptions& o) {
  std::vector<CameraEdgeView> views;
  const Drive& drive = inputs.drive();
  const DriveFrame& drive_frame = drive.frames.at(size_t(frame_index));
  const Sensor* lidar = drive.rig_of(drive_frame).lidar();
  if (!lidar || drive_frame.lidar_sample < 0) return views;
  const SensorSample& sample = drive.timelines.at(lidar->name).samples.at(size_t(drive_frame.lidar_sample));
  if (sample.file.empty()) return views;
  const FrameData frame = assemble_frame(drive, size_t(frame_index), inputs.reader(), false);
  const std::vector<MovingCuboid> moving = moving_cuboids(inputs, frame, frame_index, o);
  const std::vector<SweepEdge> edges = sweep_edges(drive, *lidar, sample, inputs.reader(), moving, o.edges);
  std::vector<std::string> objects;
  for (const MovingCuboid& m : moving) objects.push_back(m.track);
  for (const CameraView& camera : frame.cameras) {
    if (camera.image_path.empty()) continue;
    if (!cameras.empty() && std::find(cameras.begin(), cameras.end(), camera.sensor) == cameras.end()) continue;
    const double image_s = 1e-6 * double(camera.timestamp_us - frame.timestamp_us);
    std::vector<Vec3<double>> in_camera;
    EdgeMotion motion;
    in_camera.reserve(edges.size());
    for (const SweepEdge& e : edges) {
      const Vec3<double> p = e.moving ? e.position + (image_s - e.time_s) * e.moving->velocity_lidar : e.position;
      in_camera.push_back(camera.T_cam_lidar * p);
      motion.velocities.push_back(e.moving ? camera.T_cam_lidar.R * e.moving->velocity_lidar : Vec3<double>{0, 0, 0});
      motion.objects.push_back(e.moving ? int32_t(e.moving - moving.data()) : -1);
    }
    const Sensor* sensor = drive.rig_of(drive_frame).find(camera.sensor);
    if (sensor) motion.camera_per_s = camera_motion_per_s(drive, sensor->T_ego_sensor, camera.timestamp_us);
    views.push_back(
        {camera.sensor, frame_index, camera.timestamp_us, camera.image_path,
         AlignmentView(camera.model, in_camera, motion, edge_score_map(read_image(camera.image_path), o.score)),
         objects});
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
