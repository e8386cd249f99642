#include <gtest/gtest.h>

#include <cmath>

#include "projection/pose_interpolation.h"
#include "random_calibration.h"

namespace fuselabel {
namespace {

std::vector<StampedPose> straight_turn() {
  // Ego drives along x at 10 m/s while yawing at 0.5 rad/s, a pose every 100 ms.
  std::vector<StampedPose> poses;
  for (int k = 0; k <= 10; ++k)
    poses.push_back({k * 100'000, Transform3d::from_rotation_translation(Quat<double>::from_yaw(0.05 * k),
                                                                         {1.0 * k, 0.0, 0.0})});
  return poses;
}

TEST(PoseInterpolation, InterpolatesRotationBySlerpAndTranslationLinearly) {
  const auto poses = straight_turn();
  const Transform3d T = interpolate_pose(poses, 250'000);
  EXPECT_NEAR(T.t.x, 2.5, 1e-12);
  const Quat<double> q = Quat<double>::from_matrix(T.R);
  EXPECT_NEAR(2 * std::atan2(q.z, q.w), 0.125, 1e-12);
  EXPECT_LT(orthonormality_error(T.R), 1e-12);
}

TEST(PoseInterpolation, ExactTimestampsReturnTheStoredPose) {
  const auto poses = straight_turn();
  const Transform3d T = interpolate_pose(poses, 300'000);
  EXPECT_EQ(T.t.x, 3.0);
}

TEST(PoseInterpolation, ExtrapolatesOnlyWithinTheLimit) {
  const auto poses = straight_turn();
  PoseInterpolationLimits limits;
  limits.max_extrapolation_us = 50'000;
  EXPECT_NEAR(interpolate_pose(poses, 1'040'000, limits).t.x, 10.4, 1e-9);
  EXPECT_NEAR(interpolate_pose(poses, -20'000, limits).t.x, -0.2, 1e-9);
  EXPECT_THROW(interpolate_pose(poses, 1'060'000, limits), std::out_of_range);
  EXPECT_THROW(interpolate_pose(poses, -60'000, limits), std::out_of_range);
  EXPECT_THROW(interpolate_pose({}, 0, limits), std::out_of_range);
}

TEST(PoseInterpolation, RefusesToBridgeWideGaps) {
  auto poses = straight_turn();
  poses.erase(poses.begin() + 3, poses.begin() + 8);  // 200 ms -> 800 ms
  PoseInterpolationLimits limits;
  limits.max_gap_us = 500'000;
  EXPECT_THROW(interpolate_pose(poses, 500'000, limits), std::out_of_range);
  limits.max_gap_us = 600'000;
  EXPECT_NEAR(interpolate_pose(poses, 500'000, limits).t.x, 5.0, 1e-12);
}

TEST(PoseInterpolation, NearestTimestamp) {
  const std::vector<int64_t> t = {100, 200, 300};
  EXPECT_EQ(nearest_timestamp(t, 149, 1000), 0);
  EXPECT_EQ(nearest_timestamp(t, 150, 1000), 0);  // tie: the earlier
  EXPECT_EQ(nearest_timestamp(t, 151, 1000), 1);
  EXPECT_EQ(nearest_timestamp(t, 1000, 1000), 2);
  EXPECT_EQ(nearest_timestamp(t, 1000, 600), -1);
  EXPECT_EQ(nearest_timestamp({}, 5, 1000), -1);
}

TEST(PoseInterpolation, TimeAlignedChainMatchesAWorldRoundTrip) {
  testing::RandomScene rng(600);
  const auto poses = straight_turn();
  const Transform3d T_ego_lidar = Transform3d::from_rotation_translation(rng.rotation(), {1.2, 0.0, 1.8});
  const Transform3d T_ego_cam = Transform3d::from_rotation_translation(rng.rotation(), {1.5, 0.3, 1.6});
  const int64_t t_lidar = 420'000, t_cam = 455'000;
  const Transform3d T_cam_lidar = time_aligned_transform(T_ego_cam, interpolate_pose(poses, t_cam),
                                                         interpolate_pose(poses, t_lidar), T_ego_lidar);
  const Vec3<double> p_lidar = {20, -3, 0.5};
  const Vec3<double> p_world = interpolate_pose(poses, t_lidar) * (T_ego_lidar * p_lidar);
  const Vec3<double> expected = T_ego_cam.inverse() * (interpolate_pose(poses, t_cam).inverse() * p_world);
  const Vec3<double> got = T_cam_lidar * p_lidar;
  EXPECT_NEAR(got.x, expected.x, 1e-9);
  EXPECT_NEAR(got.y, expected.y, 1e-9);
  EXPECT_NEAR(got.z, expected.z, 1e-9);
}

}  // namespace
}  // namespace fuselabel
