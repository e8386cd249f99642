#include "model/frame_assembly.h"

#include <algorithm>
#include <unordered_map>

#include "model/deskew.h"

namespace fuselabel {
namespace {

bool has_field(const PointSweep& sweep, const char* name) {
  return std::find(sweep.fields.begin(), sweep.fields.end(), name) != sweep.fields.end();
}

struct ByTime {
  bool operator()(const ImageBoxLabel& b, int64_t t) const { return b.timestamp_us < t; }
  bool operator()(int64_t t, const ImageBoxLabel& b) const { return t < b.timestamp_us; }
};

// Where the frame's LiDAR is and when: the chain's destination for every other sensor.
struct LidarAnchor {
  Transform3d T_ego_lidar;   // identity in a rig without LiDAR: the ego frame stands in
  Transform3d T_world_ego;   // at the sweep's time; identity without ego poses
  bool has_pose = false;
};

class FrameAssembler {
 public:
  FrameAssembler(const Drive& drive, size_t index, const SampleLoader& loader)
      : drive_(drive), index_(index), frame_(drive.frames.at(index)), rig_(drive.rig_of(frame_)), loader_(loader) {
    const Sensor* lidar = rig_.lidar();
    if (lidar) anchor_.T_ego_lidar = lidar->T_ego_sensor;
    const SensorSample* sweep = lidar_sample();
    if (sweep && (sweep->T_world_ego || drive.trajectory.has_poses())) {
      anchor_.T_world_ego = drive.pose_of(*sweep);
      anchor_.has_pose = true;
    } else if (drive.trajectory.has_poses()) {
      anchor_.T_world_ego = drive.trajectory.at(frame_.timestamp_us);
      anchor_.has_pose = true;
    }
  }

  FrameData assemble(bool load_points) {
    FrameData out;
    out.id = frame_.id;
    out.timestamp_us = frame_.timestamp_us;
    out.taxonomy = drive_.labels.taxonomy;
    out.label_frame = label_frame_name(drive_.labels.frame);
    out.T_labels_lidar = T_labels_lidar();
    if (load_points) out.lidar = sweep();
    for (const Sensor& sensor : rig_.sensors) {
      if (sensor.kind == SensorKind::Lidar || (sensor.kind == SensorKind::Radar && !load_points)) continue;
      const SensorSample* sample = drive_.associated_sample(index_, sensor.name);
      if (!sample) continue;
      if (sensor.kind == SensorKind::Camera) out.cameras.push_back(camera_view(sensor, *sample));
      else out.radars.push_back(radar_scan(sensor, *sample));
    }
    add_labels(out);
    return out;
  }

 private:
  const SensorSample* lidar_sample() const {
    const Sensor* lidar = rig_.lidar();
    if (!lidar || frame_.lidar_sample < 0) return nullptr;
    return &drive_.timelines.at(lidar->name).samples.at(size_t(frame_.lidar_sample));
  }

  // T_dst_src for a sensor sampled at `sample`: lidar(t_lidar) <- ego <- world <- ego(t) <- sensor.
  // Without ego poses the rig is taken as rigid and the sensors as simultaneous.
  Transform3d T_lidar_sensor(const Sensor& sensor, const SensorSample& sample) const {
    if (!anchor_.has_pose) return anchor_.T_ego_lidar.inverse() * sensor.T_ego_sensor;
    return time_aligned_transform(anchor_.T_ego_lidar, anchor_.T_world_ego, drive_.pose_of(sample), sensor.T_ego_sensor);
  }

  Transform3d T_labels_lidar() const {
    switch (drive_.labels.frame) {
      case LabelFrame::Lidar: return {};
      case LabelFrame::Ego: return anchor_.T_ego_lidar;
      case LabelFrame::World: return anchor_.T_world_ego * anchor_.T_ego_lidar;
    }
    return {};
  }

  std::optional<PointSweep> sweep() const {
    const SensorSample* sample = lidar_sample();
    if (!sample || sample->file.empty()) return std::nullopt;
    return load_lidar_sweep(drive_, *rig_.lidar(), *sample, loader_);
  }

