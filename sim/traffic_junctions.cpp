// Vehicles turning at junctions: from a main-road lane into the side road, or out of the side
// road into a main-road lane; right turns tight, left turns wide and sometimes after a stop to
// yield. Timed to happen while the ego approaches the junction.
#include <algorithm>
#include <cmath>

#include "sim/traffic_builder.h"

namespace fuselabel {
namespace {

constexpr double kPi = 3.141592653589793;
constexpr double kVehicleClearance = 0.6;
constexpr double kBraking = 2.0, kPullAway = 1.5;  // m/s^2
constexpr int kAttempts = 6;

struct Turn {
  SimPath path;
  double arc_start = 0, arc_length = 0;  // along the path
  bool left = false;
};

// The turn in the junction's frame (x along the road, y left, origin on the centre line).
Turn plan_turn(const SimRoad& road, const SimJunction& junction, bool into_side, double h, SimRandom& random) {
  const double sigma = junction.side, lw = road.layout.lane_width;
  const int lanes = road.layout.lanes_per_direction;
  Turn turn;
  turn.left = h * sigma > 0;
  const int lane = turn.left ? 0 : lanes - 1;  // left turns from/into the inner lane, right turns the outer
  const double d = h > 0 ? road.ego_direction_lane(lane) : road.oncoming_lane(lane);
  const double radius = turn.left ? random.uniform(10, 14) : random.uniform(6, 9);
  const double curvature = (turn.left ? 1.0 : -1.0) / radius;
  const double x_lane = (into_side ? sigma : -sigma) * lw / 2;  // right-hand traffic on the side road
  const double far_y = sigma * (road.sidewalk_outer() + junction.length - 5);
  const double side_straight = std::fabs(far_y - (d + sigma * radius));
  const double main_length = random.uniform(150, 250);
  turn.arc_length = kPi * radius / 2;
  const PathPose origin = road.center.pose_at(junction.s);
  if (into_side) {
    const double s_arc = junction.s + x_lane - h * radius;
    turn.path = road.center.offset(d, s_arc - h * main_length, s_arc);
    turn.arc_start = turn.path.length();
    turn.path.add(turn.arc_length, curvature);
    turn.path.add(side_straight, 0.0);
  } else {
    const double c = std::cos(origin.yaw), s = std::sin(origin.yaw);
    const Vec2<double> start = {origin.position.x + c * x_lane - s * far_y, origin.position.y + s * x_lane + c * far_y};
    turn.path = SimPath(start, origin.yaw - sigma * kPi / 2);
    turn.path.add(side_straight, 0.0);
    turn.arc_start = side_straight;
    turn.path.add(turn.arc_length, curvature);
    const double s_join = junction.s + x_lane + h * radius;
    turn.path.append(road.center.offset(d, s_join, s_join + h * main_length));
  }
  return turn;
}

SpeedProfile turn_profile(const Turn& turn, double v_approach, double v_turn, bool yield, SimRandom& random) {
  SpeedProfile profile(0.0, 0.0, v_approach);
  if (yield) {
    profile.hold((turn.arc_start - v_approach * v_approach / (2 * kBraking)) / v_approach);
    profile.stop_at(turn.arc_start);
    profile.hold(random.uniform(1.0, 3.0));
    profile.change_speed(v_turn, kPullAway);
  } else {
    profile.hold((turn.arc_start - (v_approach * v_approach - v_turn * v_turn) / (2 * kBraking)) / v_approach);
    profile.change_speed(v_turn, kBraking);
    profile.hold(turn.arc_length / v_turn);
  }
  profile.change_speed(v_approach, kPullAway);
  return profile;
}

}  // namespace

void add_turning_vehicles(TrafficBuilder& builder) {
  const SimDriveWorld& world = builder.world();
  const SimRoad& road = world.road;
  SimRandom& random = builder.random();
  const double s_lo = world.ego_center_s(0) - 30, s_hi = world.ego_center_s(builder.duration()) + 150;
  for (const SimJunction& junction : road.junctions) {
    if (junction.s < s_lo || junction.s > s_hi || !random.chance(builder.config().turning_probability)) continue;
    for (int attempt = 0; attempt < kAttempts; ++attempt) {
      const bool into_side = random.chance(0.5);
      const double h = random.chance(0.5) ? 1.0 : -1.0;  // main-road direction: +1 the ego's
      const Turn turn = plan_turn(road, junction, into_side, h, random);
      const bool yield = turn.left && random.chance(0.5);
      const double v_approach = random.uniform(7, 11), v_turn = turn.left ? random.uniform(4.5, 6) : random.uniform(3.5, 5);
      const SpeedProfile profile = turn_profile(turn, v_approach, v_turn, yield, random);
      // Mid-turn while the ego is 15-70 m before the junction.
      const double ego_s = road.center.offset_length(road.ego_lane(), junction.s - random.uniform(15, 70));
      const double t_ref = world.ego.profile.time_at(ego_s);
      if (!(t_ref >= -5.0 && t_ref <= builder.duration() + 5.0)) continue;
      SimDriveActor actor = builder.new_actor(random.chance(0.85) ? ActorClass::Car : ActorClass::Truck, SimActorRole::Turning);
      actor.path = turn.path;
      actor.profile = profile.shifted(profile.time_at(turn.arc_start + turn.arc_length / 2) - t_ref, 0.0);
      actor.anchor_s = junction.s;
      TrafficBuilder::set_lifetime(actor);
      if (builder.try_add(actor, kVehicleClearance)) break;
    }
  }
}

}  // namespace fuselabel
