#pragma once
// Boxes whose axes come from another convention (a camera-frame box with y down, an OpenLABEL
// cuboid with any axis order) re-expressed as the engine's cuboid: local x the heading, local z
// the axis closest to up, sizes permuted with the axes. Host only.
#include <cmath>

#include "projection/cuboid.h"

namespace fuselabel {

template <typename T>
inline Vec3<T> matrix_column(const Mat3<T>& m, int c) {
  return {m(0, c), m(1, c), m(2, c)};
}

template <typename T>
inline Mat3<T> matrix_from_columns(Vec3<T> x, Vec3<T> y, Vec3<T> z) {
  return {{x.x, y.x, z.x, x.y, y.y, z.y, x.z, y.z, z.z}};
}

// The rotation whose x axis is the direction of m's first column and whose z axis is m's third
// column made orthogonal to it (Gram-Schmidt from x). Calibrations are only nearly orthonormal,
// so box axes mapped through them are too; keeping x exact keeps a heading exact through a
// round trip between frames.
template <typename T>
inline Mat3<T> orthonormalized_keeping_x(const Mat3<T>& m) {
  const auto unit = [](Vec3<T> v) { return (T(1) / std::sqrt(dot(v, v))) * v; };
  const Vec3<T> x = unit(matrix_column(m, 0));
  const Vec3<T> z_raw = matrix_column(m, 2);
  const Vec3<T> z = unit(z_raw - dot(x, z_raw) * x);
  return matrix_from_columns(x, cross(z, x), z);
}

// The box with centre `center`, axes the columns of `R` (a rotation, possibly only nearly
// orthonormal) and extents `extents` along them, as a Cuboid of the frame R is expressed in:
// its local z is the box axis most nearly along the frame's +z or -z, turned to point up; its
// local x is the box's first axis (its second when the first is the vertical one), direction
// kept; sizes follow their axes. So a box in a camera frame (local y down, as KITTI's and
// OpenLABEL's KITTI cuboids) keeps its x, gets z = -y and sizes (sx, sz, sy).
template <typename T>
inline Cuboid<T> z_up_cuboid(Vec3<T> center, const Mat3<T>& R, Vec3<T> extents) {
  const T e[3] = {extents.x, extents.y, extents.z};
  int up = 0;
  for (int c = 1; c < 3; ++c)
    if (std::abs(R(2, c)) > std::abs(R(2, up))) up = c;
  const int forward = up == 0 ? 1 : 0;
  const int side = 3 - up - forward;
  const Vec3<T> z = (R(2, up) < 0 ? T(-1) : T(1)) * matrix_column(R, up);
  const Mat3<T> axes = matrix_from_columns(matrix_column(R, forward), cross(z, matrix_column(R, forward)), z);
  Cuboid<T> box;
  box.center = center;
  box.size = {e[forward], e[side], e[up]};
  box.rotation = Quat<T>::from_matrix(orthonormalized_keeping_x(axes));
  return box;
}

}  // namespace fuselabel
