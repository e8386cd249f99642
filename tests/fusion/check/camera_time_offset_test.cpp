// The camera time offset from images: the shift grid and the peak of summed curves, the score of
// a view as the camera's motion, or an object's, carries its edges across the image (the drive
// level estimate is tested end to end in tests/sim/sim_camera_time_offset_test.cpp).
#include "fusion/check/camera_time_offset.h"

#include <gtest/gtest.h>

#include <cmath>

namespace fuselabel {
namespace {

TEST(CameraTimeOffset, TheGridIsSymmetricAboutZero) {
  const std::vector<double> grid = time_shift_grid(0.01, 0.002);
  ASSERT_EQ(grid.size(), 11u);
  EXPECT_NEAR(grid.front(), -0.01, 1e-12);
  EXPECT_NEAR(grid[5], 0, 1e-12);
  EXPECT_NEAR(grid.back(), 0.01, 1e-12);
}

TEST(CameraTimeOffset, ThePeakOfAParabolaIsFoundBetweenGridPoints) {
  TimeShiftCurves curves(time_shift_grid(0.02, 0.002), 2);
  for (std::vector<double>& subset : curves.subsets)
    for (size_t i = 0; i < curves.shifts.size(); ++i) subset[i] = 1 - std::pow((curves.shifts[i] - 0.0031) / 0.01, 2);
  curves.views = 4;
  const TimeOffsetEstimate e = estimate_time_offset(curves);
  EXPECT_NEAR(e.offset_s, 0.0031, 1e-9);
  EXPECT_NEAR(e.uncertainty_s, 0, 1e-9);  // the subsets agree
  EXPECT_GT(e.gain, 0);
  EXPECT_EQ(e.views, 4u);
}

// A 200 x 200 pinhole camera (f 100 px) whose image has one vertical edge at column `edge_col`;
// the edges are points on the optical axis's column at `depth`, one every 0.1 m in height.
struct ColumnEdgeScene {
  CameraModeld camera;
  cv::Mat score = cv::Mat(200, 200, CV_32F);
  std::vector<Vec3<double>> edges;

  ColumnEdgeScene(double edge_col, double depth) {
    camera.width = camera.height = 200;
    camera.fx = camera.fy = 100, camera.cx = camera.cy = 99.5;
    for (int row = 0; row < 200; ++row)
      for (int col = 0; col < 200; ++col) score.at<float>(row, col) = float(std::exp(-std::fabs(col - edge_col) / 2));
    for (double y = -0.5; y <= 0.5; y += 0.1) edges.push_back({(100 - 99.5) / 100 * depth, y, depth});
  }
  double offset(const EdgeMotion& motion) const {
    TimeShiftCurves curves(time_shift_grid(0.15, 0.002), 1);
    curves.add(AlignmentView(camera, edges, motion, score));
    return estimate_time_offset(curves).offset_s;
  }
};

// A camera moving sideways at 10 m/s past edge points 5 m away: a capture 0.1 s earlier sees
// them 20 px to the right, where the image has its edge.
TEST(CameraTimeOffset, AViewScoresBestWhereTheCameraWasWhenTheImageWasTaken) {
  const ColumnEdgeScene scene(120, 5);
  EdgeMotion motion;
  motion.camera_per_s.translation = {10, 0, 0};
  EXPECT_NEAR(scene.offset(motion), 0.1, 0.002);
}

// An object's own motion counts the same way: a static camera, the object moving left at 2 m/s
// 4 m away, so a capture 0.1 s earlier sees it 5 px to the right.
TEST(CameraTimeOffset, MovingObjectsEdgesAreMovedWithTheirVelocity) {
  const ColumnEdgeScene scene(105, 4);
  EdgeMotion motion;
  motion.velocities.assign(scene.edges.size(), {-2, 0, 0});
  EXPECT_NEAR(scene.offset(motion), 0.1, 0.002);
}

}  // namespace
}  // namespace fuselabel
