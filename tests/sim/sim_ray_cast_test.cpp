#include <gtest/gtest.h>

#include <cmath>

#include "projection/ray_test_support.h"
#include "sim/ray_cast.h"

namespace fuselabel {
namespace {

constexpr double kTol = 1e-12;

using testing::expect_near;
using testing::ray_along;

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
