#pragma once
// A spinning multi-beam LiDAR at the origin of the scene's frame: one ray per beam and
// azimuth step, cast exactly against the scene, with range noise, dropout and an intensity
// from surface reflectance and incidence angle. Every return carries the actor it hit.
#include <cstdint>
#include <vector>

#include "sim/scene.h"

namespace fuselabel {

struct LidarConfig {
  int beams = 64;
  // Elevation of the top and bottom beams, evenly spaced between (Velodyne HDL-64E: +2 to -24.8).
  double elevation_max_deg = 2.0;
  double elevation_min_deg = -24.8;
  int azimuth_steps = 1024;  // rays per beam and revolution
  double min_range = 1.0;    // returns nearer than this are lost (the sensor's blind zone)
  double max_range = 120.0;
  // Range noise along the ray: Gaussian truncated at 3 sigma.
  double range_noise_sigma = 0.02;
  double dropout_probability = 0.02;  // chance that a ray with a target returns nothing
  uint64_t seed = 0;                  // noise and dropout; fixes the sweep bit for bit
};

// Columns of SimLidarSweep::records, as in a KITTI velodyne .bin.
constexpr int kSimLidarFields = 4;  // x y z intensity

struct SimLidarSweep {
  std::vector<float> records;      // x y z intensity per return, scene (LiDAR) frame
  std::vector<int32_t> hit_actor;  // per return: index into SimScene::actors, -1 for the ground
  int64_t size() const { return static_cast<int64_t>(hit_actor.size()); }
};

// Throws std::invalid_argument naming the first unusable field.
void validate_lidar_config(const LidarConfig& config);

// Returns ordered by azimuth step, then beam (top beam first), as the sensor fires them.
// Noise moves a return along its ray, placed by place_lidar_return (lidar_return.h): every
// actor return lies at least 1 mm inside its own cuboid and every return at least 1 mm outside
// the others, so points-in-cuboid counts equal the hits per actor.
SimLidarSweep simulate_lidar(const SimScene& scene, const LidarConfig& config);

}  // namespace fuselabel
