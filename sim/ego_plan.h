#pragma once
// The ego's drive: cruise speeds that change now and then, slowing for curves (bounded lateral
// acceleration), and stops at crosswalks, which this plan adds to the road where the ego comes
// to rest.
#include <cstdint>
#include <vector>

#include "sim/drive_world.h"

namespace fuselabel {

// Plans the ego from drive time 0 to `horizon` on world.road's ego lane, starting at ego-lane arc
// length `s_start` (the lane's own arc length, not the centre line's), and fills world.ego and world.stops (adding their crosswalks to world.road).
// `queue_ahead`: distance from the ego frame's origin to the front of the first vehicle of the
// queue at a stop (the ego's own front, or the lead vehicle's).
void plan_ego(SimDriveWorld& world, const SimEgoConfig& config, double s_start, double horizon, double queue_ahead,
              uint64_t seed);

// Distance from a crosswalk's first edge back to where the first vehicle's front stops.
constexpr double kQueueFrontBeforeCrosswalk = 2.5;

}  // namespace fuselabel
