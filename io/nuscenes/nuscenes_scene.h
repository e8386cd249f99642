#pragma once
// One nuScenes scene with every reference resolved: its samples in order, each sensor channel's
// sample_data (keyframes and sweeps) in time order with their own calibration and ego pose, and
// the samples' annotations as world-frame cuboids with class and attributes. Loading validates
// the tables as it resolves them: a dangling token, a broken prev/next chain, a count that
// disagrees with nbr_samples, a non-unit quaternion or a malformed intrinsic matrix is an
// InputError naming the table file, the row's token and the field.
#include <cstdint>
#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "model/input_error.h"
#include "io/nuscenes/nuscenes_json.h"
#include "io/nuscenes/nuscenes_records.h"
#include "projection/camera_model.h"

namespace fuselabel::nuscenes {

// A sample_data row, resolved.
struct SensorSample {
  std::string token, sample_token;
  int64_t timestamp_us = 0;
  bool is_key_frame = false;
  std::filesystem::path file;          // dataroot / filename
  Transform3d T_ego_sensor;            // calibrated_sensor of this row
  Transform3d T_world_ego;             // ego_pose of this row (each sample_data has its own)
  std::optional<CameraModeld> camera;  // pinhole, cameras only
};

struct Channel {
  std::string name;                   // e.g. LIDAR_TOP, RADAR_FRONT, CAM_FRONT
  std::string modality;               // lidar, radar or camera
  std::vector<SensorSample> samples;  // strictly increasing time, linked by prev/next
  std::vector<int64_t> timestamps;    // of `samples`, for nearest-time association
};

struct Annotation {
  std::string token, instance_token, class_name;
  Cuboidd box;  // world frame, size (l, w, h)
  // attribute group -> state ("vehicle" -> "moving"), "visibility" -> level ("v80-100"),
  // "num_lidar_pts" and "num_radar_pts" -> the counts nuScenes stores.
  std::map<std::string, std::string> attributes;
};

struct SceneSample {
  std::string token;
  int64_t timestamp_us = 0;
  std::map<std::string, size_t> keyframes;  // channel -> index of its keyframe sample_data
  std::vector<Annotation> annotations;      // in table order
};

struct SceneData {
  std::filesystem::path dataroot;
  std::string version, name, token, location;
  std::vector<SceneSample> samples;  // scene order, first_sample_token -> next ...
  std::map<std::string, Channel> channels;
  std::string lidar_channel;  // the one channel of modality lidar

  const Channel& lidar() const { return channels.at(lidar_channel); }
};

// Loads scene `scene_name` of DATAROOT/VERSION. Throws InputError listing the scene names when
// the scene is empty or not in scene.json.
SceneData load_scene(const std::filesystem::path& dataroot, const std::string& version, const std::string& scene_name);

// --- the steps of load_scene, one file each ---

// Builds `scene.channels` from the scene's sample_data rows and marks the samples' keyframes.
void resolve_channels(TableReader& reader, SceneData& scene, const std::filesystem::path& version_dir,
                      const TokenMap<SampleData>& sample_data);
// Fills the samples' annotations from sample_annotation.json and the tables it references.
void resolve_annotations(TableReader& reader, SceneData& scene, const std::filesystem::path& version_dir,
                         const TokenMap<Sample>& all_samples);

// Where an error about a row names it when the row is no longer being parsed.
std::string row_field(const std::string& token, const char* field);

// table[token]; a token naming no row is reported against the referring row (file, row, field).
template <typename Record>
const Record& resolve_token(const TokenMap<Record>& table, const std::string& token, const std::filesystem::path& file,
                            const std::string& row, const char* field, const std::filesystem::path& target_file) {
  const auto it = table.find(token);
  if (it == table.end())
    throw InputError(file, row_field(row, field),
                     "dangling token " + token + ": no such row in " + target_file.string());
  return it->second;
}

}  // namespace fuselabel::nuscenes
