#include "sim/traffic_builder.h"

#include <algorithm>
#include <cmath>
#include <cstdio>

namespace fuselabel {
namespace {

constexpr double kOccupancyStep = 0.02;  // s; bodies move less than the clearances in between
constexpr double kPoissonChunk = 30.0;   // larger means are summed from chunks (exp(-mean) stays normal)
// Lane actors: the longest they may live (s), how finely their lifetime is searched, and how
// far beyond the spawn distance they appear and vanish.
constexpr double kLongestLife = 400.0, kLifetimeStep = 0.5, kSightMargin = 5.0;

struct ClassSpec {
  const char* name;
  Vec3<double> size_min, size_max;  // l w h
  double reflectivity;
  double rcs_dbsm;
};

constexpr ClassSpec kClasses[] = {
    {"car", {3.9, 1.70, 1.40}, {4.9, 1.95, 1.70}, 0.45, 10.0},
    {"truck", {6.5, 2.30, 2.80}, {10.0, 2.55, 3.80}, 0.40, 20.0},
    {"bus", {10.5, 2.50, 3.00}, {12.5, 2.55, 3.40}, 0.40, 22.0},
    {"pedestrian", {0.50, 0.50, 1.55}, {0.80, 0.75, 1.95}, 0.25, -5.0},
    {"cyclist", {1.60, 0.55, 1.60}, {1.90, 0.75, 1.90}, 0.30, 2.0},
    {"barrier", {1.80, 0.40, 0.80}, {2.20, 0.60, 1.10}, 0.60, 5.0},  // retro-reflective stripes
};
constexpr SimColor kBarrierColors[] = {{230, 110, 20}, {220, 220, 215}, {200, 40, 40}};

template <size_t N>
SimColor pick(SimRandom& random, const SimColor (&palette)[N]) {
  return palette[random.index(static_cast<int>(N))];
}

Vec3<double> draw_size(SimRandom& random, const ClassSpec& spec) {
  return {random.uniform(spec.size_min.x, spec.size_max.x), random.uniform(spec.size_min.y, spec.size_max.y),
          random.uniform(spec.size_min.z, spec.size_max.z)};
}

double planar_distance(Vec3<double> a, Vec3<double> b) { return std::hypot(a.x - b.x, a.y - b.y); }

}  // namespace

Vec3<double> draw_car_size(SimRandom& random) { return draw_size(random, kClasses[0]); }

double lead_queue_front(const SimEgo& ego, const Vec3<double>& lead_size) {
  constexpr double kStandstillGap = 2.5;
  const double ego_front = ego.box_in_ego.center.x + ego.box_in_ego.size.x / 2;
  return ego_front + kStandstillGap + lead_size.x;
}

TrafficBuilder::TrafficBuilder(SimDriveWorld& world, const SimTrafficConfig& config, double horizon, uint64_t seed)
    : world_(world), config_(config), occupancy_(0.0, horizon, kOccupancyStep), random_(seed) {
  occupancy_.add_ego(world.ego);
}

SimDriveActor TrafficBuilder::new_actor(ActorClass cls, SimActorRole role) {
  const ClassSpec& spec = kClasses[static_cast<int>(cls)];
  SimDriveActor actor;
  actor.class_name = spec.name;
  actor.role = role;
  actor.size = draw_size(random_, spec);
  switch (cls) {
    case ActorClass::Pedestrian:
    case ActorClass::Cyclist: actor.color = pick(random_, kSimClothingColors); break;
    case ActorClass::Barrier: actor.color = pick(random_, kBarrierColors); break;
    default: actor.color = pick(random_, kSimVehicleColors);
  }
  actor.lidar_reflectivity = spec.reflectivity + random_.uniform(-0.05, 0.05);
  actor.rcs_dbsm = spec.rcs_dbsm + random_.uniform(-2.0, 2.0);
  return actor;
}

bool TrafficBuilder::try_add(SimDriveActor actor, double clearance) {
  if (actor.moves()) {
    if (actor.t_end < 0 || actor.t_begin > duration()) return false;  // never there during the drive
    // Appearing or vanishing in plain sight would look like a labelling error.
    auto in_sight = [&](double t) {
      return planar_distance(actor_state(actor, t).box.center, world_.ego.state(t).T_world_ego.t) < config_.spawn_distance;
    };
    if (actor.t_begin > 0 && in_sight(actor.t_begin)) return false;
    if (actor.t_end < duration() && in_sight(actor.t_end)) return false;
  }
  if (occupancy_.conflicts(actor, clearance)) return false;
  char id[16];
  std::snprintf(id, sizeof id, "%05d", next_track_++);
  actor.track_id = id;
  occupancy_.add(actor);
  world_.actors.push_back(std::move(actor));
  return true;
}

void TrafficBuilder::place_standing(SimDriveActor& actor, double s, double d, double yaw_offset) const {
  const PathPose pose = road().center.pose_at(s);
  actor.path = SimPath({pose.position.x - d * std::sin(pose.yaw), pose.position.y + d * std::cos(pose.yaw)},
                       pose.yaw + yaw_offset);
  actor.profile = SpeedProfile();
  actor.anchor_s = s;
  actor.t_begin = -INFINITY, actor.t_end = INFINITY;
}

bool TrafficBuilder::drive_lane(SimDriveActor& actor, double d, double direction, double v, double s_ref,
                                double t_ref, bool stop_and_go) {
  const double length = road().center.length();
  s_ref = std::clamp(s_ref, 0.0, length);
  const double s_from = std::clamp(s_ref - direction * v * kLongestLife, 0.0, length);
  const double s_to = std::clamp(s_ref + direction * v * kLongestLife, 0.0, length);
  actor.path = road().center.offset(d, s_from, s_to);
  const double along = std::fabs(road().center.offset_length(d, s_ref) - road().center.offset_length(d, s_from));
  actor.profile = SpeedProfile(t_ref, along, v);
  if (stop_and_go && config_.speed_change_interval > 0) add_speed_changes(actor.profile, v);
  actor.anchor_s = s_ref;
  set_lifetime(actor);  // the whole path, narrowed below
  const double sight = config_.spawn_distance + kSightMargin;
  auto out_of_sight = [&](double t) {
    const Vec3<double> c = actor_state(actor, t).box.center, e = world_.ego.state(t).T_world_ego.t;
    return std::hypot(c.x - e.x, c.y - e.y) >= sight;
  };
  if (out_of_sight(t_ref)) return false;
  double t_begin = t_ref, t_end = t_ref;
  while (t_begin > actor.t_begin && t_begin > -kLifetimeStep && !out_of_sight(t_begin)) t_begin -= kLifetimeStep;
  while (t_end < actor.t_end && t_end < duration() + kLifetimeStep && !out_of_sight(t_end)) t_end += kLifetimeStep;
  actor.t_begin = std::max(actor.t_begin, t_begin);
  actor.t_end = std::min(actor.t_end, t_end);
  return true;
}

void TrafficBuilder::add_speed_changes(SpeedProfile& profile, double v) {
  constexpr double kShortestHold = 0.3;  // s
  const double until = duration() + kLifetimeStep;  // the lifetime search looks no further
  while (profile.end_time() < until) {
    const double hold = -config_.speed_change_interval * std::log(1.0 - random_.uniform(0, 1));
    profile.hold(std::max(hold, kShortestHold));
    profile.change_speed(v * random_.uniform(0.3, 1.0), config_.speed_change_rate);
  }
}

void TrafficBuilder::set_lifetime(SimDriveActor& actor) {
  actor.t_begin = actor.profile.time_at(0.0);
  actor.t_end = actor.profile.time_at(actor.path.length());
}

int TrafficBuilder::poisson(double mean) {
  int count = 0;
  while (mean > 0) {
    const double chunk = std::min(mean, kPoissonChunk);
    mean -= chunk;
    // Knuth: multiply uniforms until the product drops below exp(-chunk).
    const double limit = std::exp(-chunk);
    for (double product = random_.uniform(0, 1); product > limit; product *= random_.uniform(0, 1)) ++count;
  }
  return count;
}

double TrafficBuilder::stretch_lo() const { return world_.ego_center_s(0.0) - config_.spawn_distance - 50; }
double TrafficBuilder::stretch_hi() const { return world_.ego_center_s(duration()) + config_.spawn_distance + 50; }

int TrafficBuilder::candidates_per_km(double per_km) { return poisson(per_km * (stretch_hi() - stretch_lo()) / 1000); }

}  // namespace fuselabel
