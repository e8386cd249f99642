#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <map>
#include <set>

#include "sim/drive_scenario.h"
#include "sim/road_surface.h"

namespace fuselabel {
namespace {

// Two minutes of driving: long enough for curves, stops and every kind of traffic.
const SimDriveWorld& world() {
  static const SimDriveWorld w = [] {
    SimDriveConfig config;
    config.seed = 12;
    config.duration = 120;
    config.ego.first_stop = 20;
    config.ego.stop_interval = 50;
    return build_drive_world(config);
  }();
  return w;
}

TEST(SimDriveWorld, EgoStartsAtTheOriginAndDrivesCurvesStopsAndSpeedChanges) {
  const SimDriveWorld& w = world();
  const Transform3d start = w.ego.state(0).T_world_ego;
  EXPECT_NEAR(start.t.x, 0, 1e-9);
  EXPECT_NEAR(start.t.y, 0, 1e-9);
  EXPECT_NEAR(start.R(0, 0), 1, 1e-12);
  ASSERT_GE(w.stops.size(), 2u);
  for (const SimEgoStop& stop : w.stops) {
    EXPECT_NEAR(w.ego.profile.at((stop.t_rest + stop.t_leave) / 2).v, 0.0, 1e-9);
    EXPECT_NEAR(stop.t_leave - stop.t_rest, 15.0, 1e-9);
  }
  double v_min = INFINITY, v_max = 0, max_yaw_rate = 0, max_lateral = 0, max_braking = 0;
  for (double t = 0; t < 120; t += 0.1) {
    const SimEgoState s = w.ego.state(t);
    const double v = std::hypot(s.velocity.x, s.velocity.y);
    bool cruising = true;  // away from the stops and the braking and pulling away around them
    for (const SimEgoStop& stop : w.stops) cruising = cruising && (t < stop.t_rest - 8 || t > stop.t_leave + 8);
    if (cruising) v_min = std::min(v_min, v);
    v_max = std::max(v_max, v);
    max_yaw_rate = std::max(max_yaw_rate, std::fabs(s.yaw_rate));
    max_lateral = std::max(max_lateral, std::fabs(s.yaw_rate * v));
    max_braking = std::max(max_braking, -w.ego.profile.at(t).a);
  }
  EXPECT_GT(v_max - v_min, 2.0);    // speed changes while cruising
  EXPECT_GT(max_yaw_rate, 0.02);    // curves
  EXPECT_LT(max_lateral, 2.0 + 0.6);  // comfortable in curves (discrete braking overshoots a little)
  EXPECT_LE(max_braking, 2.5 + 1e-9);
}

// Fails the test at the first two footprints (ego included) that overlap; returns the pairs
// closer than 2 m, summed over instants 0.25 s apart.
int64_t close_pairs_failing_on_collision(const SimDriveWorld& w) {
  int64_t pairs_close = 0;
  for (double t = 0; t < w.duration; t += 0.25) {
    const std::vector<int> near = w.actors_near(t, t, 150);
    std::vector<Cuboidd> boxes = {w.ego.box(t)};
    for (int a : near)
      if (w.actors[a].exists(t)) boxes.push_back(actor_state(w.actors[a], t).box);
    for (size_t i = 0; i < boxes.size(); ++i)
      for (size_t j = i + 1; j < boxes.size(); ++j) {
        EXPECT_FALSE(footprints_overlap(boxes[i], boxes[j], 0.0)) << "t " << t << " boxes " << i << ", " << j;
        pairs_close += footprints_overlap(boxes[i], boxes[j], 2.0);
      }
  }
  return pairs_close;
}

TEST(SimDriveWorld, TrafficOfEveryKindNeverCollides) {
  const SimDriveWorld& w = world();
  std::set<std::string> classes, roles;
  for (const SimDriveActor& a : w.actors) classes.insert(a.class_name), roles.insert(actor_role_name(a.role));
  for (const char* c : {"car", "truck", "bus", "pedestrian", "cyclist", "barrier"}) EXPECT_TRUE(classes.count(c)) << c;
  for (const char* r : {"lead", "overtaking", "oncoming", "turning", "crossing", "walking", "cycling", "parked", "barrier"})
    EXPECT_TRUE(roles.count(r)) << r;
  // There is traffic to collide with: parked rows, queues, crossings.
  EXPECT_GT(close_pairs_failing_on_collision(w), 0);
}

TEST(SimDriveWorld, StopAndGoLaneTrafficBrakesAndSpeedsUpWithinItsLimits) {
  SimDriveConfig config;
  config.seed = 3;
  config.duration = 60;
  config.traffic.speed_change_interval = 3;
  config.traffic.speed_change_rate = 2.5;
  const SimDriveWorld w = build_drive_world(config);
  int varying = 0, lane_vehicles = 0;
  for (const SimDriveActor& a : w.actors) {
    if (a.role != SimActorRole::Overtaking && a.role != SimActorRole::Oncoming) continue;
    ++lane_vehicles;
    const double cruise = a.profile.at(a.profile.start_time()).v;
    double v_min = INFINITY, v_max = 0;
    for (double t = std::max(a.t_begin, 0.0); t <= std::min(a.t_end, w.duration); t += 0.1) {
      const MotionState m = a.profile.at(t);
      v_min = std::min(v_min, m.v), v_max = std::max(v_max, m.v);
      EXPECT_LE(std::fabs(m.a), 2.5 + 1e-9) << a.track_id;
      EXPECT_LE(m.v, cruise + 1e-9) << a.track_id;
      EXPECT_GE(m.v, 0.3 * cruise - 1e-9) << a.track_id;
    }
    varying += v_max - v_min > 2.0;
  }
  EXPECT_GE(lane_vehicles, 5);
  EXPECT_GE(varying, lane_vehicles / 2);
  close_pairs_failing_on_collision(w);

  // Off by default: the same seed without speed changes keeps every lane vehicle at one speed.
  config.traffic.speed_change_interval = 0;
  for (const SimDriveActor& a : build_drive_world(config).actors)
    if (a.role == SimActorRole::Overtaking || a.role == SimActorRole::Oncoming) {
      EXPECT_EQ(a.profile.at(a.t_begin).v, a.profile.at(a.t_end).v) << a.track_id;
    }
}

TEST(SimDriveWorld, MovingActorsAppearAndVanishOutOfSight) {
  const SimDriveWorld& w = world();
  int appearing = 0;
  for (const SimDriveActor& a : w.actors) {
    if (!a.moves()) continue;
    for (double t : {a.t_begin, a.t_end}) {
      if (!(t > 0 && t < w.duration)) continue;
      const Vec3<double> c = actor_state(a, t).box.center, e = w.ego.state(t).T_world_ego.t;
      EXPECT_GE(std::hypot(c.x - e.x, c.y - e.y), 120.0) << a.track_id << " " << actor_role_name(a.role);
      ++appearing;
    }
  }
  EXPECT_GT(appearing, 20);
}

TEST(SimDriveWorld, ActorsNearFindsEveryActorInRange) {
  const SimDriveWorld& w = world();
  for (double t = 0; t < 120; t += 7.3) {
    const std::vector<int> near = w.actors_near(t, t + 0.1, 80);
    const Vec3<double> e = w.ego.state(t).T_world_ego.t;
    for (int a = 0; a < static_cast<int>(w.actors.size()); ++a) {
      if (!w.actors[a].exists(t)) continue;
      const Vec3<double> c = actor_state(w.actors[a], t).box.center;
      if (std::hypot(c.x - e.x, c.y - e.y) <= 80) {
        EXPECT_TRUE(std::binary_search(near.begin(), near.end(), a)) << a;
      }
    }
  }
}

TEST(SimDriveWorld, RoadSurfaceHasLanesMarkingsSidewalksAndCrosswalks) {
  const SimDriveWorld& w = world();
  const RoadSurface surface(w.road, 0, w.road.center.length());
  std::map<GroundMaterial, int> seen;
  int hint = -1;
  for (double s = 250; s < 600; s += 0.37)
    for (double d = -15; d <= 15; d += 0.11) {
      const PathPose p = w.road.center.pose_at(s);
      const double x = p.position.x - d * std::sin(p.yaw), y = p.position.y + d * std::cos(p.yaw);
      const RoadCoordinates rc = surface.coordinates(x, y, hint);
      ASSERT_NEAR(rc.s, s, 1e-6);
      ASSERT_NEAR(rc.d, d, 1e-6);
      ++seen[surface.material(rc)];
    }
  EXPECT_GT(seen[GroundMaterial::Asphalt], seen[GroundMaterial::Paint] * 5);
  EXPECT_GT(seen[GroundMaterial::Paint], 100);
  EXPECT_GT(seen[GroundMaterial::Concrete], 1000);
  EXPECT_GT(seen[GroundMaterial::Grass], 1000);
  // A crosswalk where the ego stops: zebra stripes across the road.
  const SimCrosswalk& c = w.road.crosswalks.at(0);
  EXPECT_EQ(surface.material({c.s + 2, 0.25}), GroundMaterial::Paint);
  EXPECT_EQ(surface.material({c.s + 2, 0.75}), GroundMaterial::Asphalt);
}

}  // namespace
}  // namespace fuselabel
