#include <gtest/gtest.h>

#include <cmath>

#include "projection/ray.h"
#include "projection/ray_test_support.h"

namespace fuselabel {
namespace {

constexpr double kTol = 1e-12;
constexpr double kPi = 3.141592653589793;

using testing::expect_near;
using testing::ray_along;

bool hit_box(const Ray& ray, const Cuboidd& box, double& t, Vec3<double>& normal, double t_min = 0.0) {
  return intersect_ray_cuboid(ray, make_cuboid_frame(box), t_min, t, normal);
}

TEST(Ray, AxisAlignedBoxEntryFace) {
  double t;
  Vec3<double> n;
  ASSERT_TRUE(hit_box(ray_along({0, 0, 0}, {1, 0, 0}), {{5, 0, 0}, {2, 2, 2}, {}}, t, n));
  EXPECT_NEAR(t, 4.0, kTol);
  expect_near(n, {-1, 0, 0}, kTol);
  // Coming down onto the top face.
  ASSERT_TRUE(hit_box(ray_along({5, 0.3, 10}, {0, 0, -1}), {{5, 0, 0}, {2, 2, 2}, {}}, t, n));
  EXPECT_NEAR(t, 9.0, kTol);
  expect_near(n, {0, 0, 1}, kTol);
}

TEST(Ray, YawedBoxHitsTheFaceTheGeometrySays) {
  // A 2 m cube turned 45 degrees: the ray y = 0.5 meets the face whose outward normal is
  // (-1, 1, 0) / sqrt(2), on the plane n . (p - c) = 1, at x = 5.5 - sqrt(2).
  double t;
  Vec3<double> n;
  const Cuboidd box = {{5, 0, 0}, {2, 2, 2}, Quat<double>::from_yaw(kPi / 4)};
  ASSERT_TRUE(hit_box(ray_along({0, 0.5, 0}, {1, 0, 0}), box, t, n));
  EXPECT_NEAR(t, 5.5 - std::sqrt(2.0), 1e-12);
  expect_near(n, {-std::sqrt(0.5), std::sqrt(0.5), 0}, 1e-12);
}

TEST(Ray, GeneralRotationUsesTheBoxAxes) {
  // 120 degrees about (1, 1, 1) maps local x -> y, y -> z, z -> x: the 6 m side lies along x.
  double t;
  Vec3<double> n;
  const Cuboidd box = {{10, 0, 0}, {2, 4, 6}, Quat<double>::from_axis_angle({1, 1, 1}, 2 * kPi / 3)};
  ASSERT_TRUE(hit_box(ray_along({0, 0.9, -1.9}, {1, 0, 0}), box, t, n));
  EXPECT_NEAR(t, 7.0, 1e-12);
  expect_near(n, {-1, 0, 0}, 1e-12);
  // Just outside the 2 m (world y) extent: a miss.
  EXPECT_FALSE(hit_box(ray_along({0, 1.01, 0}, {1, 0, 0}), box, t, n));
}

TEST(Ray, MissesParallelOutsideAndBehind) {
  double t;
  Vec3<double> n;
  const Cuboidd box = {{5, 0, 0}, {2, 2, 2}, {}};
  EXPECT_FALSE(hit_box(ray_along({0, 1.5, 0}, {1, 0, 0}), box, t, n));   // parallel, beside the slab
  EXPECT_FALSE(hit_box(ray_along({0, 0, 0}, {-1, 0, 0}), box, t, n));    // box behind the origin
  EXPECT_FALSE(hit_box(ray_along({0, 0, 0}, {1, 1, 0}), box, t, n));     // passes by
  // Grazing the face plane y = 1 counts: boundaries are inclusive, as in cuboid_contains.
  EXPECT_TRUE(hit_box(ray_along({0, 1, 0}, {1, 0, 0}), box, t, n));
}

TEST(Ray, FromInsideReturnsTheExitFaceFacingTheOrigin) {
  double t;
  Vec3<double> n;
  const Cuboidd box = {{0, 0, 0}, {2, 4, 6}, {}};
  ASSERT_TRUE(hit_box(ray_along({0, 0, 0}, {0, 1, 0}), box, t, n));
  EXPECT_NEAR(t, 2.0, kTol);
  expect_near(n, {0, -1, 0}, kTol);
  // t_min past the entry face of an outside box also yields the exit.
  ASSERT_TRUE(hit_box(ray_along({-5, 0, 0}, {1, 0, 0}), box, t, n, 4.5));
  EXPECT_NEAR(t, 6.0, kTol);
  expect_near(n, {-1, 0, 0}, kTol);
}

TEST(Ray, GroundPlane) {
  double t;
  ASSERT_TRUE(intersect_ray_plane(ray_along({0, 0, 0}, {1, 0, -1}), {0, 0, 1}, -1.73, 0.0, t));
  EXPECT_NEAR(t, 1.73 * std::sqrt(2.0), kTol);
  EXPECT_FALSE(intersect_ray_plane(ray_along({0, 0, 0}, {1, 0, 0}), {0, 0, 1}, -1.73, 0.0, t));  // parallel
  EXPECT_FALSE(intersect_ray_plane(ray_along({0, 0, 0}, {1, 0, 1}), {0, 0, 1}, -1.73, 0.0, t));  // away
}


// The float instantiation (what device code gets) agrees with the double one.
TEST(Ray, FloatSpanMatchesDouble) {
  const Cuboidd box = {{10, 0.5, -0.2}, {4, 2, 1.5}, Quat<double>::from_axis_angle({0.2, 0.1, 1}, 0.7)};
  const Ray ray = ray_along({0, 0, 0}, {1, 0.05, -0.02});
  double enter, exit;
  float enter_f, exit_f;
  int enter_axis, exit_axis, enter_axis_f, exit_axis_f;
  ASSERT_TRUE(ray_cuboid_span(ray, make_cuboid_frame(box), enter, exit, enter_axis, exit_axis));
  const Ray3<float> ray_f = {ray.origin.cast<float>(), ray.direction.cast<float>()};
  ASSERT_TRUE(ray_cuboid_span(ray_f, make_cuboid_frame(box.cast<float>()), enter_f, exit_f, enter_axis_f, exit_axis_f));
  EXPECT_NEAR(enter_f, enter, 1e-5);
  EXPECT_NEAR(exit_f, exit, 1e-5);
  EXPECT_EQ(enter_axis_f, enter_axis);
  EXPECT_EQ(exit_axis_f, exit_axis);
}

}  // namespace
}  // namespace fuselabel
