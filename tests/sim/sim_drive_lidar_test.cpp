#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>

#include "sim/drive_lidar.h"
#include "sim/drive_scenario.h"
#include "sim_lidar_support.h"

namespace fuselabel {
namespace {

const SimDriveWorld& world() {
  static const SimDriveWorld w = [] {
    SimDriveConfig config;
    config.seed = 5;
    config.duration = 3;
    return build_drive_world(config);
  }();
  return w;
}

SimLidarSpec test_lidar(double noise) {
  SimLidarSpec spec;
  spec.azimuth_steps = 720;
  spec.range_noise = noise;
  return spec;
}

struct PlacementCheck {
  int64_t actor_points = 0, misplaced = 0, off_ground = 0, not_clear = 0;
  int64_t misplaced_if_instantaneous = 0;  // actor points that would be misplaced at the sweep's start
};

// Every return, placed in the world at its own firing time, against the actors at the time they
// were seen (the firing time, or the sweep's start for frozen actors).
PlacementCheck check_sweep(const SimSweep& sweep, const SimLidarSpec& spec, double t0, double max_noise) {
  const SimDriveWorld& w = world();
  const Transform3d T_ego_lidar = mount_transform(spec.mount, false);
  PlacementCheck check;
  for (int64_t i = 0; i < sweep.size(); ++i) {
    const float* r = &sweep.records[kSimSweepFields * i];
    const double t = t0 + r[4], t_actors = spec.freeze_actors ? t0 : t;
    const Vec3<double> p = (w.ego.state(t).T_world_ego * T_ego_lidar) * Vec3<double>{r[0], r[1], r[2]};
    const int a = sweep.hit_actor[i];
    if (a < 0) {
      check.off_ground += std::fabs(p.z) > max_noise + testing::kFloatSlack;  // the ground z = 0
    } else {
      ++check.actor_points;
      check.misplaced += !testing::placed_inside(actor_state(w.actors[a], t_actors).box, p, max_noise);
      const Vec3<double> p_start = (w.ego.state(t0).T_world_ego * T_ego_lidar) * Vec3<double>{r[0], r[1], r[2]};
      check.misplaced_if_instantaneous += !testing::placed_inside(actor_state(w.actors[a], t0).box, p_start, max_noise);
    }
    for (int b : w.actors_near(t_actors, t_actors, 5.0 + std::sqrt(r[0] * r[0] + r[1] * r[1])))
      if (b != a && w.actors[b].exists(t_actors)) check.not_clear += !testing::clear_of(actor_state(w.actors[b], t_actors).box, p);
  }
  return check;
}

TEST(SimDriveLidar, ReturnsLieOnTheSurfacesTheyHitAtTheirOwnTime) {
  for (double noise : {0.0, 0.03}) {
    SCOPED_TRACE("noise " + std::to_string(noise));
    const SimLidarSpec spec = test_lidar(noise);
    for (double t0 : {0.2, 1.7}) {
      const SimSweep sweep = simulate_lidar_sweep(world(), spec, mount_transform(spec.mount, false), t0, 9);
      const PlacementCheck check = check_sweep(sweep, spec, t0, 3 * noise);
      EXPECT_GT(sweep.size(), 10000);
      EXPECT_GT(check.actor_points, 200);
      EXPECT_EQ(check.misplaced, 0);
      EXPECT_EQ(check.off_ground, 0);
      EXPECT_EQ(check.not_clear, 0);
      // The test can tell: taking the whole sweep at its start would misplace most returns.
      if (noise == 0) {
        EXPECT_GT(check.misplaced_if_instantaneous, check.actor_points / 2);
      }
    }
  }
}

TEST(SimDriveLidar, FrozenActorsHoldTheirPoseAtTheSweepStart) {
  SimLidarSpec spec = test_lidar(0.02);
  spec.freeze_actors = true;
  const SimSweep sweep = simulate_lidar_sweep(world(), spec, mount_transform(spec.mount, false), 1.7, 9);
  const PlacementCheck check = check_sweep(sweep, spec, 1.7, 3 * spec.range_noise);
  EXPECT_GT(check.actor_points, 200);
  EXPECT_EQ(check.misplaced, 0);  // against the actors at t0, each return at its own ego pose
  EXPECT_EQ(check.not_clear, 0);
}

TEST(SimDriveLidar, OffsetsSpanTheSweepInFiringOrder) {
  const SimLidarSpec spec = test_lidar(0.02);
  const SimSweep sweep = simulate_lidar_sweep(world(), spec, mount_transform(spec.mount, false), 1.0, 3);
  float previous = 0;
  for (int64_t i = 0; i < sweep.size(); ++i) {
    const float* r = &sweep.records[kSimSweepFields * i];
    ASSERT_GE(r[4], previous);
    previous = r[4];
    ASSERT_TRUE(r[3] >= 0 && r[3] <= 1);
    // Column k is at azimuth pi - 2 pi k / steps and fires at k / (steps * rate).
    const double k = std::round(r[4] * spec.rate_hz * spec.azimuth_steps);
    const double azimuth = std::atan2(r[1], r[0]);
    EXPECT_NEAR(std::remainder(azimuth - (3.141592653589793 - 2 * 3.141592653589793 * k / spec.azimuth_steps),
                               2 * 3.141592653589793), 0.0, 1e-4);
  }
  EXPECT_LT(previous, 1.0 / spec.rate_hz);
  EXPECT_GT(previous, 0.95 / spec.rate_hz);
}

TEST(SimDriveLidar, BeamPatterns) {
  SimLidarSpec spec;
  spec.beams = 64, spec.elevation_max = 0.1, spec.elevation_min = -0.4;
  const std::vector<double> uniform = beam_elevations(spec);
  ASSERT_EQ(uniform.size(), 64u);
  EXPECT_DOUBLE_EQ(uniform.front(), 0.1);
  EXPECT_DOUBLE_EQ(uniform.back(), -0.4);
  spec.elevations = {0.2, 0.0, -0.3};
  spec.beams = 3;
  EXPECT_EQ(beam_elevations(spec), spec.elevations);
  spec.azimuth_steps = 100;
  const SimSweep sweep = simulate_lidar_sweep(world(), spec, mount_transform(spec.mount, false), 0.5, 1);
  for (int64_t i = 0; i < sweep.size(); ++i) {
    const float* r = &sweep.records[kSimSweepFields * i];
    const double elevation = std::atan2(r[2], std::hypot(r[0], r[1]));
    EXPECT_TRUE(std::fabs(elevation - 0.2) < 1e-5 || std::fabs(elevation) < 1e-5 || std::fabs(elevation + 0.3) < 1e-5);
  }
}

}  // namespace
}  // namespace fuselabel
