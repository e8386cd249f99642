#pragma once
// Everything that moves (or stands) in a simulated drive, in the world frame (flat ground z = 0),
// as closed-form functions of time: the ego vehicle and the actors, each a path plus a speed
// profile. Drive time t is in seconds from the drive's start. Sensors, labels and tests all ask
// this one model, so they agree exactly.
#include <cmath>
#include <string>
#include <vector>

#include "sim/road.h"
#include "sim/scene.h"
#include "sim/speed_profile.h"
#include "projection/cuboid.h"

namespace fuselabel {

enum class SimActorRole { Lead, Overtaking, Oncoming, Turning, Crossing, Walking, Standing, Cycling, Parked, Barrier };
const char* actor_role_name(SimActorRole role);  // "lead", "overtaking", ...

struct SimDriveActor {
  std::string track_id;
  std::string class_name;  // car, truck, bus, pedestrian, cyclist, barrier
  SimActorRole role = SimActorRole::Parked;
  Vec3<double> size = {0, 0, 0};  // l w h
  SimColor color;
  double lidar_reflectivity = 0.3;
  double rcs_dbsm = 0;  // mean radar cross section
  // The box centre's ground track (heading = path tangent) and the motion along it. A standing
  // actor has an empty path (its start pose) and a zero profile.
  SimPath path;
  SpeedProfile profile;
  double t_begin = -INFINITY, t_end = INFINITY;  // exists in [t_begin, t_end]
  double anchor_s = 0;  // centre-line arc length near which it moves (spatial index of standing actors)

  bool exists(double t) const { return t >= t_begin && t <= t_end; }
  bool moves() const { return !path.empty(); }
};

// Rigid-body state: the box and the velocity field of its points.
struct SimBodyState {
  Cuboidd box;                        // world frame
  Vec3<double> velocity = {0, 0, 0};  // of the box centre, m/s
  double yaw_rate = 0;                // rad/s about +z
  // Velocity of a world point rigidly attached to the body.
  Vec3<double> point_velocity(Vec3<double> p) const {
    return {velocity.x - yaw_rate * (p.y - box.center.y), velocity.y + yaw_rate * (p.x - box.center.x), velocity.z};
  }
};

SimBodyState actor_state(const SimDriveActor& actor, double t);

struct SimEgoState {
  Transform3d T_world_ego;
  Vec3<double> velocity = {0, 0, 0};  // of the ego frame's origin, world frame
  double yaw_rate = 0;
  // Velocity (world frame) of a point fixed to the ego vehicle, given in the ego frame.
  Vec3<double> point_velocity(Vec3<double> p_ego) const;
};

// The ego vehicle: its frame's origin is on the ground below the rear axle, which follows the
// ego lane exactly (a kinematic bicycle's rear axle moves along its heading).
struct SimEgo {
  SimPath path;  // the ego lane
  SpeedProfile profile;
  Cuboidd box_in_ego = {{1.4, 0.0, 0.75}, {4.8, 1.9, 1.5}, {}};  // a mid-size car
  SimEgoState state(double t) const;
  Cuboidd box(double t) const;  // world frame
};

// A stop of the ego at a crosswalk.
struct SimEgoStop {
  double t_rest = 0, t_leave = 0;  // drive time
  double crosswalk_s = 0;          // centre-line arc length of the crosswalk's first edge
};

struct SimDriveWorld {
  SimRoad road;
  SimEgo ego;
  std::vector<SimEgoStop> stops;
  std::vector<SimDriveActor> actors;
  double duration = 0;  // s

  // Indexes the actors for actors_near (call after the actors are final).
  void index_actors();
  // Actors that exist at some time of [t0, t1] and come within `radius` of the ego then,
  // ascending. Conservative: it may return a few more.
  std::vector<int> actors_near(double t0, double t1, double radius) const;
  // The ego's position as centre-line arc length (for windows of the road).
  double ego_center_s(double t) const;

 private:
  static constexpr double kTimeBucket = 10.0, kSpaceBucket = 50.0;
  std::vector<std::vector<int>> moving_by_time_;   // moving actors per kTimeBucket of drive time
  std::vector<std::vector<int>> standing_by_space_;  // standing actors per kSpaceBucket of anchor_s
};

}  // namespace fuselabel
