#pragma once
// The multi-sensor drive simulator: a road with traffic (drive_scenario.h) seen by one LiDAR,
// any number of radars and cameras, each at its own rate and phase, written in the native drive
// format (io/native_drive.h) with two label sets, "ground_truth" (every LiDAR frame) and
// "keyframes" (every Kth), and the exact truth behind them returned.
#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

#include "sim/drive_world.h"
#include "sim/sensor_faults.h"
#include "sim/sim_drive_config.h"

namespace fuselabel {

// Label set names and files (relative to the drive root).
inline const char* const kGroundTruthLabelSet = "ground_truth";
inline const char* const kKeyframeLabelSet = "keyframes";

struct SimActorCount {
  int32_t actor = 0;  // index into SimDriveWorld::actors
  int64_t count = 0;
};

struct SimLidarFrameTruth {
  int64_t timestamp_us = 0;
  int64_t points = 0;
  std::vector<SimActorCount> returns;  // LiDAR returns per actor hit, ascending actor
};

struct SimRadarScanTruth {
  int64_t timestamp_us = 0;
  std::vector<SimActorCount> detections;  // per detected actor, ascending actor
  int64_t false_alarms = 0;
  bool drifted = false;  // measured from a drifted mount (SensorFaults::radar_drifts)
};

struct SimCameraSampleTruth {
  int64_t timestamp_us = 0;   // as recorded in the index (true time + any fault offset)
  int64_t true_time_us = 0;   // when the image was rendered
  bool drifted = false;       // rendered with a drifted extrinsic (SensorFaults)
  std::vector<SimActorCount> visible_pixels;  // per actor seen, ascending actor
};

struct SimDriveTruth {
  SimDriveConfig config;
  SimDriveWorld world;  // everything at any time: actor_state(world.actors[a], t), world.ego.state(t)
  std::vector<SimLidarFrameTruth> lidar_frames;
  std::vector<std::vector<SimRadarScanTruth>> radar_scans;       // parallel to config.radars
  std::vector<std::vector<SimCameraSampleTruth>> camera_samples;  // parallel to config.cameras
  int64_t files_written = 0;
  int64_t bytes_written = 0;  // sensor files, labels and drive description
  double seconds = 0;         // wall time of simulate_drive

  // Drive time (s since the start) of an absolute timestamp.
  double drive_time(int64_t timestamp_us) const { return double(timestamp_us - config.start_time_us) * 1e-6; }
  int actor_index(const std::string& track_id) const;  // -1 when unknown
  int64_t lidar_returns(size_t frame, int actor) const;
};

// Writes out_dir/{drive.yaml, ego_poses.csv, sensors/NAME/index.csv + samples,
// labels/ground_truth.json, labels/keyframes.json} (files atomically; existing files of the same
// names are replaced) and returns the truth. Identical config (seed included) and faults give
// byte-identical files, whatever the number of threads. `faults` are rendered into the sensor
// data while drive.yaml keeps the nominal rig (sensor_faults.h). Throws std::invalid_argument
// for an invalid config or faults naming unknown cameras or radars.
SimDriveTruth simulate_drive(const SimDriveConfig& config, const std::filesystem::path& out_dir,
                             const SensorFaults& faults = {});

// Relative path of sample `index` of a sensor: sensors/NAME/000123.EXT.
std::string sim_sample_file(const std::string& sensor, int64_t index, const std::string& extension);

}  // namespace fuselabel
