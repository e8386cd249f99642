#pragma once
// A rotation as an angle about a unit axis, from the quaternion (acos of the matrix trace loses
// the small angles calibration errors have).
#include <cmath>

#include "projection/quaternion.h"

namespace fuselabel {

struct AngleAxis {
  double angle = 0;               // rad, in [0, pi]
  Vec3<double> axis = {0, 0, 1};  // unit; +z for the identity
};

inline AngleAxis angle_axis(const Mat3<double>& R) {
  const Quat<double> q = Quat<double>::from_matrix(R);  // w >= 0
  const Vec3<double> v = {q.x, q.y, q.z};
  const double sin_half = std::sqrt(dot(v, v));
  AngleAxis a;
  a.angle = 2 * std::atan2(sin_half, q.w);
  if (sin_half > 0) a.axis = (1 / sin_half) * v;
  return a;
}

}  // namespace fuselabel
