#pragma once
// Helpers shared by the ray geometry tests and the simulator's scene ray casting tests.
#include <gtest/gtest.h>

#include <cmath>

#include "projection/ray.h"

namespace fuselabel::testing {

inline void expect_near(Vec3<double> actual, Vec3<double> expected, double tol) {
  EXPECT_NEAR(actual.x, expected.x, tol);
  EXPECT_NEAR(actual.y, expected.y, tol);
  EXPECT_NEAR(actual.z, expected.z, tol);
}

// The ray from origin along direction, normalized as Ray requires.
inline Ray ray_along(Vec3<double> origin, Vec3<double> direction) {
  return {origin, (1.0 / std::sqrt(dot(direction, direction))) * direction};
}

}  // namespace fuselabel::testing
