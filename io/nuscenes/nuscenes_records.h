#pragma once
// Rows of the nuScenes tables (docs/nuscenes.md, devkit docs/schema_nuscenes.md), already
// converted to the engine's conventions where geometry is concerned: poses as T_dst_src
// transforms from (translation, rotation w x y z), boxes as Cuboidd with size (l, w, h).
// Foreign keys stay tokens; nuscenes_scene.h resolves them.
#include <cstdint>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include "projection/cuboid.h"
#include "projection/transform.h"

namespace fuselabel::nuscenes {

template <typename Record>
using TokenMap = std::unordered_map<std::string, Record>;

struct Log {
  std::string token, logfile, location;
};

struct Scene {
  std::string token, name, log_token, first_sample_token, last_sample_token;
  int64_t nbr_samples = 0;
};

struct Sample {
  std::string token, scene_token, prev, next;
  int64_t timestamp_us = 0;
};

struct Sensor {
  std::string token, channel, modality;  // modality: camera, lidar or radar
};

struct CalibratedSensor {
  std::string token, sensor_token;
  Transform3d T_ego_sensor;
  std::vector<std::vector<double>> camera_intrinsic;  // 3x3 for cameras, empty otherwise
};

struct EgoPose {
  std::string token;
  int64_t timestamp_us = 0;
  Transform3d T_world_ego;
};

struct SampleData {
  std::string token, sample_token, ego_pose_token, calibrated_sensor_token, prev, next;
  std::string filename;  // relative to the dataroot
  int64_t timestamp_us = 0;
  int width = 0, height = 0;  // images only
  bool is_key_frame = false;
};

struct SampleAnnotation {
  std::string token, sample_token, instance_token, visibility_token;  // visibility may be ""
  std::vector<std::string> attribute_tokens;
  Cuboidd box;  // world frame, size (l, w, h)
  int64_t num_lidar_pts = 0, num_radar_pts = 0;
};

struct Instance {
  std::string token, category_token;
};

struct Category {
  std::string token, name;
};

struct Attribute {
  std::string token, name;
};

struct Visibility {
  std::string token, level;
};

}  // namespace fuselabel::nuscenes
