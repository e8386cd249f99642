#include "io/nuscenes/nuscenes_drive.h"

#include <algorithm>
#include <cstdio>
#include <set>
#include <system_error>

#include "model/input_error.h"
#include "io/nuscenes/nuscenes_label_writer.h"
#include "io/nuscenes/nuscenes_radar.h"
#include "io/common/point_file.h"
#include "io/nuscenes/nuscenes_tables.h"
#include "projection/pose_interpolation.h"

namespace fuselabel {
namespace {

using nuscenes::Channel;
using nuscenes::SensorSample;

const char kTaxonomy[] = "nuscenes-v1.0";

std::string joined(const std::vector<std::string>& names) {
  std::string out;
  for (const std::string& name : names) out += (out.empty() ? "" : ", ") + name;
  return out.empty() ? "(none)" : out;
}

std::string chosen_version(const DriveOptions& options) {
  const std::vector<std::string> versions = NuscenesDrive::versions(options.path);
  const std::string version = options.selector("version");
  if (!version.empty()) {
    if (std::find(versions.begin(), versions.end(), version) == versions.end())
      throw InputError(options.path / version, "version '" + version + "'",
                       "no such folder in the dataroot; versions: " + joined(versions));
    return version;
  }
  if (versions.size() != 1)
    throw InputError(options.path, "", "choose a nuScenes version (--version); versions: " + joined(versions));
  return versions.front();
}

// Where an error about one sample_data of a frame points.
std::string sample_data_place(const Channel& channel, const SensorSample& sample) {
  return channel.name + " sample_data " + sample.token;
}

SensorKind kind_of(const Channel& channel) {
  if (channel.modality == "lidar") return SensorKind::Lidar;
  return channel.modality == "camera" ? SensorKind::Camera : SensorKind::Radar;
}

bool same_calibration(const SensorSample& a, const SensorSample& b) {
  for (int i = 0; i < 9; ++i)
    if (a.T_ego_sensor.R.m[i] != b.T_ego_sensor.R.m[i]) return false;
  if (!(a.T_ego_sensor.t.x == b.T_ego_sensor.t.x && a.T_ego_sensor.t.y == b.T_ego_sensor.t.y &&
        a.T_ego_sensor.t.z == b.T_ego_sensor.t.z))
    return false;
  if (a.camera.has_value() != b.camera.has_value()) return false;
  return !a.camera || (a.camera->fx == b.camera->fx && a.camera->fy == b.camera->fy && a.camera->cx == b.camera->cx &&
                       a.camera->cy == b.camera->cy && a.camera->width == b.camera->width &&
                       a.camera->height == b.camera->height);
}

// The channel as a sensor of the rig: one calibration per channel and scene, as nuScenes records.
Sensor sensor_of(const nuscenes::SceneData& scene, const Channel& channel) {
  const SensorSample& first = channel.samples.front();
  for (const SensorSample& sample : channel.samples)
    if (!same_calibration(sample, first))
      throw InputError(nuscenes::table_file(scene.dataroot / scene.version, "calibrated_sensor"),
                       sample_data_place(channel, sample),
                       "its calibrated_sensor differs from that of " + first.token +
                           ": a channel's calibration must not change within a scene");
  return {channel.name, kind_of(channel), first.T_ego_sensor, first.camera, 0.0};
}

Drive scene_model(const nuscenes::SceneData& scene, const nuscenes::FrameIndex& frames) {
  Drive drive;
  drive.format = "nuscenes";
  drive.root = scene.dataroot;
  drive.name = scene.name;
  drive.trajectory.provenance = PoseProvenance::Dataset;
  drive.trajectory.world_frame = "map:" + scene.location;
  drive.trajectory.source = nuscenes::table_file(scene.dataroot / scene.version, "ego_pose");
  Rig rig;
  std::vector<const Channel*> order = {&scene.lidar()};
  for (const auto& [name, channel] : scene.channels)
    if (name != scene.lidar_channel) order.push_back(&channel);
  std::map<int64_t, Transform3d> poses;  // every sample_data's ego pose, by time
  for (const Channel* channel : order) {
    if (channel->samples.empty()) continue;
    rig.sensors.push_back(sensor_of(scene, *channel));
    SensorTimeline& timeline = drive.timelines[channel->name];
    timeline.sensor = channel->name;
    for (const SensorSample& s : channel->samples) {
      timeline.add(fuselabel::SensorSample{s.timestamp_us, s.file, s.T_world_ego, s.token});
      poses.emplace(s.timestamp_us, s.T_world_ego);
    }
  }
  for (const auto& [t, pose] : poses) drive.trajectory.poses.push_back({t, pose});
  drive.rigs.push_back(std::move(rig));

  const Channel& lidar = scene.lidar();
  for (size_t i = 0; i < lidar.samples.size(); ++i) {
    DriveFrame frame{frames.id_of(i), lidar.samples[i].timestamp_us, 0, int64_t(i), {}};
    const int64_t k = frames.sample_of(i);
    if (k >= 0)
      for (const auto& [channel, index] : scene.samples[size_t(k)].keyframes) frame.samples[channel] = int64_t(index);
    drive.frames.push_back(std::move(frame));
  }

  LabelSet& labels = drive.labels;
  labels.name = "sample_annotation";
  labels.taxonomy = kTaxonomy;
  labels.frame = LabelFrame::World;
  std::set<std::string> tracks;
  for (size_t k = 0; k < scene.samples.size(); ++k) {
    const nuscenes::SceneSample& sample = scene.samples[k];
    const size_t lidar_index = sample.keyframes.at(scene.lidar_channel);
    for (const nuscenes::Annotation& a : sample.annotations) {
      CuboidLabel label;
      label.id = a.token;
      label.track_id = a.instance_token;
      label.class_name = a.class_name;
      label.frame = int64_t(lidar_index);
      label.timestamp_us = sample.timestamp_us;
      label.box = a.box;
      label.attributes = a.attributes;
      labels.boxes.push_back(std::move(label));
      if (tracks.insert(a.instance_token).second) labels.tracks.push_back({a.instance_token, a.class_name, {}});
    }
  }
  return drive;
}

}  // namespace

NuscenesDrive::NuscenesDrive(const DriveOptions& options)
    : scene_(nuscenes::load_scene(options.path, chosen_version(options), options.selector("scene"))), frames_(scene_) {
  drive_ = scene_model(scene_, frames_);
}

bool NuscenesDrive::recognises(const std::filesystem::path& dir) { return !versions(dir).empty(); }

std::vector<std::string> NuscenesDrive::versions(const std::filesystem::path& dataroot) {
  std::vector<std::string> out;
  std::error_code ec;
  for (std::filesystem::directory_iterator it(dataroot, ec), end; !ec && it != end; it.increment(ec)) {
    const std::string name = it->path().filename().string();
    std::error_code dir_ec;
    if (name.rfind("v1.0-", 0) == 0 && it->is_directory(dir_ec)) out.push_back(name);
  }
  std::sort(out.begin(), out.end());
  return out;
}

void NuscenesDrive::write_labels(const LabelSet& labels, const std::filesystem::path& dir) const {
  const nuscenes::AppliedLabels applied = nuscenes::write_scene_labels(scene_, labels, dir);
  if (applied.off_sample > 0)
    std::fprintf(stderr, "note: %lld labels at LiDAR sweeps between keyframes left out of the nuScenes tables "
                 "(nuScenes annotates its samples only)\n", (long long)applied.off_sample);
}

PointSweep NuscenesDrive::load_points(const Sensor& sensor, const fuselabel::SensorSample& sample) const {
  const std::string where = sensor.name + " sample_data " + sample.token;
  if (sensor.kind == SensorKind::Radar) {
    // vr comes from the radar-frame positions; assembly then moves the points into the LiDAR frame.
    return nuscenes_radar_frame_sweep(read_nuscenes_radar_pcd(sample.file, sensor.name), Transform3d{}, sample.file);
  }
  const std::string name = sample.file.filename().string();
  if (name.size() < 4 || name.compare(name.size() - 4, 4, ".bin") != 0)
    throw InputError(sample.file, where, "a nuScenes LiDAR file is a .pcd.bin");
  PointSweep sweep;
  sweep.fields = kNuscenesLidarFields;
  sweep.records = read_float_records(sample.file, kNuscenesLidarFields);
  return sweep;
}

}  // namespace fuselabel
