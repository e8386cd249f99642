#include <gtest/gtest.h>

#include <cmath>
#include <random>

#include "io/kitti/kitti_object.h"
#include "io/kitti/kitti_object_writer.h"
#include "io/io_test_support.h"
#include "projection/cuboid_projection.h"

namespace fuselabel {
namespace {

constexpr double kPi = 3.14159265358979323846;

// R_rect = I and LiDAR axes (x fwd, y left, z up) -> camera axes (x right, y down, z fwd).
KittiCalib axis_swap_calib() {
  KittiCalib calib = testing::orthonormal_calib();
  calib.R_rect = Mat3<double>::identity();
  calib.T_cam0_velo = {{{0, -1, 0, 0, 0, -1, 1, 0, 0}}, {0, 0, 0}};
  return calib;
}

Transform3d T_rect_velo(const KittiCalib& calib) { return Transform3d{calib.R_rect, {0, 0, 0}} * calib.T_cam0_velo; }

// The corners KITTI's devkit draws (compute_box_3d): R_y(ry) * offsets + location, with the
// offsets spanning l along x, h upward (-y) from the bottom and w along z.
std::vector<Vec3<double>> devkit_corners(const KittiObjectLabel& label) {
  const double c = std::cos(label.rotation_y), s = std::sin(label.rotation_y);
  std::vector<Vec3<double>> corners;
  for (double dx : {-0.5, 0.5})
    for (double dy : {0.0, -1.0})
      for (double dz : {-0.5, 0.5}) {
        const double x = dx * label.length, y = dy * label.height, z = dz * label.width;
        corners.push_back(Vec3<double>{c * x + s * z, y, -s * x + c * z} + label.location);
      }
  return corners;
}

double distance(Vec3<double> a, Vec3<double> b) { return std::sqrt(dot(a - b, a - b)); }

void expect_label_round_trip(const KittiObjectLabel& label, const KittiCalib& calib, double tolerance) {
  const Cuboidd box = kitti_label_to_lidar_cuboid(label, calib);
  const KittiObjectLabel back = lidar_cuboid_to_kitti_label(box, calib, label.type);
  EXPECT_EQ(back.type, label.type);
  EXPECT_NEAR(back.location.x, label.location.x, tolerance);
  EXPECT_NEAR(back.location.y, label.location.y, tolerance);
  EXPECT_NEAR(back.location.z, label.location.z, tolerance);
  EXPECT_NEAR(back.height, label.height, tolerance);
  EXPECT_NEAR(back.width, label.width, tolerance);
  EXPECT_NEAR(back.length, label.length, tolerance);
  EXPECT_NEAR(std::remainder(back.rotation_y - label.rotation_y, 2 * kPi), 0.0, tolerance);
  const double expected_alpha = back.rotation_y - std::atan2(back.location.x, back.location.z);
  EXPECT_NEAR(std::remainder(back.alpha - expected_alpha, 2 * kPi), 0.0, 1e-12);
  EXPECT_LE(std::abs(back.alpha), kPi);
}

TEST(KittiConversions, AxisSwapGivesTheExpectedLidarBox) {
  const KittiCalib calib = axis_swap_calib();
  // Heading along camera +x (to the right) is LiDAR -y: yaw -pi/2.
  const Cuboidd box = kitti_label_to_lidar_cuboid(testing::make_label("Car", {1, 2, 10}, 2.0, 1.6, 4.0, 0.0), calib);
  EXPECT_NEAR(box.center.x, 10, 1e-12);
  EXPECT_NEAR(box.center.y, -1, 1e-12);
  EXPECT_NEAR(box.center.z, -1, 1e-12);  // bottom at camera y = 2, i.e. LiDAR z = -2
  EXPECT_EQ(box.size.x, 4.0);
  EXPECT_EQ(box.size.y, 1.6);
  EXPECT_EQ(box.size.z, 2.0);
  const Quat<double> expected = Quat<double>::from_yaw(-kPi / 2);
  EXPECT_NEAR(std::abs(box.rotation.w * expected.w + box.rotation.x * expected.x + box.rotation.y * expected.y +
                       box.rotation.z * expected.z),
              1.0, 1e-12);
  // rotation_y = pi/2 turns the heading to camera -z, i.e. LiDAR -x: yaw pi.
  const Cuboidd back =
      kitti_label_to_lidar_cuboid(testing::make_label("Car", {1, 2, 10}, 2.0, 1.6, 4.0, kPi / 2), calib);
  const Vec3<double> heading = back.rotation.to_matrix() * Vec3<double>{1, 0, 0};
  EXPECT_NEAR(heading.x, -1, 1e-12);
  EXPECT_NEAR(heading.y, 0, 1e-12);
}

TEST(KittiConversions, CuboidCornersMatchTheDevkit) {
  const KittiCalib calib = testing::orthonormal_calib();
  const KittiObjectLabel label = testing::make_label("Van", {-3.2, 1.7, 21.5}, 2.1, 1.9, 5.3, 0.77);
  Vec3<double> corners[8];
  cuboid_corners(kitti_label_to_lidar_cuboid(label, calib), corners);
  const auto expected = devkit_corners(label);
  for (int k = 0; k < 8; ++k) {
    const Vec3<double> rect = T_rect_velo(calib) * corners[k];
    double nearest = 1e9;
    for (const auto& e : expected) nearest = std::min(nearest, distance(rect, e));
    EXPECT_LT(nearest, 1e-9) << "corner " << k;
  }
}

TEST(KittiConversions, RoundTripIsExactWithOrthonormalCalibration) {
  const KittiCalib calib = testing::orthonormal_calib();
  std::mt19937 rng(20261127);
  std::uniform_real_distribution<double> lateral(-20, 20), height(0.5, 2.5), depth(2, 80), size(0.3, 12),
      angle(-3.1, 3.1);
  for (int i = 0; i < 200; ++i) {
    const auto label = testing::make_label("Truck", {lateral(rng), height(rng), depth(rng)}, size(rng), size(rng),
                                           size(rng), angle(rng));
    expect_label_round_trip(label, calib, 1e-9);
  }
}

TEST(KittiConversions, DontCareHasNoCuboid) {
  KittiObjectLabel label = testing::make_label("DontCare", {-1000, -1000, -1000}, -1, -1, -1, -10);
  EXPECT_THROW(kitti_label_to_lidar_cuboid(label, testing::orthonormal_calib()), std::invalid_argument);
}

TEST(KittiConversions, CameraModelTakesPAndRectification) {
  const KittiCalib calib = testing::orthonormal_calib();
  const CameraModeld cam = kitti_camera_model(calib, 3, 1242, 375);
  EXPECT_EQ(cam.type, CameraModelType::KittiRectified);
  EXPECT_EQ(cam.width, 1242);
  EXPECT_EQ(cam.height, 375);
  for (int i = 0; i < 12; ++i) EXPECT_EQ(cam.P[i], calib.P[3][i]);
  for (int i = 0; i < 9; ++i) EXPECT_EQ(cam.R_rect[i], calib.R_rect.m[i]);
  EXPECT_THROW(kitti_camera_model(calib, 4, 1242, 375), std::invalid_argument);
}

class RealKittiFrame : public ::testing::Test {
 protected:
  void SetUp() override {
    FL_REQUIRE_SHARED_DATA("kitti-object/training/label_2/000008.txt");
    calib_ = read_kitti_calib(testing::shared_data("kitti-object/training/calib/000008.txt"));
    for (const auto& label : read_kitti_object_labels(testing::shared_data("kitti-object/training/label_2/000008.txt")))
      if (label.type != "DontCare") cars_.push_back(label);
  }
  KittiCalib calib_;
  std::vector<KittiObjectLabel> cars_;
};

TEST_F(RealKittiFrame, RoundTripWithinAMillimetre) {
  ASSERT_EQ(cars_.size(), 6u);
  for (const auto& car : cars_) expect_label_round_trip(car, calib_, 1e-3);
}

TEST_F(RealKittiFrame, BottomCentresMapBackToTheLabelLocation) {
  const Transform3d T_rect_lidar = T_rect_velo(calib_);
  for (const auto& car : cars_) {
    const Cuboidd box = kitti_label_to_lidar_cuboid(car, calib_);
    const Vec3<double> up = box.rotation.to_matrix() * Vec3<double>{0, 0, 1};
    const Vec3<double> bottom_rect = T_rect_lidar * (box.center - (box.size.z / 2) * up);
    const double scale = std::sqrt(dot(car.location, car.location));
    EXPECT_LT(distance(bottom_rect, car.location), 1e-6 * scale) << "line " << car.line;
  }
}

// The projected cuboids overlap the annotators' 2D boxes: a check of the whole chain
// (Tr_velo_to_cam, R0_rect, P2, the box conventions) against independent human labels.
TEST_F(RealKittiFrame, ProjectedCuboidsMatchTheAnnotatedImageBoxes) {
  const CameraModeld cam = kitti_camera_model(calib_, 2, 1242, 375);
  for (const auto& car : cars_) {
    if (car.truncated > 0) continue;  // the annotated box of a truncated car is clipped differently
    Box2<double> projected;
    ASSERT_TRUE(project_cuboid_box(cam, calib_.T_cam0_velo, kitti_label_to_lidar_cuboid(car, calib_), projected));
    EXPECT_GT(box_iou(projected, car.box2d), 0.7) << "line " << car.line;
  }
}

}  // namespace
}  // namespace fuselabel
