#include <gtest/gtest.h>

#include <cmath>

#include "projection/cuboid_projection.h"
#include "random_calibration.h"

namespace fuselabel {
namespace {

TEST(Cuboid, CornersFollowTheDocumentedOrder) {
  const Cuboidd box{{10, 5, 1}, {4, 2, 1.5}, Quat<double>::from_yaw(M_PI / 2)};
  Vec3<double> c[8];
  cuboid_corners(box, c);
  // Corner 0 is (+l/2, +w/2, +h/2) in the box frame; yaw 90 deg maps local x to frame y.
  EXPECT_NEAR(c[0].x, 10 - 1, 1e-12);
  EXPECT_NEAR(c[0].y, 5 + 2, 1e-12);
  EXPECT_NEAR(c[0].z, 1 + 0.75, 1e-12);
  EXPECT_NEAR(c[7].x, 10 + 1, 1e-12);
  EXPECT_NEAR(c[7].y, 5 - 2, 1e-12);
  EXPECT_NEAR(c[7].z, 1 - 0.75, 1e-12);
}

TEST(Cuboid, ContainmentIsInclusiveWithoutMargin) {
  const Cuboidd box{{0, 0, 0}, {4, 2, 2}, Quat<double>()};
  const CuboidFrame<double> f = make_cuboid_frame(box);
  EXPECT_TRUE(cuboid_contains(f, Vec3<double>{2, 1, 1}));     // a corner
  EXPECT_TRUE(cuboid_contains(f, Vec3<double>{-2, 0, 0}));    // a face
  EXPECT_FALSE(cuboid_contains(f, Vec3<double>{2 + 1e-9, 0, 0}));
  EXPECT_FALSE(cuboid_contains(f, Vec3<double>{0, 0, -1 - 1e-9}));
}

TEST(Cuboid, RotatedContainmentMatchesTheBoxFrame) {
  testing::RandomScene rng(20);
  for (int i = 0; i < 100; ++i) {
    const Cuboidd box{{rng.uniform(-5, 5), rng.uniform(-5, 5), 0}, {rng.uniform(1, 5), rng.uniform(1, 3), 2},
                      rng.rotation()};
    const CuboidFrame<double> f = make_cuboid_frame(box);
    const Mat3<double> R = box.rotation.to_matrix();
    for (int k = 0; k < 50; ++k) {
      const Vec3<double> local = {rng.uniform(-3, 3), rng.uniform(-2, 2), rng.uniform(-1.5, 1.5)};
      const bool inside = std::fabs(local.x) <= box.size.x / 2 && std::fabs(local.y) <= box.size.y / 2 &&
                          std::fabs(local.z) <= box.size.z / 2;
      const double margin = std::min({std::fabs(std::fabs(local.x) - box.size.x / 2),
                                      std::fabs(std::fabs(local.y) - box.size.y / 2),
                                      std::fabs(std::fabs(local.z) - box.size.z / 2)});
      if (margin < 1e-9) continue;
      EXPECT_EQ(cuboid_contains(f, R * local + box.center), inside);
    }
  }
}

TEST(Polygon, HullAndRectangleClip) {
  Vec2<double> pts[7] = {{0, 0}, {4, 0}, {4, 4}, {0, 4}, {2, 2}, {1, 3}, {4, 2}};
  Vec2<double> hull[8];
  const int m = convex_hull(pts, 7, hull);
  EXPECT_EQ(m, 4);
  Vec2<double> scratch[12];
  Vec2<double> poly[12];
  for (int i = 0; i < m; ++i) poly[i] = hull[i];
  const int n = clip_polygon_to_rect(poly, m, Box2<double>{1, -1, 3, 2}, scratch);
  const Box2<double> b = bounding_box(poly, n);
  EXPECT_DOUBLE_EQ(b.x1, 1);
  EXPECT_DOUBLE_EQ(b.y1, 0);
  EXPECT_DOUBLE_EQ(b.x2, 3);
  EXPECT_DOUBLE_EQ(b.y2, 2);
}

TEST(Polygon, BoxIou) {
  EXPECT_DOUBLE_EQ(box_iou(Box2<double>{0, 0, 2, 2}, Box2<double>{0, 0, 2, 2}), 1.0);
  EXPECT_DOUBLE_EQ(box_iou(Box2<double>{0, 0, 2, 2}, Box2<double>{1, 0, 3, 2}), 1.0 / 3.0);
  EXPECT_DOUBLE_EQ(box_iou(Box2<double>{0, 0, 1, 1}, Box2<double>{2, 2, 3, 3}), 0.0);
}

CameraModeld test_pinhole() {
  CameraModeld cam;
  cam.width = 1001, cam.height = 801, cam.fx = cam.fy = 500, cam.cx = 500, cam.cy = 400;
  return cam;
}

TEST(CuboidProjection, BoxInViewIsTheHullOfItsCorners) {
  const CameraModeld cam = test_pinhole();
  const Cuboidd box{{0, 0, 10}, {2, 2, 2}, Quat<double>()};  // axis-aligned, camera frame
  Box2<double> b;
  ASSERT_TRUE(project_cuboid_box(cam, Transform3d::identity(), box, b));
  // Nearest face (z = 9) spans x, y in [-1, 1]: u in 500 -+ 500/9.
  EXPECT_NEAR(b.x1, 500 - 500.0 / 9, 1e-9);
  EXPECT_NEAR(b.x2, 500 + 500.0 / 9, 1e-9);
  EXPECT_NEAR(b.y1, 400 - 500.0 / 9, 1e-9);
  EXPECT_NEAR(b.y2, 400 + 500.0 / 9, 1e-9);
}

TEST(CuboidProjection, BoxBehindTheCameraIsNotVisible) {
  Box2<double> b;
  EXPECT_FALSE(project_cuboid_box(test_pinhole(), Transform3d::identity(), Cuboidd{{0, 0, -10}, {2, 2, 2}, {}}, b));
}

TEST(CuboidProjection, BoxHalfBehindIsClippedAtTheNearPlane) {
  // A long box beside the camera, from z = -5 to z = 5, at x in [1, 3]: its visible part
  // reaches the image's right border, and its far end at z = 5 bounds it on the left.
  const CameraModeld cam = test_pinhole();
  Box2<double> b;
  ASSERT_TRUE(project_cuboid_box(cam, Transform3d::identity(), Cuboidd{{2, 0, 0}, {2, 2, 10}, {}}, b));
  EXPECT_NEAR(b.x1, 500 + 500.0 * 1 / 5, 1e-6);
  EXPECT_NEAR(b.x2, cam.width - 1, 1e-9);
  EXPECT_NEAR(b.y1, 0, 1e-9);
  EXPECT_NEAR(b.y2, cam.height - 1, 1e-9);
}

TEST(CuboidProjection, BoxCutByTheImageBorderIsIntersectedNotClamped) {
  // A box rotated 45 degrees about the optical axis and centred on the right border: the
  // clamped bounding box would be taller than what the image shows of the diamond.
  const CameraModeld cam = test_pinhole();
  const Cuboidd box{{10, 0, 10}, {4, 4, 0.01}, Quat<double>::from_axis_angle({0, 0, 1}, M_PI / 4)};
  Box2<double> b;
  ASSERT_TRUE(project_cuboid_box(cam, Transform3d::identity(), box, b));
  // The diamond's right half is cut at u = 1000 (its centre column): the visible part is
  // the left half, whose vertical extent at u = 1000 is the full diagonal.
  const double half_diag = 500.0 * 2 * std::sqrt(2.0) / 10;
  EXPECT_NEAR(b.x2, 1000, 1e-9);
  EXPECT_NEAR(b.x1, 1000 - half_diag, 0.5);
  EXPECT_NEAR(b.y2 - b.y1, 2 * half_diag, 0.5);
  // Same box shifted so only a corner tip enters the image: the box must be a thin sliver.
  const Cuboidd tip{{10 + 2 * std::sqrt(2.0) - 0.2, 0, 10}, {4, 4, 0.01},
                    Quat<double>::from_axis_angle({0, 0, 1}, M_PI / 4)};
  ASSERT_TRUE(project_cuboid_box(cam, Transform3d::identity(), tip, b));
  EXPECT_LT(b.y2 - b.y1, 25.0);  // clamping the full box would give ~283 px
}

}  // namespace
}  // namespace fuselabel
