// Vehicles along the road's lanes: the lead car the ego follows, faster traffic overtaking in
// the ego's direction, and oncoming traffic.
#include <algorithm>
#include <cmath>

#include "sim/traffic_builder.h"

namespace fuselabel {
namespace {

constexpr double kVehicleClearance = 0.6;       // m between vehicles at every instant
constexpr double kLateralAcceleration = 3.0;   // m/s^2 other drivers accept in curves

ActorClass draw_vehicle_class(SimRandom& random) {
  const double u = random.uniform(0, 1);
  return u < 0.7 ? ActorClass::Car : u < 0.85 ? ActorClass::Truck : ActorClass::Bus;
}

// Fastest constant speed that takes the road's tightest curve at lateral offset d comfortably.
double curve_speed_cap(const SimRoad& road, double d) {
  const double radius = road.layout.radius_min - std::fabs(d);
  return std::sqrt(kLateralAcceleration * radius);
}

}  // namespace

void add_lead_vehicle(TrafficBuilder& builder, const Vec3<double>& size) {
  const SimDriveWorld& world = builder.world();
  SimDriveActor lead = builder.new_actor(ActorClass::Car, SimActorRole::Lead);
  lead.size = size;
  // Time-headway following: the lead does now what the ego will do `headway` seconds later,
  // `gap` metres further along the same lane. The gap between them never drops below the
  // standstill gap, and at stops the ego queues right behind the lead.
  const double gap = lead_queue_front(world.ego, size) - size.x / 2;
  lead.path = world.ego.path;
  lead.profile = world.ego.profile.shifted(builder.config().lead_headway, gap);
  lead.t_begin = -INFINITY, lead.t_end = INFINITY;
  builder.try_add(lead, 0.0);
}

void add_lane_traffic(TrafficBuilder& builder) {
  const SimDriveWorld& world = builder.world();
  const SimRoad& road = world.road;
  const SimTrafficConfig& config = builder.config();
  SimRandom& random = builder.random();
  const double ego_speed = world.ego.profile.at(0).v;
  const int lanes = road.layout.lanes_per_direction;
  for (const bool oncoming : {false, true}) {
    if (!oncoming && lanes < 2) continue;  // no lane to overtake in
    const int count = builder.candidates_per_km(oncoming ? config.oncoming_per_km : config.overtaking_per_km);
    for (int i = 0; i < count; ++i) {
      SimDriveActor actor = builder.new_actor(draw_vehicle_class(random),
                                              oncoming ? SimActorRole::Oncoming : SimActorRole::Overtaking);
      const double t_ref = random.uniform(0.0, builder.duration());
      const double s_ref = world.ego_center_s(t_ref) + random.uniform(-0.8, 0.8) * config.spawn_distance;
      const double d = oncoming ? road.oncoming_lane(random.index(lanes)) : road.ego_direction_lane(random.index(lanes - 1));
      const double wanted = oncoming ? random.uniform(6.0, 16.0) : std::max(ego_speed, 10.0) + random.uniform(2.0, 6.0);
      const double v = std::min(wanted, curve_speed_cap(road, d));
      if (!builder.drive_lane(actor, d, oncoming ? -1.0 : 1.0, v, s_ref, t_ref, true)) continue;
      builder.try_add(actor, kVehicleClearance);
    }
  }
}

}  // namespace fuselabel
