#pragma once
// Checks shared by the simulated LiDARs' tests: where a return lies relative to the cuboids.
#include <algorithm>
#include <cmath>

#include "sim/lidar_return.h"

namespace fuselabel::testing {

// Signed distance from p to the cuboid's surface: positive outside, negative inside.
inline double signed_distance(const Cuboidd& box, Vec3<double> p) {
  const CuboidFrame<double> f = make_cuboid_frame(box);
  const Vec3<double> d = f.R_box_frame * (p - f.center);
  const double ex = std::fabs(d.x) - f.half_size.x, ey = std::fabs(d.y) - f.half_size.y,
               ez = std::fabs(d.z) - f.half_size.z;
  const double outside = std::hypot(std::max(ex, 0.0), std::max(ey, 0.0), std::max(ez, 0.0));
  return outside > 0 ? outside : std::max({ex, ey, ez});
}

// float32 coordinates up to 100 m carry about 5e-6 m of rounding.
constexpr double kFloatSlack = 2e-5;

// An actor return with range noise up to max_noise: inside its cuboid by at least the clearance
// and by no more than the noise (or the clearance, where the noise was smaller).
inline bool placed_inside(const Cuboidd& own, Vec3<double> p, double max_noise) {
  const double depth = -signed_distance(own, p);
  return depth >= kReturnClearance - kFloatSlack && depth <= std::max(max_noise, kReturnClearance) + kFloatSlack;
}

// Any return against a cuboid it did not hit: outside by at least the clearance.
inline bool clear_of(const Cuboidd& other, Vec3<double> p) {
  return signed_distance(other, p) >= kReturnClearance - kFloatSlack;
}

}  // namespace fuselabel::testing
