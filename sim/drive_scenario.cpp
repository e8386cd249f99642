#include "sim/drive_scenario.h"

#include <algorithm>
#include <cmath>

#include "sim/ego_plan.h"
#include "sim/traffic_builder.h"

namespace fuselabel {
namespace {

// Purposes for derive_seed: each part of the world draws from its own stream, so that changing
// one (say, the pedestrian density) leaves the road and the ego's drive unchanged.
constexpr uint64_t kRoadSeed = 1, kLeadSeed = 2, kEgoSeed = 3, kTrafficSeed = 4;
// Road behind the ego at the start, for traffic coming from behind.
constexpr double kRoadBehindEgo = 300.0;
// Road beyond the farthest point the ego can reach, for traffic coming from ahead.
constexpr double kRoadAheadOfEgo = 800.0;

}  // namespace

SimDriveWorld build_drive_world(const SimDriveConfig& config) {
  validate_sim_drive_config(config);
  const double horizon = config.duration + kPlanningMargin;
  SimDriveWorld world;
  world.duration = config.duration;
  const double reach = std::max(config.ego.speed_max, config.ego.initial_speed) * horizon;
  const double length = kRoadBehindEgo + reach + kRoadAheadOfEgo;
  // Lay the road out once from the origin, find where the ego starts on it (ego lane, centre-line
  // arc length kRoadBehindEgo), and lay it out again moved so that the ego starts at the world
  // origin heading +x (the drive's odometry frame).
  const double d_ego = -(config.road.lanes_per_direction - 0.5) * config.road.lane_width;
  const uint64_t road_seed = derive_seed(config.seed, kRoadSeed);
  const SimPath draft = make_road(config.road, length, {0, 0}, 0.0, road_seed).center;
  const PathPose start = draft.offset(d_ego, kRoadBehindEgo, kRoadBehindEgo + 1).start();
  const double c = std::cos(start.yaw), s = std::sin(start.yaw);
  const Vec2<double> origin = {-(c * start.position.x + s * start.position.y), s * start.position.x - c * start.position.y};
  world.road = make_road(config.road, length, origin, -start.yaw, road_seed);

  SimRandom lead_random(derive_seed(config.seed, kLeadSeed));
  const Vec3<double> lead_size = draw_car_size(lead_random);
  const double ego_front = world.ego.box_in_ego.center.x + world.ego.box_in_ego.size.x / 2;
  const double queue_ahead = config.traffic.lead_vehicle ? lead_queue_front(world.ego, lead_size) : ego_front;
  const double ego_start = world.road.center.offset_length(d_ego, kRoadBehindEgo);  // along the ego lane
  plan_ego(world, config.ego, ego_start, horizon, queue_ahead, derive_seed(config.seed, kEgoSeed));

  TrafficBuilder builder(world, config.traffic, horizon, derive_seed(config.seed, kTrafficSeed));
  if (config.traffic.lead_vehicle) add_lead_vehicle(builder, lead_size);
  add_standing_actors(builder);
  add_crossing_pedestrians(builder);
  add_turning_vehicles(builder);
  add_cyclists_and_walkers(builder);
  add_lane_traffic(builder);
  world.index_actors();
  return world;
}

}  // namespace fuselabel
