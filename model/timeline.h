#pragma once
// What each sensor recorded and when: per sensor its samples in time order, each a timestamp
// and the file that holds it.
#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "projection/transform.h"

namespace fuselabel {

struct SensorSample {
  int64_t timestamp_us = 0;  // LiDAR: the sweep's reference time (per-point offsets are added to it)
  std::filesystem::path file;  // absolute; empty when the sensor fired but the drive holds no file
  // The ego pose recorded with this very sample (nuScenes stores one per sample_data); absent:
  // the drive's trajectory is interpolated at timestamp_us.
  std::optional<Transform3d> T_world_ego;
  std::string token;  // the format's own id of the sample, for messages (nuScenes sample_data token)
};

struct SensorTimeline {
  std::string sensor;
  std::vector<SensorSample> samples;  // non-decreasing time
  std::vector<int64_t> timestamps;    // of `samples`, for nearest-time association

  void add(SensorSample sample);
};

}  // namespace fuselabel
