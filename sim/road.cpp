#include "sim/road.h"

#include <algorithm>
#include <cmath>
#include <stdexcept>
#include <string>

#include "sim/sim_random.h"

namespace fuselabel {
namespace {

// Straights at least this long may carry a junction at their middle; its side road needs
// straight road this far either side so that turning paths are exact quarter circles.
constexpr double kJunctionStraight = 120.0, kJunctionClearance = 50.0;

void add_junction(SimRoad& road, double s, SimRandom& random) {
  SimJunction junction;
  junction.s = s;
  junction.side = random.chance(0.5) ? 1 : -1;
  junction.width = 2 * road.layout.lane_width;
  road.junctions.push_back(junction);
}

}  // namespace

bool SimRoad::near_junction(double s, double margin) const {
  for (const SimJunction& j : junctions)
    if (std::fabs(s - j.s) <= j.width / 2 + margin) return true;
  return false;
}

bool SimRoad::near_crosswalk(double s, double margin) const {
  for (const SimCrosswalk& c : crosswalks)
    if (s >= c.s - margin && s <= c.s + c.length + margin) return true;
  return false;
}

SimRoad make_road(const SimRoadConfig& layout, double length, Vec2<double> start,
                  double start_yaw, uint64_t seed) {
  const double outer = layout.lanes_per_direction * layout.lane_width + layout.shoulder_width + layout.sidewalk_width;
  if (!(layout.radius_min > outer + 5.0))
    throw std::invalid_argument("road.radius_min: " + std::to_string(layout.radius_min) +
                                " m is too tight for a road " + std::to_string(2 * outer) + " m wide");
  SimRandom random(seed);
  SimRoad road;
  road.layout = layout;
  road.center = SimPath(start, start_yaw);
  bool straight = true;
  while (road.center.length() < length) {
    if (straight) {
      const double piece = random.uniform(layout.straight_min, layout.straight_max);
      const double s0 = road.center.length();
      road.center.add(piece, 0.0);
      if (piece >= kJunctionStraight && random.chance(layout.junction_probability)) {
        const double room = piece / 2 - kJunctionClearance;
        add_junction(road, s0 + piece / 2 + random.uniform(-room, room), random);
      }
    } else {
      const double radius = random.uniform(layout.radius_min, layout.radius_max);
      const double turn = random.uniform(std::min(0.2, layout.turn_max), layout.turn_max);
      road.center.add(radius * turn, (random.chance(0.5) ? 1.0 : -1.0) / radius);
    }
    straight = !straight;
  }
  return road;
}

void add_crosswalk(SimRoad& road, double s) {
  SimCrosswalk crosswalk;
  crosswalk.s = s;
  const auto at = std::upper_bound(road.crosswalks.begin(), road.crosswalks.end(), s,
                                   [](double value, const SimCrosswalk& c) { return value < c.s; });
  road.crosswalks.insert(at, crosswalk);
}

}  // namespace fuselabel
