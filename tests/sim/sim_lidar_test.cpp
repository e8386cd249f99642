#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <stdexcept>

#include "sim/lidar_sim.h"
#include "kernels/points_in_boxes.h"
#include "sim_lidar_support.h"

namespace fuselabel {
namespace {

Vec3<double> point_of(const SimLidarSweep& sweep, int64_t i) {
  const float* r = &sweep.records[kSimLidarFields * i];
  return {r[0], r[1], r[2]};
}

// Every return on the surface it hit up to the noise, actor returns inside their cuboid and
// every return clear of the other cuboids (lidar_return.h).
void expect_returns_placed(const SimScene& scene, const SimLidarSweep& sweep, double max_noise) {
  ASSERT_EQ(sweep.records.size(), static_cast<size_t>(kSimLidarFields * sweep.size()));
  int64_t misplaced = 0, off_ground = 0, not_clear = 0;
  for (int64_t i = 0; i < sweep.size(); ++i) {
    const Vec3<double> p = point_of(sweep, i);
    const int actor = sweep.hit_actor[i];
    if (actor >= 0) {
      misplaced += !testing::placed_inside(scene.actors[actor].box, p, max_noise);
    } else {
      off_ground += std::fabs(p.z - scene.ground_z) > max_noise + testing::kFloatSlack;
    }
    for (size_t a = 0; a < scene.actors.size(); ++a)
      if (static_cast<int>(a) != actor) not_clear += !testing::clear_of(scene.actors[a].box, p);
  }
  EXPECT_EQ(misplaced, 0);
  EXPECT_EQ(off_ground, 0);
  EXPECT_EQ(not_clear, 0);
}

TEST(SimLidar, ActorReturnsInsideTheirCuboidAndClearOfTheOthers) {
  for (uint64_t seed : {0, 3}) {
    SCOPED_TRACE("seed " + std::to_string(seed));
    const SimScene scene = make_sample_scene(seed);
    LidarConfig config;
    config.seed = seed;
    const SimLidarSweep sweep = simulate_lidar(scene, config);
    expect_returns_placed(scene, sweep, 3 * config.range_noise_sigma);
    EXPECT_GT(sweep.size(), 20000);
    EXPECT_GT(std::count_if(sweep.hit_actor.begin(), sweep.hit_actor.end(), [](int a) { return a >= 0; }), 1000);
  }
}

TEST(SimLidar, NoiseFreeReturnsAreExactToFloatPrecision) {
  const SimScene scene = make_sample_scene(1);
  LidarConfig config;
  config.range_noise_sigma = 0;
  config.dropout_probability = 0;
  expect_returns_placed(scene, simulate_lidar(scene, config), 0.0);
}

TEST(SimLidar, PointsInCuboidsCountExactlyTheHitsOfEachActor) {
  const SimScene scene = make_sample_scene(1);
  LidarConfig config;
  config.range_noise_sigma = 0.05;
  const SimLidarSweep sweep = simulate_lidar(scene, config);
  PointsInBoxesBatch batch;
  batch.points = sweep.records.data();
  batch.point_stride = kSimLidarFields;
  batch.point_offsets = {0, sweep.size()};
  for (const SimActor& actor : scene.actors) batch.cuboids.boxes.push_back(actor.box);
  batch.cuboids.offsets = {0, static_cast<int64_t>(scene.actors.size())};
  PointsInBoxesResult result;
  points_in_boxes(Device::Cpu, batch, result);
  std::vector<int32_t> hits(scene.actors.size(), 0);
  for (int32_t a : sweep.hit_actor)
    if (a >= 0) ++hits[a];
  EXPECT_EQ(result.box_points, hits);
  EXPECT_EQ(result.point_box, sweep.hit_actor);
}

TEST(SimLidar, RangeNoiseHasTheConfiguredSpread) {
  // Ground returns keep the noise's full, symmetric distribution: compare each return's range
  // with the exact range of the ground along its ray.
  const SimScene scene = make_sample_scene(2);
  LidarConfig config;
  config.range_noise_sigma = 0.05;
  const SimLidarSweep sweep = simulate_lidar(scene, config);
  double sum = 0, sum2 = 0;
  int64_t n = 0;
  for (int64_t i = 0; i < sweep.size(); ++i) {
    if (sweep.hit_actor[i] >= 0) continue;
    const Vec3<double> p = point_of(sweep, i);
    const double range = std::sqrt(dot(p, p));
    const double exact = range * scene.ground_z / p.z;
    sum += range - exact;
    sum2 += (range - exact) * (range - exact);
    ++n;
  }
  ASSERT_GT(n, 10000);
  const double mean = sum / n, sd = std::sqrt(sum2 / n - mean * mean);
  EXPECT_NEAR(mean, 0.0, 0.002);
  EXPECT_NEAR(sd, 0.9866 * config.range_noise_sigma, 0.05 * config.range_noise_sigma);  // 3-sigma truncation
}

TEST(SimLidar, SeedFixesTheSweepAndOnlyTheNoise) {
  const SimScene scene = make_sample_scene(4);
  LidarConfig config;
  config.dropout_probability = 0;
  config.seed = 11;
  const SimLidarSweep a = simulate_lidar(scene, config), b = simulate_lidar(scene, config);
  EXPECT_EQ(a.records, b.records);
  EXPECT_EQ(a.hit_actor, b.hit_actor);
  config.seed = 12;
  const SimLidarSweep c = simulate_lidar(scene, config);
  EXPECT_EQ(a.hit_actor, c.hit_actor);  // the same rays hit the same surfaces
  EXPECT_NE(a.records, c.records);
}

TEST(SimLidar, DropoutRemovesTheConfiguredShare) {
  const SimScene scene = make_sample_scene(5);
  LidarConfig config;
  config.dropout_probability = 0;
  const double all = static_cast<double>(simulate_lidar(scene, config).size());
  config.dropout_probability = 0.2;
  EXPECT_NEAR(simulate_lidar(scene, config).size() / all, 0.8, 0.01);
  config.dropout_probability = 1;
  EXPECT_EQ(simulate_lidar(scene, config).size(), 0);
}

TEST(SimLidar, IntensityFollowsReflectanceAndIncidence) {
  SimScene scene = make_sample_scene(6);
  LidarConfig config;
  config.range_noise_sigma = 0;
  const SimLidarSweep sweep = simulate_lidar(scene, config);
  double paint = 0, asphalt = 0;
  int64_t n_paint = 0, n_asphalt = 0;
  for (int64_t i = 0; i < sweep.size(); ++i) {
    const float intensity = sweep.records[kSimLidarFields * i + 3];
    ASSERT_TRUE(intensity >= 0 && intensity <= 1);
    if (sweep.hit_actor[i] >= 0) continue;
    const Vec3<double> p = point_of(sweep, i);
    // Ground: reflectance times the cosine of incidence, |z| / range for a sensor at the origin.
    const bool painted = on_lane_mark(scene, p.x, p.y);
    const double expected = (painted ? scene.paint_reflectivity : scene.asphalt_reflectivity) *
                            std::fabs(p.z) / std::sqrt(dot(p, p));
    EXPECT_NEAR(intensity, expected, 1e-5);
    (painted ? paint : asphalt) += intensity;
    ++(painted ? n_paint : n_asphalt);
  }
  ASSERT_GT(n_paint, 100);
  EXPECT_GT(paint / n_paint, 2 * asphalt / n_asphalt);
}

TEST(SimLidar, RejectsUnusableConfigs) {
  const SimScene scene = make_sample_scene(0);
  auto bad = [&](auto edit) {
    LidarConfig config;
    edit(config);
    EXPECT_THROW(simulate_lidar(scene, config), std::invalid_argument);
  };
  bad([](LidarConfig& c) { c.beams = 0; });
  bad([](LidarConfig& c) { c.azimuth_steps = 0; });
  bad([](LidarConfig& c) { c.elevation_min_deg = 5; });
  bad([](LidarConfig& c) { c.max_range = 0.5; });
  bad([](LidarConfig& c) { c.range_noise_sigma = -1; });
  bad([](LidarConfig& c) { c.dropout_probability = 1.5; });
}

}  // namespace
}  // namespace fuselabel
