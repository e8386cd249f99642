#pragma once
// The rig of a simulated drive (internal to drive_sim.cpp): each sensor's nominal mounting,
// capture and recorded timestamps, files and faults; and the drive's description on disk.
#include <climits>
#include <cstdint>
#include <filesystem>
#include <memory>
#include <string>
#include <vector>

#include "sim/drive_camera.h"
#include "sim/sensor_faults.h"
#include "sim/sim_drive_config.h"
#include "io/native/native_drive.h"

namespace fuselabel {

struct RigSensor {
  std::string name;
  SensorKind kind = SensorKind::Lidar;
  int spec = 0;                  // index into config.radars or config.cameras (0 for the LiDAR)
  Transform3d T_ego_nominal;     // what drive.yaml says
  std::vector<int64_t> true_us;  // capture times
  std::vector<NativeSample> samples;  // recorded timestamps (true + fault offset) and files
  uint64_t seed = 0;             // noise of the sensor's samples
  const Transform3d* T_nominal_true = nullptr;  // a mount drift: points into the caller's SensorFaults
  int64_t drift_from_us = INT64_MAX;            // capture time from which the drift applies
  std::shared_ptr<const CameraRays> rays;       // cameras

  bool drifted(int64_t true_us) const { return T_nominal_true && true_us >= drift_from_us; }
  // Where the sensor really sat at capture time true_us.
  Transform3d T_ego_true(int64_t true_us) const {
    return drifted(true_us) ? T_ego_nominal * *T_nominal_true : T_ego_nominal;
  }
};

// LiDAR first, then the radars, then the cameras (config order). Throws std::invalid_argument for
// faults naming unknown cameras or radars, duplicated per sensor, or with an offset beyond 1 s or
// a rotation that is not orthonormal.
std::vector<RigSensor> plan_rig(const SimDriveConfig& config, const SensorFaults& faults);

// Writes drive.yaml, the ego poses, the sensor indexes and both label sets; returns their bytes.
int64_t write_drive_description(const SimDriveConfig& config, const SimDriveWorld& world,
                                const std::vector<RigSensor>& rig, const std::filesystem::path& out_dir,
                                const LabelSet& ground_truth);

}  // namespace fuselabel
