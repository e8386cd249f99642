#pragma once
// A spinning LiDAR on the moving ego in a moving world: the sweep is not instantaneous. Column k
// of a revolution fires at t0 + k / (azimuth_steps * rate_hz); its rays are cast against the
// ground and the actors where they are at that instant, from where the sensor is at that
// instant. Each return is written in the LiDAR frame of its own firing time (as the sensor
// reports it; consumers deskew with t_offset and the ego poses).
#include <cstdint>
#include <vector>

#include "sim/drive_world.h"
#include "sim/sim_drive_config.h"

namespace fuselabel {

// Columns of SimSweep::records: the native LiDAR layout x y z intensity t_offset.
constexpr int kSimSweepFields = 5;

struct SimSweep {
  std::vector<float> records;      // t_offset: seconds after the sweep's start (float32)
  std::vector<int32_t> hit_actor;  // per return: index into SimDriveWorld::actors, -1 for the ground
  int64_t size() const { return static_cast<int64_t>(hit_actor.size()); }
};

// Elevations of the beams, top first (spec.elevations, or evenly spaced).
std::vector<double> beam_elevations(const SimLidarSpec& spec);

// One revolution starting at drive time t0 (s). Azimuth starts behind the sensor (pi) and turns
// clockwise seen from above, like a Velodyne. Actors are where they are at each ray's firing
// time (or at t0 with spec.freeze_actors). Noise, dropout and intensity as lidar_sim.h: range
// noise along the ray, placed by place_lidar_return (lidar_return.h) so that every actor return
// is inside its cuboid and every return outside the others; intensity = reflectivity x
// cos(incidence), ground reflectivity from the road's markings. Deterministic in
// (world, spec, T_ego_lidar, t0, seed).
SimSweep simulate_lidar_sweep(const SimDriveWorld& world, const SimLidarSpec& spec, const Transform3d& T_ego_lidar,
                              double t0, uint64_t seed);

}  // namespace fuselabel
