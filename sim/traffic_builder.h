#pragma once
// Shared machinery of the traffic generators (traffic_*.cpp): actor classes, the random stream,
// collision-free acceptance and the "appear and vanish out of sight" rule.
#include <cstdint>

#include "sim/drive_world.h"
#include "sim/occupancy.h"
#include "sim/sim_random.h"

namespace fuselabel {

enum class ActorClass { Car, Truck, Bus, Pedestrian, Cyclist, Barrier };

class TrafficBuilder {
 public:
  // Collisions are checked over drive time [0, horizon].
  TrafficBuilder(SimDriveWorld& world, const SimTrafficConfig& config, double horizon, uint64_t seed);

  SimRandom& random() { return random_; }
  const SimDriveWorld& world() const { return world_; }
  const SimRoad& road() const { return world_.road; }
  const SimTrafficConfig& config() const { return config_; }
  double duration() const { return world_.duration; }

  // An actor of the class with size, colour, reflectivity and radar cross section drawn.
  SimDriveActor new_actor(ActorClass cls, SimActorRole role);
  // Accepts the actor unless it collides with anything accepted (within `clearance`) or appears
  // or vanishes during the drive closer than spawn_distance to the ego. Sets its track id.
  bool try_add(SimDriveActor actor, double clearance);

  // A standing actor at road coordinates (s, d) heading along the road plus `yaw_offset`.
  void place_standing(SimDriveActor& actor, double s, double d, double yaw_offset) const;
  // A moving actor along the lane at offset d, in the road's direction (direction +1) or against
  // it (-1), at constant speed v, passing centre-line arc length s_ref at drive time t_ref. It
  // exists from the last time before t_ref to the first time after it at which it is out of
  // sight (spawn distance) of the ego, wherever the ego drives or stops meanwhile. Sets path,
  // profile and lifetime; false when it is out of sight at t_ref already. With `stop_and_go`
  // (and config().speed_change_interval > 0) v is only its cruise speed: after t_ref it brakes
  // and speeds up now and then (SimTrafficConfig).
  bool drive_lane(SimDriveActor& actor, double d, double direction, double v, double s_ref, double t_ref,
                  bool stop_and_go = false);
  // Sets the lifetime from the profile: from the path's start to its end.
  static void set_lifetime(SimDriveActor& actor);

  // Candidates per km of road around the ego's drive (its distance plus the spawn distance both
  // ways), Poisson distributed.
  int candidates_per_km(double per_km);
  int poisson(double mean);
  // Centre-line arc lengths the ego passes during the drive, widened by the spawn distance.
  double stretch_lo() const;
  double stretch_hi() const;

 private:
  // Appends the stop-and-go phases to a profile cruising at v, to the end of the drive.
  void add_speed_changes(SpeedProfile& profile, double v);

  SimDriveWorld& world_;
  const SimTrafficConfig& config_;
  OccupancyChecker occupancy_;
  SimRandom random_;
  int next_track_ = 1;
};

// The generators, called in this order (earlier ones have the right of way).
void add_lead_vehicle(TrafficBuilder& builder, const Vec3<double>& size);
void add_standing_actors(TrafficBuilder& builder);
void add_crossing_pedestrians(TrafficBuilder& builder);
void add_turning_vehicles(TrafficBuilder& builder);
void add_cyclists_and_walkers(TrafficBuilder& builder);
void add_lane_traffic(TrafficBuilder& builder);

// Size of a lead car drawn before the ego is planned (the ego queues behind it at stops).
Vec3<double> draw_car_size(SimRandom& random);
// Distance from the ego frame's origin to the lead's front at a stop, and between the ego's
// origin and the lead's centre at standstill.
double lead_queue_front(const SimEgo& ego, const Vec3<double>& lead_size);

}  // namespace fuselabel
