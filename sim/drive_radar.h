#pragma once
// An automotive radar on the moving ego: a few detections per visible actor, found by casting a
// grid of rays over the field of view (the ground and nearer actors occlude), with noisy range,
// azimuth and elevation, the Doppler radial velocity of the reflecting point relative to the
// moving sensor, a radar cross section, missed detections and false alarms.
#include <cstdint>
#include <vector>

#include "sim/drive_world.h"
#include "sim/sim_drive_config.h"

namespace fuselabel {

// Columns of SimRadarScan::records: the native radar layout x y z vr rcs.
constexpr int kSimRadarFields = 5;

struct SimRadarScan {
  // Radar frame at the scan time; vr in m/s, positive away from the sensor (range rate), ego
  // motion not removed; rcs in dBsm.
  std::vector<float> records;
  std::vector<int32_t> hit_actor;  // per detection: index into SimDriveWorld::actors, -1 = false alarm
  int64_t size() const { return static_cast<int64_t>(hit_actor.size()); }
};

// Probability of detecting an actor of radar cross section rcs_dbsm at `range`: the radar
// equation makes the reach scale with rcs^(1/4), so a 10 dBsm target is seen to max_range and a
// -5 dBsm pedestrian to 42% of it; within its reach p = detection_probability (1 - (r/reach)^4).
double radar_detection_probability(const SimRadarSpec& spec, double rcs_dbsm, double range);

// One scan at drive time t. Deterministic in (world, spec, T_ego_radar, t, seed).
SimRadarScan simulate_radar_scan(const SimDriveWorld& world, const SimRadarSpec& spec, const Transform3d& T_ego_radar,
                                 double t, uint64_t seed);

}  // namespace fuselabel
