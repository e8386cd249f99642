// People: pedestrians crossing at the crosswalks where the ego stops, pedestrians walking (or
// standing) on the sidewalks, cyclists in the bike lane.
#include <algorithm>
#include <cmath>

#include "sim/traffic_builder.h"

namespace fuselabel {
namespace {

constexpr double kPi = 3.141592653589793;
constexpr double kPedestrianClearance = 0.3, kCyclistClearance = 0.5;
constexpr double kCornerRadius = 0.6;  // m: pedestrians round corners on this radius
constexpr int kAttempts = 8;

// A crossing in a frame at the crosswalk (x along the road, y left, origin on the centre line):
// along the sidewalk on side `side`, across the road, along the other sidewalk.
SimPath crossing_path(const PathPose& origin, double side, double y_start, double y_end, double approach,
                      double leave, double approach_dir, double leave_dir) {
  const double r = kCornerRadius;
  const double c = std::cos(origin.yaw), s = std::sin(origin.yaw);
  auto world = [&](double x, double y) {
    return Vec2<double>{origin.position.x + c * x - s * y, origin.position.y + s * x + c * y};
  };
  SimPath path(world(-approach_dir * approach, y_start), origin.yaw + (approach_dir > 0 ? 0.0 : kPi));
  path.add(approach - r, 0.0);
  path.add(kPi * r / 2, -approach_dir * side / r);  // turn to face across (-side)
  path.add(std::fabs(y_end - y_start) - 2 * r, 0.0);
  path.add(kPi * r / 2, side * leave_dir / r);      // turn along the far sidewalk
  path.add(leave, 0.0);
  return path;
}

}  // namespace

void add_crossing_pedestrians(TrafficBuilder& builder) {
  const SimDriveWorld& world = builder.world();
  const SimRoad& road = world.road;
  SimRandom& random = builder.random();
  const double half = road.carriageway_half_width(), inner = road.sidewalk_inner(), width = road.layout.sidewalk_width;
  for (const SimEgoStop& stop : world.stops) {
    const SimCrosswalk* crosswalk = nullptr;
    for (const SimCrosswalk& c : road.crosswalks)
      if (c.s == stop.crosswalk_s) crosswalk = &c;
    if (!crosswalk) continue;
    const int count = builder.poisson(builder.config().crossing_pedestrians);
    for (int i = 0; i < count; ++i)
      for (int attempt = 0; attempt < kAttempts; ++attempt) {
        SimDriveActor actor = builder.new_actor(ActorClass::Pedestrian, SimActorRole::Crossing);
        const double side = random.chance(0.5) ? 1.0 : -1.0;
        const double y_start = side * (inner + random.uniform(0.5, width - 0.5));
        const double y_end = -side * (inner + random.uniform(0.5, width - 0.5));
        const double approach = random.uniform(20, 50), leave = random.uniform(20, 60);
        const PathPose origin = road.center.pose_at(crosswalk->s + random.uniform(0.8, crosswalk->length - 0.8));
        actor.path = crossing_path(origin, side, y_start, y_end, approach, leave, random.chance(0.5) ? 1.0 : -1.0,
                                   random.chance(0.5) ? 1.0 : -1.0);
        const double v = random.uniform(1.2, 1.6);
        // Arc length where the carriageway begins, and when to be there: on the zebra while the
        // queue stands, off the road before it leaves.
        const double s_enter = approach - kCornerRadius + kPi * kCornerRadius / 2 + (std::fabs(y_start) - kCornerRadius - half);
        const double lo = stop.t_rest - 5.0, hi = std::max(lo, stop.t_leave - (2 * half + 2) / v - 2.0);
        actor.profile = SpeedProfile(random.uniform(lo, hi), s_enter, v);
        actor.anchor_s = crosswalk->s;
        TrafficBuilder::set_lifetime(actor);
        if (builder.try_add(actor, kPedestrianClearance)) break;
      }
  }
}

void add_cyclists_and_walkers(TrafficBuilder& builder) {
  const SimDriveWorld& world = builder.world();
  const SimRoad& road = world.road;
  const SimTrafficConfig& config = builder.config();
  SimRandom& random = builder.random();
  const int cyclists = builder.candidates_per_km(config.cyclists_per_km);
  for (int i = 0; i < cyclists; ++i) {
    SimDriveActor actor = builder.new_actor(ActorClass::Cyclist, SimActorRole::Cycling);
    const double t_ref = random.uniform(0.0, builder.duration());
    const double s_ref = world.ego_center_s(t_ref) + random.uniform(-0.8, 0.8) * config.spawn_distance;
    const double v = random.uniform(3.5, 6.5);
    const double d = road.shoulder_center(-1) + random.uniform(-0.3, 0.3);
    if (!builder.drive_lane(actor, d, 1.0, v, s_ref, t_ref)) continue;
    builder.try_add(actor, kCyclistClearance);
  }
  const int walkers = builder.candidates_per_km(config.pedestrians_per_km);
  for (int i = 0; i < walkers; ++i) {
    const bool standing = random.chance(0.15);
    SimDriveActor actor = builder.new_actor(ActorClass::Pedestrian, standing ? SimActorRole::Standing : SimActorRole::Walking);
    const double t_ref = random.uniform(0.0, builder.duration());
    const double s_ref = world.ego_center_s(t_ref) + random.uniform(-0.8, 0.8) * config.spawn_distance;
    const double side = random.chance(0.5) ? 1.0 : -1.0;
    const double d = side * (road.sidewalk_inner() + random.uniform(0.4, road.layout.sidewalk_width - 0.4));
    if (standing) {
      builder.place_standing(actor, s_ref, d, random.uniform(-kPi, kPi));
    } else {
      const double v = random.uniform(1.0, 1.6), direction = random.chance(0.5) ? 1.0 : -1.0;
      if (!builder.drive_lane(actor, d, direction, v, s_ref, t_ref)) continue;
    }
    builder.try_add(actor, kPedestrianClearance);
  }
}

}  // namespace fuselabel
