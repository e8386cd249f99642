#include "io/native_drive_reader.h"

#include <algorithm>
#include <cctype>
#include <stdexcept>
#include <system_error>

#include "io/input_error.h"
#include "io/native_drive_deskew.h"
#include "io/point_file.h"

namespace fuselabel {

NativeDriveReader::NativeDriveReader(const std::filesystem::path& root, const std::string& label_set)
    : drive_(read_native_drive(root)) {
  for (size_t i = 0; i < drive_.sensors.size(); ++i) {
    const NativeSensor& sensor = drive_.sensors[i];
    if (sensor.kind == SensorKind::Lidar) lidar_index_ = i;
    std::vector<int64_t> times;
    for (const SensorSample& sample : sensor.samples) times.push_back(sample.timestamp_us);
    sample_times_.push_back(std::move(times));
  }

  if (label_set.empty() && drive_.label_sets.empty()) return;  // a drive without labels
  const std::string name = label_set.empty() ? kDefaultLabelSet : label_set;
  const auto found = drive_.label_sets.find(name);
  if (found == drive_.label_sets.end()) {
    std::string available;
    for (const auto& [set_name, file] : drive_.label_sets) available += (available.empty() ? "" : ", ") + set_name;
    throw InputError(root / "drive.yaml", "label_sets",
                     "no label set '" + name + "' (available: " + (available.empty() ? "none" : available) + ")");
  }
  label_set_name_ = name;
  labels_ = read_label_set(root / found->second, drive_);
  for (size_t i = 0; i < labels_.tracks.size(); ++i) track_index_[labels_.tracks[i].track_id] = i;
}

bool NativeDriveReader::recognises(const std::filesystem::path& dir) {
  std::error_code ec;
  return std::filesystem::is_regular_file(dir / "drive.yaml", ec);
}

std::vector<std::string> NativeDriveReader::frame_ids() const {
  std::vector<std::string> ids;
  for (size_t i = 0; i < lidar().samples.size(); ++i) ids.push_back(std::to_string(i));
  return ids;
}

size_t NativeDriveReader::frame_index(const std::string& id) const {
  const size_t count = lidar().samples.size();
  const bool canonical = !id.empty() && id.size() <= 18 && (id == "0" || id[0] != '0') &&
                         std::all_of(id.begin(), id.end(), [](unsigned char c) { return std::isdigit(c); });
  if (canonical && std::stoull(id) < count) return static_cast<size_t>(std::stoull(id));
  throw InputError(drive_.root / lidar().index_file, "frame '" + id + "'",
                   "unknown frame id (the drive's frames are 0.." + std::to_string(count) + " exclusive)");
}

Transform3d NativeDriveReader::pose_at(int64_t t_us) const {
  try {
    return interpolate_pose(drive_.ego_poses, t_us);
  } catch (const std::out_of_range& e) {
    throw InputError(drive_.root / drive_.ego_pose_file, "t = " + std::to_string(t_us) + " us", e.what());
  }
}

const SensorSample* NativeDriveReader::nearest_sample(size_t sensor, int64_t t_us) const {
  const int64_t i = nearest_timestamp(sample_times_[sensor], t_us, kSensorMatchWindowUs);
  return i < 0 ? nullptr : &drive_.sensors[sensor].samples[size_t(i)];
}

FrameData NativeDriveReader::load_frame(const std::string& id, bool load_points) const {
  const size_t index = frame_index(id);
  const NativeSensor& lidar_sensor = lidar();
  const SensorSample& sweep_sample = lidar_sensor.samples[index];
  FrameData frame;
  frame.id = id;
  frame.timestamp_us = sweep_sample.timestamp_us;
  frame.label_frame = "world";
  frame.T_labels_lidar = pose_at(frame.timestamp_us) * lidar_sensor.T_ego_sensor;
  frame.taxonomy = labels_.taxonomy;
  if (load_points) {
    const std::filesystem::path file = drive_.root / sweep_sample.file;
    PointSweep sweep{lidar_sensor.name, frame.timestamp_us, kNativeLidarFields,
                     read_float_records(file, kNativeLidarFields)};
    deskew_sweep(sweep, lidar_sensor.T_ego_sensor, [this](int64_t t) { return pose_at(t); }, file);
    frame.lidar = std::move(sweep);
  }
  for (size_t s = 0; s < drive_.sensors.size(); ++s) {
    const NativeSensor& sensor = drive_.sensors[s];
    if (sensor.kind == SensorKind::Lidar || (sensor.kind == SensorKind::Radar && !load_points)) continue;
    const SensorSample* sample = nearest_sample(s, frame.timestamp_us);
    if (!sample) continue;
    if (sensor.kind == SensorKind::Camera) add_camera(frame, sensor, *sample);
    else add_radar(frame, sensor, *sample);
  }
  add_labels(frame, index);
  return frame;
}

void NativeDriveReader::add_camera(FrameData& frame, const NativeSensor& camera, const SensorSample& sample) const {
  const Transform3d T_world_ego_at_camera = pose_at(sample.timestamp_us);
  CameraView view;
  view.sensor = camera.name;
  view.timestamp_us = sample.timestamp_us;
  view.model = *camera.camera;
  view.T_cam_lidar = time_aligned_transform(camera.T_ego_sensor, T_world_ego_at_camera, pose_at(frame.timestamp_us),
                                            lidar().T_ego_sensor);
  view.T_cam_label_frame = (T_world_ego_at_camera * camera.T_ego_sensor).inverse();
  view.image_path = drive_.root / sample.file;
  frame.cameras.push_back(std::move(view));

  const auto first = std::lower_bound(labels_.boxes_2d.begin(), labels_.boxes_2d.end(), sample.timestamp_us,
                                      [](const TrackBox2D& b, int64_t t) { return b.timestamp_us < t; });
  for (auto b = first; b != labels_.boxes_2d.end() && b->timestamp_us == sample.timestamp_us; ++b) {
    if (b->camera != camera.name) continue;
    const std::string label_id = b->track_id + ":" + camera.name + ":" + std::to_string(b->timestamp_us);
    frame.image_boxes.push_back(
        {label_id, b->track_id, labels_.tracks[track_index_.at(b->track_id)].class_name, camera.name, b->box});
  }
}

void NativeDriveReader::add_radar(FrameData& frame, const NativeSensor& radar, const SensorSample& sample) const {
  PointSweep scan{radar.name, sample.timestamp_us, kNativeRadarFields,
                  read_float_records(drive_.root / sample.file, kNativeRadarFields)};
  const Transform3d T_lidar_radar = time_aligned_transform(lidar().T_ego_sensor, pose_at(frame.timestamp_us),
                                                           pose_at(sample.timestamp_us), radar.T_ego_sensor);
  const int stride = scan.stride();
  for (int64_t i = 0; i < scan.size(); ++i) {
    float* r = &scan.records[size_t(i * stride)];
    const Vec3<double> p = T_lidar_radar * Vec3<double>{r[0], r[1], r[2]};
    r[0] = float(p.x), r[1] = float(p.y), r[2] = float(p.z);
  }
  frame.radars.push_back(std::move(scan));
}

void NativeDriveReader::add_labels(FrameData& frame, size_t frame_index) const {
  const auto first = std::lower_bound(labels_.boxes.begin(), labels_.boxes.end(), int64_t(frame_index),
                                      [](const TrackBox& b, int64_t f) { return b.frame < f; });
  for (auto b = first; b != labels_.boxes.end() && b->frame == int64_t(frame_index); ++b) {
    const TrackInfo& track = labels_.tracks[track_index_.at(b->track_id)];
    CuboidLabel label;
    label.id = b->track_id + ":" + std::to_string(b->frame);
    label.track_id = b->track_id;
    label.class_name = b->class_name.empty() ? track.class_name : b->class_name;
    label.box = b->box;
    label.source = b->source;
    label.confidence = b->confidence;
    label.attributes = track.attributes;
    frame.cuboids.push_back(std::move(label));
  }
}

DriveSummary NativeDriveReader::summarize() const {
  DriveSummary summary;
  summary.format = format();
  summary.root = drive_.root;
  for (const NativeSensor& s : drive_.sensors) summary.sensors.push_back({s.name, sensor_kind_name(s.kind)});
  summary.frame_ids = frame_ids();
  summary.cuboid_labels = int64_t(labels_.boxes.size());
  summary.image_box_labels = int64_t(labels_.boxes_2d.size());
  for (const TrackBox& b : labels_.boxes)
    ++summary.labels_per_class[b.class_name.empty() ? labels_.tracks[track_index_.at(b.track_id)].class_name : b.class_name];
  summary.tracks = int64_t(labels_.tracks.size());
  return summary;
}

}  // namespace fuselabel
