#include "io/nuscenes_drive.h"

#include <algorithm>
#include <set>
#include <system_error>

#include "io/input_error.h"
#include "io/nuscenes_radar.h"
#include "io/point_file.h"
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
  if (!options.nuscenes_version.empty()) {
    if (std::find(versions.begin(), versions.end(), options.nuscenes_version) == versions.end())
      throw InputError(options.path / options.nuscenes_version, "version '" + options.nuscenes_version + "'",
                       "no such folder in the dataroot; versions: " + joined(versions));
    return options.nuscenes_version;
  }
  if (versions.size() != 1)
    throw InputError(options.path, "", "choose a nuScenes version (--version); versions: " + joined(versions));
  return versions.front();
}

// Where an error about one sample_data of a frame points.
std::string sample_data_place(const Channel& channel, const SensorSample& sample) {
  return channel.name + " sample_data " + sample.token;
}

// The sample_data of `channel` that goes with a LiDAR sweep: a keyframe's own sample of that
// channel when it has one, else the nearest in time within kMaxAssociationOffsetUs.
const SensorSample* associated(const Channel& channel, const nuscenes::SceneSample* keyframe, int64_t t_lidar_us) {
  if (keyframe) {
    const auto own = keyframe->keyframes.find(channel.name);
    if (own != keyframe->keyframes.end()) return &channel.samples[own->second];
  }
  const int64_t nearest = nearest_timestamp(channel.timestamps, t_lidar_us, NuscenesDrive::kMaxAssociationOffsetUs);
  return nearest < 0 ? nullptr : &channel.samples[static_cast<size_t>(nearest)];
}

PointSweep lidar_sweep(const Channel& channel, const SensorSample& sample) {
  const std::string name = sample.file.filename().string();
  if (name.size() < 4 || name.compare(name.size() - 4, 4, ".bin") != 0)
    throw InputError(sample.file, sample_data_place(channel, sample), "a nuScenes LiDAR file is a .pcd.bin");
  PointSweep sweep;
  sweep.sensor = channel.name;
  sweep.timestamp_us = sample.timestamp_us;
  sweep.fields = kNuscenesLidarFields;
  sweep.records = read_float_records(sample.file, kNuscenesLidarFields);
  return sweep;
}

CameraView camera_view(const Channel& channel, const SensorSample& camera, const SensorSample& lidar) {
  std::error_code ec;
  if (!std::filesystem::is_regular_file(camera.file, ec))
    throw InputError(camera.file, sample_data_place(channel, camera), "no such image file");
  CameraView view;
  view.sensor = channel.name;
  view.timestamp_us = camera.timestamp_us;
  view.model = *camera.camera;
  // lidar -> ego(t_lidar) -> world -> ego(t_camera) -> camera, each with its own ego pose.
  view.T_cam_lidar =
      time_aligned_transform(camera.T_ego_sensor, camera.T_world_ego, lidar.T_world_ego, lidar.T_ego_sensor);
  view.T_cam_label_frame = (camera.T_world_ego * camera.T_ego_sensor).inverse();
  view.image_path = camera.file;
  return view;
}

PointSweep radar_sweep(const Channel& channel, const SensorSample& radar, const SensorSample& lidar) {
  PointSweep scan = read_nuscenes_radar_pcd(radar.file, channel.name);
  scan.timestamp_us = radar.timestamp_us;
  const Transform3d T_lidar_radar =
      time_aligned_transform(lidar.T_ego_sensor, lidar.T_world_ego, radar.T_world_ego, radar.T_ego_sensor);
  return nuscenes_radar_frame_sweep(scan, T_lidar_radar, radar.file);
}

}  // namespace

NuscenesDrive::NuscenesDrive(const DriveOptions& options)
    : scene_(nuscenes::load_scene(options.path, chosen_version(options), options.scene)), frames_(scene_) {}

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

FrameData NuscenesDrive::load_frame(const std::string& id, bool load_points) const {
  const size_t index = frames_.lidar_index(id);
  const Channel& lidar_channel = scene_.lidar();
  const SensorSample& lidar = lidar_channel.samples[index];
  const int64_t sample_index = frames_.sample_of(index);
  const nuscenes::SceneSample* keyframe = sample_index < 0 ? nullptr : &scene_.samples[size_t(sample_index)];

  FrameData frame;
  frame.id = frames_.id_of(index);
  frame.timestamp_us = lidar.timestamp_us;
  frame.label_frame = "world";
  frame.T_labels_lidar = lidar.T_world_ego * lidar.T_ego_sensor;
  frame.taxonomy = kTaxonomy;
  if (load_points) frame.lidar = lidar_sweep(lidar_channel, lidar);
  for (const auto& [name, channel] : scene_.channels) {
    if (channel.modality == "lidar") continue;
    const SensorSample* sample = associated(channel, keyframe, lidar.timestamp_us);
    if (!sample) continue;
    if (channel.modality == "camera") frame.cameras.push_back(camera_view(channel, *sample, lidar));
    if (channel.modality == "radar" && load_points) frame.radars.push_back(radar_sweep(channel, *sample, lidar));
  }
  if (!keyframe) return frame;  // sweeps carry no annotations
  for (const nuscenes::Annotation& annotation : keyframe->annotations) {
    CuboidLabel label;
    label.id = annotation.token;
    label.track_id = annotation.instance_token;
    label.class_name = annotation.class_name;
    label.box = annotation.box;
    label.attributes = annotation.attributes;
    frame.cuboids.push_back(std::move(label));
  }
  return frame;
}

DriveSummary NuscenesDrive::summarize() const {
  DriveSummary summary;
  summary.format = format();
  summary.root = scene_.dataroot;
  summary.sensors.push_back({scene_.lidar_channel, "lidar"});
  for (const auto& [name, channel] : scene_.channels)
    if (channel.modality != "lidar") summary.sensors.push_back({name, channel.modality});
  summary.frame_ids = frames_.ids();
  std::set<std::string> tracks;
  for (const nuscenes::SceneSample& sample : scene_.samples)
    for (const nuscenes::Annotation& annotation : sample.annotations) {
      ++summary.cuboid_labels;
      ++summary.labels_per_class[annotation.class_name];
      tracks.insert(annotation.instance_token);
    }
  summary.tracks = static_cast<int64_t>(tracks.size());
  return summary;
}

}  // namespace fuselabel
