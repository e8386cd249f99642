#include <gtest/gtest.h>

#include <cmath>

#include "sim/ray_cast.h"

namespace fuselabel {
namespace {

constexpr double kTol = 1e-12;
constexpr double kPi = 3.141592653589793;

void expect_near(Vec3<double> actual, Vec3<double> expected, double tol) {
  EXPECT_NEAR(actual.x, expected.x, tol);
  EXPECT_NEAR(actual.y, expected.y, tol);
  EXPECT_NEAR(actual.z, expected.z, tol);
}

Ray ray_along(Vec3<double> origin, Vec3<double> direction) {
  return {origin, (1.0 / std::sqrt(dot(direction, direction))) * direction};
}

bool hit_box(const Ray& ray, const Cuboidd& box, double& t, Vec3<double>& normal, double t_min = 0.0) {
  return intersect_ray_cuboid(ray, make_cuboid_frame(box), t_min, t, normal);
}

TEST(SimRayCast, AxisAlignedBoxEntryFace) {
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

TEST(SimRayCast, YawedBoxHitsTheFaceTheGeometrySays) {
  // A 2 m cube turned 45 degrees: the ray y = 0.5 meets the face whose outward normal is
  // (-1, 1, 0) / sqrt(2), on the plane n . (p - c) = 1, at x = 5.5 - sqrt(2).
  double t;
  Vec3<double> n;
  const Cuboidd box = {{5, 0, 0}, {2, 2, 2}, Quat<double>::from_yaw(kPi / 4)};
  ASSERT_TRUE(hit_box(ray_along({0, 0.5, 0}, {1, 0, 0}), box, t, n));
  EXPECT_NEAR(t, 5.5 - std::sqrt(2.0), 1e-12);
  expect_near(n, {-std::sqrt(0.5), std::sqrt(0.5), 0}, 1e-12);
}

TEST(SimRayCast, GeneralRotationUsesTheBoxAxes) {
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

TEST(SimRayCast, MissesParallelOutsideAndBehind) {
  double t;
  Vec3<double> n;
  const Cuboidd box = {{5, 0, 0}, {2, 2, 2}, {}};
  EXPECT_FALSE(hit_box(ray_along({0, 1.5, 0}, {1, 0, 0}), box, t, n));   // parallel, beside the slab
  EXPECT_FALSE(hit_box(ray_along({0, 0, 0}, {-1, 0, 0}), box, t, n));    // box behind the origin
  EXPECT_FALSE(hit_box(ray_along({0, 0, 0}, {1, 1, 0}), box, t, n));     // passes by
  // Grazing the face plane y = 1 counts: boundaries are inclusive, as in cuboid_contains.
  EXPECT_TRUE(hit_box(ray_along({0, 1, 0}, {1, 0, 0}), box, t, n));
}

TEST(SimRayCast, FromInsideReturnsTheExitFaceFacingTheOrigin) {
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

TEST(SimRayCast, GroundPlane) {
  double t;
  ASSERT_TRUE(intersect_ray_plane(ray_along({0, 0, 0}, {1, 0, -1}), {0, 0, 1}, -1.73, 0.0, t));
  EXPECT_NEAR(t, 1.73 * std::sqrt(2.0), kTol);
  EXPECT_FALSE(intersect_ray_plane(ray_along({0, 0, 0}, {1, 0, 0}), {0, 0, 1}, -1.73, 0.0, t));  // parallel
  EXPECT_FALSE(intersect_ray_plane(ray_along({0, 0, 0}, {1, 0, 1}), {0, 0, 1}, -1.73, 0.0, t));  // away
}

SimScene two_boxes_in_a_row() {
  SimScene scene;
  scene.actors.push_back({"1", "Car", {{10, 0, scene.ground_z + 0.75}, {4, 2, 1.5}, {}}, {200, 0, 0}, 0.4});
  scene.actors.push_back({"2", "Truck", {{20, 0, scene.ground_z + 1.5}, {8, 2.5, 3}, {}}, {0, 0, 200}, 0.4});
  return scene;
}

TEST(SimRayCast, SceneCasterReturnsTheNearestSurface) {
  const SceneRayCaster caster(two_boxes_in_a_row());
  // The car spans z in [-1.73, -0.23]: this ray meets its rear face at x = 8, z = -0.8.
  RayHit hit = caster.cast(ray_along({0, 0, 0}, {1, 0, -0.1}));
  EXPECT_EQ(hit.surface, HitSurface::Actor);
  EXPECT_EQ(hit.actor, 0);
  EXPECT_NEAR(hit.distance, 8 * std::sqrt(1.01), kTol);
  expect_near(hit.point, {8, 0, -0.8}, kTol);
  expect_near(hit.normal, {-1, 0, 0}, kTol);
  // Over the car's roof to the truck behind it.
  hit = caster.cast(ray_along({0, 0, 0}, {1, 0, 0.001}));
  EXPECT_EQ(hit.actor, 1);
  // Down to the ground beside both.
  hit = caster.cast(ray_along({0, 0, 0}, {1, 1, -0.2}));
  EXPECT_EQ(hit.surface, HitSurface::Ground);
  EXPECT_EQ(hit.actor, -1);
  EXPECT_NEAR(hit.point.z, -1.73, 1e-12);
  expect_near(hit.normal, {0, 0, 1}, 0);
  // Up into the sky; and a ground hit beyond t_max is no hit.
  EXPECT_EQ(caster.cast(ray_along({0, 0, 0}, {1, 0, 0.5})).surface, HitSurface::None);
  EXPECT_EQ(caster.cast(ray_along({0, 0, 0}, {1, 0.5, -0.01}), 0.0, 50.0).surface, HitSurface::None);
}

TEST(SimRayCast, CastActorSeesThroughOccluders) {
  const SceneRayCaster caster(two_boxes_in_a_row());
  const RayHit hit = caster.cast_actor(ray_along({0, 0, 0}, {1, 0, 0}), 1);
  EXPECT_EQ(hit.surface, HitSurface::Actor);
  EXPECT_EQ(hit.actor, 1);
  EXPECT_NEAR(hit.distance, 16.0, kTol);
  EXPECT_EQ(caster.cast_actor(ray_along({0, 0, 0}, {0, 1, 0}), 1).surface, HitSurface::None);
}

}  // namespace
}  // namespace fuselabel
