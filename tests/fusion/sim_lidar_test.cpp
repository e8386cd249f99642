#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <stdexcept>

#include "fusion/sim/lidar_sim.h"

namespace fuselabel {
namespace {

Vec3<double> point_of(const SimLidarSweep& sweep, int64_t i) {
  const float* r = &sweep.records[kSimLidarFields * i];
  return {r[0], r[1], r[2]};
}

// Distance from p to the surface of the box (outside or inside).
double distance_to_surface(const Cuboidd& box, Vec3<double> p) {
  const CuboidFrame<double> f = make_cuboid_frame(box);
  const Vec3<double> d = f.R_box_frame * (p - f.center);
  const double excess[3] = {std::fabs(d.x) - f.half_size.x, std::fabs(d.y) - f.half_size.y,
                            std::fabs(d.z) - f.half_size.z};
  const double outside = std::sqrt(std::pow(std::max(excess[0], 0.0), 2) + std::pow(std::max(excess[1], 0.0), 2) +
                                   std::pow(std::max(excess[2], 0.0), 2));
  return outside > 0 ? outside : -std::max({excess[0], excess[1], excess[2]});
}

Cuboidd shrunk(Cuboidd box, double margin) {
  box.size = {box.size.x - 2 * margin, box.size.y - 2 * margin, box.size.z - 2 * margin};
  return box;
}

void expect_returns_on_surfaces(const SimScene& scene, const SimLidarSweep& sweep, double tolerance) {
  ASSERT_EQ(sweep.records.size(), static_cast<size_t>(kSimLidarFields * sweep.size()));
  std::vector<CuboidFrame<double>> interiors;
  for (const SimActor& actor : scene.actors) interiors.push_back(make_cuboid_frame(shrunk(actor.box, 0.01)));
  int64_t off_surface = 0, inside = 0;
  for (int64_t i = 0; i < sweep.size(); ++i) {
    const Vec3<double> p = point_of(sweep, i);
    const int actor = sweep.hit_actor[i];
    const double distance = actor < 0 ? std::fabs(p.z - scene.ground_z) : distance_to_surface(scene.actors[actor].box, p);
    off_surface += distance >= tolerance;
    for (const CuboidFrame<double>& interior : interiors) inside += cuboid_contains(interior, p);
  }
  EXPECT_EQ(off_surface, 0);
  EXPECT_EQ(inside, 0);
}

TEST(SimLidar, ReturnsLieOnTheSurfaceTheyHitAndNeverInsideACuboid) {
  for (uint64_t seed : {0, 3}) {
    SCOPED_TRACE("seed " + std::to_string(seed));
    const SimScene scene = make_sample_scene(seed);
    LidarConfig config;
    config.seed = seed;
    const SimLidarSweep sweep = simulate_lidar(scene, config);
    expect_returns_on_surfaces(scene, sweep, 3 * config.range_noise_sigma + 1e-4);
    EXPECT_GT(sweep.size(), 20000);
    EXPECT_GT(std::count_if(sweep.hit_actor.begin(), sweep.hit_actor.end(), [](int a) { return a >= 0; }), 1000);
  }
}

TEST(SimLidar, NoiseFreeReturnsAreExactToFloatPrecision) {
  const SimScene scene = make_sample_scene(1);
  LidarConfig config;
  config.range_noise_sigma = 0;
  config.dropout_probability = 0;
  expect_returns_on_surfaces(scene, simulate_lidar(scene, config), 1e-4);
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
