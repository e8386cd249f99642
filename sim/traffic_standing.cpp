// Static objects: cars parked on the left shoulder (clear of junctions and crosswalks) and
// groups of barriers, on the parking strip (road works) or beyond the right sidewalk.
#include <algorithm>
#include <cmath>

#include "sim/traffic_builder.h"

namespace fuselabel {
namespace {

constexpr double kPi = 3.141592653589793;
constexpr double kParkedClearance = 0.3, kBarrierClearance = 0.2;
constexpr double kMeanCarLength = 4.4, kMinGap = 0.8;

}  // namespace

void add_standing_actors(TrafficBuilder& builder) {
  const SimRoad& road = builder.road();
  const SimTrafficConfig& config = builder.config();
  SimRandom& random = builder.random();
  const double lo = builder.stretch_lo(), hi = builder.stretch_hi();

  if (config.parked_per_km > 0) {
    const double mean_gap = 1000.0 / config.parked_per_km;
    for (double s = lo + random.uniform(0, mean_gap); s < hi;) {
      SimDriveActor car = builder.new_actor(random.chance(0.92) ? ActorClass::Car : ActorClass::Truck, SimActorRole::Parked);
      const double centre = s + car.size.x / 2;
      if (!road.near_junction(centre, car.size.x / 2 + 8) && !road.near_crosswalk(centre, car.size.x / 2 + 8)) {
        // Mostly parked facing the traffic of their side (the oncoming direction).
        builder.place_standing(car, centre, road.shoulder_center(1) + random.uniform(-0.15, 0.15),
                               random.chance(0.75) ? kPi : 0.0);
        builder.try_add(car, kParkedClearance);
      }
      // Exponential gaps beyond a minimum: rows of cars and free stretches, parked_per_km on average.
      const double extra = std::max(0.0, mean_gap - kMeanCarLength - kMinGap);
      s += car.size.x + kMinGap - extra * std::log(1 - random.uniform(0, 1));
    }
  }

  const int groups = builder.poisson(config.barriers_per_km * (hi - lo) / 1000 / 3);
  for (int g = 0; g < groups; ++g) {
    const double start = random.uniform(lo, hi);
    const bool on_parking = random.chance(0.5);
    const double d = on_parking ? road.shoulder_center(1) : -(road.sidewalk_outer() + 0.7);
    const int count = 2 + random.index(3);
    double s = start;
    for (int i = 0; i < count; ++i) {
      SimDriveActor barrier = builder.new_actor(ActorClass::Barrier, SimActorRole::Barrier);
      const double centre = s + barrier.size.x / 2;
      if (!road.near_junction(centre, 3) && !road.near_crosswalk(centre, 3)) {
        builder.place_standing(barrier, centre, d, 0.0);
        builder.try_add(barrier, kBarrierClearance);
      }
      s += barrier.size.x + 0.3;
    }
  }
}

}  // namespace fuselabel
