// The devkit's 2D box of a cuboid (export_2d_annotations_as_json): corners behind the camera are
// dropped, not clipped, and the hull is cut at the continuous image rectangle [0, W] x [0, H].
#include <gtest/gtest.h>

#include "fusion/export/nuscenes_image_annotations.h"

namespace fuselabel {
namespace {

nuscenes::SensorSample camera_at_origin() {
  nuscenes::SensorSample camera;
  CameraModeld K;
  K.width = 1600, K.height = 900, K.fx = K.fy = 1000, K.cx = 800, K.cy = 450;
  camera.camera = K;
  return camera;  // camera frame = ego = world
}

Cuboidd box_at(Vec3<double> center, Vec3<double> size) {
  Cuboidd box;
  box.center = center;
  box.size = size;
  return box;
}

TEST(DevkitImageBox, BoxInViewIsTheBoundsOfItsCorners) {
  Box2<double> b;
  ASSERT_TRUE(devkit_image_box(camera_at_origin(), box_at({0, 0, 10}, {2, 2, 2}), b));
  // Nearest face at z = 9: +-1 m -> +-111.1 px around the centre.
  EXPECT_NEAR(b.x1, 800 - 1000.0 / 9, 1e-9);
  EXPECT_NEAR(b.x2, 800 + 1000.0 / 9, 1e-9);
  EXPECT_NEAR(b.y1, 450 - 1000.0 / 9, 1e-9);
  EXPECT_NEAR(b.y2, 450 + 1000.0 / 9, 1e-9);
}

TEST(DevkitImageBox, CornersBehindTheCameraAreDroppedNotClipped) {
  // Spans z from -1 to 3, x from 0.5 to 1.5: only the four corners at z = 3 count, so the box
  // is the far face, not the image border the clipped edges would reach.
  Box2<double> b;
  ASSERT_TRUE(devkit_image_box(camera_at_origin(), box_at({1, 0, 1}, {1, 1, 4}), b));
  EXPECT_NEAR(b.x1, 800 + 1000 * 0.5 / 3, 1e-9);
  EXPECT_NEAR(b.x2, 800 + 1000 * 1.5 / 3, 1e-9);
  EXPECT_NEAR(b.y1, 450 - 1000 * 0.5 / 3, 1e-9);
  EXPECT_NEAR(b.y2, 450 + 1000 * 0.5 / 3, 1e-9);
}

TEST(DevkitImageBox, HullIsCutAtTheContinuousImageRectangle) {
  Box2<double> b;
  ASSERT_TRUE(devkit_image_box(camera_at_origin(), box_at({10, 0, 10}, {4, 2, 2}), b));
  EXPECT_EQ(b.x2, 1600.0);  // W, not W - 1 (KITTI's and inspect's pixel-centre convention)
  EXPECT_FALSE(devkit_image_box(camera_at_origin(), box_at({0, 0, -10}, {2, 2, 2}), b));  // behind
  EXPECT_FALSE(devkit_image_box(camera_at_origin(), box_at({100, 0, 10}, {2, 2, 2}), b));  // beside
}

}  // namespace
}  // namespace fuselabel
