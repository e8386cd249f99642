// unexplained_clusters on a synthetic sweep: flat ground, unlabelled blocks and labelled ones.
#include "fusion/check/lidar_clusters.h"

#include <gtest/gtest.h>

#include <cmath>

namespace fuselabel {
namespace {

void add(PointSweep& sweep, double x, double y, double z) {
  sweep.records.insert(sweep.records.end(), {float(x), float(y), float(z), 0.f});
}

// Ground at z = -1.7 every 0.25 m over 60 x 60 m, and a 2 x 1 x 1.5 m block of points at each
// position, from 0.1 m above the ground.
PointSweep scene(const std::vector<Vec3<double>>& blocks) {
  PointSweep sweep;
  sweep.fields = {"x", "y", "z", "intensity"};
  for (double x = -30; x <= 30; x += 0.25)
    for (double y = -30; y <= 30; y += 0.25) add(sweep, x, y, -1.7);
  for (const Vec3<double>& at : blocks)
    for (int i = 0; i <= 20; ++i)
      for (int j = 0; j <= 10; ++j)
        for (int k = 0; k <= 6; ++k) add(sweep, at.x - 1 + 0.1 * i, at.y - 0.5 + 0.1 * j, -1.6 + 0.25 * k);
  return sweep;
}

TEST(LidarClusters, AnUnlabelledBlockIsOneClusterOfItsSize) {
  const std::vector<LidarCluster> clusters = unexplained_clusters(scene({{10, 5, 0}}), {}, ClusterLimits{});
  ASSERT_EQ(clusters.size(), 1u);
  const LidarCluster& c = clusters[0];
  EXPECT_NEAR(c.centre.x, 10, 0.05);
  EXPECT_NEAR(c.centre.y, 5, 0.05);
  EXPECT_NEAR(c.length_m, 2.0, 0.01);
  EXPECT_NEAR(c.width_m, 1.0, 0.01);
  EXPECT_NEAR(c.height_m, 1.6, 0.01);
  EXPECT_EQ(c.points, 21 * 11 * 6);  // the lowest layer, 0.1 m up, is not above the ground
  EXPECT_NEAR(c.range_m, std::hypot(10, 5), 0.05);
}

TEST(LidarClusters, BlocksInsideOrBesideACuboidOrOutOfRangeAreExplained) {
  Cuboidd labelled;
  labelled.center = {-8, -4, -0.9}, labelled.size = {2.4, 1.4, 1.8};
  Cuboidd offset = labelled;  // a box 0.8 m off its object: the spill is lidar_support's
  offset.center = {-12.8, 6, -0.9};
  const auto clusters =
      unexplained_clusters(scene({{-8, -4, 0}, {-12, 6, 0}, {36, 20, 0}, {3, -12, 0}}), {labelled, offset}, {});
  ASSERT_EQ(clusters.size(), 1u);  // (36, 20) is 41 m away
  EXPECT_NEAR(clusters[0].centre.x, 3, 0.05);
  EXPECT_NEAR(clusters[0].centre.y, -12, 0.05);
}

TEST(LidarClusters, TwoBlocksApartAreTwoClustersInAStableOrder) {
  const auto a = unexplained_clusters(scene({{5, 5, 0}, {5, 9, 0}}), {}, {});
  const auto b = unexplained_clusters(scene({{5, 9, 0}, {5, 5, 0}}), {}, {});
  ASSERT_EQ(a.size(), 2u);
  ASSERT_EQ(b.size(), 2u);
  for (size_t i = 0; i < 2; ++i) EXPECT_EQ(a[i].centre.y, b[i].centre.y);
  EXPECT_LT(a[0].centre.y, a[1].centre.y);
}

}  // namespace
}  // namespace fuselabel
