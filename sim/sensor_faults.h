#pragma once
// Sensor-level errors the simulator can inject (from a corruption profile): the drive's files
// claim the nominal calibration and timing, while the simulated sensor really behaved as
// described here. Label-level errors are applied to label sets instead (corruption.h).
#include <cstdint>
#include <string>
#include <vector>

#include "projection/transform.h"

namespace fuselabel {

// The camera's recorded timestamps are offset_us later than the true capture times (a sync
// error): images are rendered at t_true, written with t_true + offset_us.
struct CameraTimeOffsetFault {
  std::string camera;
  int64_t offset_us = 0;
};

// From LiDAR frame `from_frame` on, the camera's true mounting is
// T_ego_cam_true = T_ego_cam_nominal * T_nominal_true (calibration drift); drive.yaml keeps the
// nominal extrinsic.
struct CameraExtrinsicDrift {
  std::string camera;
  int64_t from_frame = 0;
  Transform3d T_nominal_true;
};

// From LiDAR frame `from_frame` on, the radar's true mounting is
// T_ego_radar_true = T_ego_radar_nominal * T_nominal_true (a knocked mount): its detections are
// measured in the true radar frame while drive.yaml claims the nominal one.
struct RadarExtrinsicDrift {
  std::string radar;
  int64_t from_frame = 0;
  Transform3d T_nominal_true;
};

struct SensorFaults {
  std::vector<CameraTimeOffsetFault> time_offsets;
  std::vector<CameraExtrinsicDrift> extrinsic_drifts;
  std::vector<RadarExtrinsicDrift> radar_drifts;

  bool empty() const { return time_offsets.empty() && extrinsic_drifts.empty() && radar_drifts.empty(); }
};

}  // namespace fuselabel