  CameraView camera_view(const Sensor& camera, const SensorSample& sample) const {
    CameraView view;
    view.sensor = camera.name;
    view.timestamp_us = sample.timestamp_us;
    view.model = *camera.camera;
    view.image_path = sample.file;
    if (!sample.file.empty()) loader_.check_image(camera, sample);
    if (!anchor_.has_pose) {
      view.T_cam_lidar = camera.T_ego_sensor.inverse() * anchor_.T_ego_lidar;
    } else {
      const Transform3d T_world_ego_at_camera = drive_.pose_of(sample);
      view.T_cam_lidar = time_aligned_transform(camera.T_ego_sensor, T_world_ego_at_camera, anchor_.T_world_ego,
                                                anchor_.T_ego_lidar);
      // World labels are seen at the camera's own time, not through the sweep's pose.
      if (drive_.labels.frame == LabelFrame::World)
        view.T_cam_label_frame = (T_world_ego_at_camera * camera.T_ego_sensor).inverse();
    }
    if (drive_.labels.frame == LabelFrame::Ego)
      view.T_cam_label_frame = view.T_cam_lidar * anchor_.T_ego_lidar.inverse();
    return view;
  }

  PointSweep radar_scan(const Sensor& radar, const SensorSample& sample) const {
    PointSweep scan = loader_.load_points(radar, sample);
    scan.sensor = radar.name;
    scan.timestamp_us = sample.timestamp_us;
    const Transform3d T = T_lidar_sensor(radar, sample);
    const int stride = scan.stride();
    for (int64_t i = 0; i < scan.size(); ++i) {
      float* r = &scan.records[size_t(i * stride)];
      const Vec3<double> p = T * Vec3<double>{r[0], r[1], r[2]};
      r[0] = float(p.x), r[1] = float(p.y), r[2] = float(p.z);
    }
    return scan;
  }

  void add_labels(FrameData& out) const {
    const LabelSet& labels = drive_.labels;
    std::unordered_map<std::string, const Track*> tracks;
    for (const Track& t : labels.tracks) tracks.emplace(t.track_id, &t);
    auto track_of = [&](const std::string& id) -> const Track* {
      const auto found = tracks.find(id);
      return found == tracks.end() ? nullptr : found->second;
    };
    const auto first = std::lower_bound(labels.boxes.begin(), labels.boxes.end(), int64_t(index_),
                                        [](const CuboidLabel& b, int64_t f) { return b.frame < f; });
    for (auto b = first; b != labels.boxes.end() && b->frame == int64_t(index_); ++b) {
      CuboidLabel label = *b;
      if (const Track* track = track_of(b->track_id)) {
        if (label.class_name.empty()) label.class_name = track->class_name;
        label.attributes.insert(track->attributes.begin(), track->attributes.end());
      }
      out.cuboids.push_back(std::move(label));
    }
    for (const CameraView& view : out.cameras) {
      const auto at_time = std::equal_range(labels.boxes_2d.begin(), labels.boxes_2d.end(), view.timestamp_us, ByTime{});
      for (auto b = at_time.first; b != at_time.second; ++b) {
        if (b->camera != view.sensor || (b->frame >= 0 && b->frame != int64_t(index_))) continue;
        ImageBoxLabel label = *b;
        const Track* track = track_of(b->track_id);
        if (label.class_name.empty() && track) label.class_name = track->class_name;
        out.image_boxes.push_back(std::move(label));
      }
    }
  }

  const Drive& drive_;
  size_t index_;
  const DriveFrame& frame_;
  const Rig& rig_;
  const SampleLoader& loader_;
  LidarAnchor anchor_;
};

}  // namespace

PointSweep load_measured_lidar_sweep(const Sensor& lidar, const SensorSample& sample, const SampleLoader& loader) {
  PointSweep sweep = loader.load_points(lidar, sample);
  sweep.sensor = lidar.name;
  sweep.timestamp_us = sample.timestamp_us;
  return sweep;
}

void deskew_where_timed(const Drive& drive, const Sensor& lidar, PointSweep& sweep, const std::filesystem::path& file) {
  if (has_field(sweep, "t_offset") && drive.trajectory.has_poses())
    deskew_sweep(sweep, lidar.T_ego_sensor, [&drive](int64_t t) { return drive.trajectory.at(t); }, file);
}

PointSweep load_lidar_sweep(const Drive& drive, const Sensor& lidar, const SensorSample& sample,
                            const SampleLoader& loader) {
  PointSweep sweep = load_measured_lidar_sweep(lidar, sample, loader);
  deskew_where_timed(drive, lidar, sweep, sample.file);
  return sweep;
}

FrameData assemble_frame(const Drive& drive, size_t frame_index, const SampleLoader& loader, bool load_points) {
  return FrameAssembler(drive, frame_index, loader).assemble(load_points);
}

}  // namespace fuselabel
