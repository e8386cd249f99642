#pragma once
// Small drives for the simulator's tests: short, low-resolution sensors, so a Debug build
// simulates one in about a second.
#include "sim/sim_drive_config.h"

namespace fuselabel::testing {

inline SimDriveConfig small_drive_config(uint64_t seed = 1) {
  SimDriveConfig config;
  config.name = "test-drive";
  config.seed = seed;
  config.duration = 1.0;
  config.keyframe_interval = 3;
  config.ego.initial_speed = 8;
  config.ego.first_stop = 30;
  config.lidar.beams = 16;
  config.lidar.azimuth_steps = 360;
  for (SimRadarSpec& radar : config.radars) radar.ray_spacing = 0.01;
  for (SimCameraSpec& camera : config.cameras) {
    const double scale = 0.25;
    camera.width = static_cast<int>(camera.width * scale);
    camera.height = static_cast<int>(camera.height * scale);
    camera.fx *= scale, camera.fy *= scale;
  }
  return config;
}

}  // namespace fuselabel::testing
