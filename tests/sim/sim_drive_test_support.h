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

// Three seconds at 10 Hz with one 800 x 450 front camera (f 600 px), the default LiDAR
// resolution and no radars: the sensor checks' end-to-end drives.
inline SimDriveConfig one_camera_drive_config(uint64_t seed) {
  SimDriveConfig config = small_drive_config(seed);
  config.duration = 3.0;
  config.lidar = SimLidarSpec{};
  config.radars.clear();
  SimCameraSpec front;
  front.width = 800, front.height = 450, front.fx = front.fy = 600;
  config.cameras = {front};
  return config;
}

}  // namespace fuselabel::testing
