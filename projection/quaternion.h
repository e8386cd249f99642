#pragma once
// Unit quaternions stored (w, x, y, z), Hamilton convention, active rotation.
#include <cmath>

#include "projection/linalg.h"

namespace fuselabel {

template <typename T>
struct Quat {
  T w = 1, x = 0, y = 0, z = 0;

  FL_HOST_DEVICE T norm() const { return std::sqrt(w * w + x * x + y * y + z * z); }
  FL_HOST_DEVICE Quat normalized() const {
    const T n = norm();
    return {w / n, x / n, y / n, z / n};
  }
  FL_HOST_DEVICE Quat conjugate() const { return {w, -x, -y, -z}; }

  FL_HOST_DEVICE Mat3<T> to_matrix() const {
    const T xx = x * x, yy = y * y, zz = z * z, xy = x * y, xz = x * z, yz = y * z;
    const T wx = w * x, wy = w * y, wz = w * z;
    return {{1 - 2 * (yy + zz), 2 * (xy - wz), 2 * (xz + wy),  //
             2 * (xy + wz), 1 - 2 * (xx + zz), 2 * (yz - wx),  //
             2 * (xz - wy), 2 * (yz + wx), 1 - 2 * (xx + yy)}};
  }

  // Rotation about the z axis (yaw), the common case for ground vehicles.
  FL_HOST_DEVICE static Quat from_yaw(T yaw) {
    return {std::cos(yaw / 2), T(0), T(0), std::sin(yaw / 2)};
  }
  FL_HOST_DEVICE static Quat from_axis_angle(Vec3<T> axis, T angle) {
    const T n = std::sqrt(dot(axis, axis));
    const T s = std::sin(angle / 2) / n;
    return {std::cos(angle / 2), axis.x * s, axis.y * s, axis.z * s};
  }

  // Shepperd's method: numerically stable for every rotation. Expects an orthonormal R.
  FL_HOST_DEVICE static Quat from_matrix(const Mat3<T>& r) {
    const T trace = r.m[0] + r.m[4] + r.m[8];
    Quat q;
    if (trace > 0) {
      const T s = std::sqrt(trace + 1) * 2;
      q = {s / 4, (r.m[7] - r.m[5]) / s, (r.m[2] - r.m[6]) / s, (r.m[3] - r.m[1]) / s};
    } else if (r.m[0] > r.m[4] && r.m[0] > r.m[8]) {
      const T s = std::sqrt(1 + r.m[0] - r.m[4] - r.m[8]) * 2;
      q = {(r.m[7] - r.m[5]) / s, s / 4, (r.m[1] + r.m[3]) / s, (r.m[2] + r.m[6]) / s};
    } else if (r.m[4] > r.m[8]) {
      const T s = std::sqrt(1 + r.m[4] - r.m[0] - r.m[8]) * 2;
      q = {(r.m[2] - r.m[6]) / s, (r.m[1] + r.m[3]) / s, s / 4, (r.m[5] + r.m[7]) / s};
    } else {
      const T s = std::sqrt(1 + r.m[8] - r.m[0] - r.m[4]) * 2;
      q = {(r.m[3] - r.m[1]) / s, (r.m[2] + r.m[6]) / s, (r.m[5] + r.m[7]) / s, s / 4};
    }
    if (q.w < 0) q = {-q.w, -q.x, -q.y, -q.z};  // canonical sign: w >= 0
    return q.normalized();
  }

  template <typename U>
  FL_HOST_DEVICE Quat<U> cast() const {
    return {static_cast<U>(w), static_cast<U>(x), static_cast<U>(y), static_cast<U>(z)};
  }
};

template <typename T>
FL_HOST_DEVICE Quat<T> operator*(const Quat<T>& a, const Quat<T>& b) {
  return {a.w * b.w - a.x * b.x - a.y * b.y - a.z * b.z, a.w * b.x + a.x * b.w + a.y * b.z - a.z * b.y,
          a.w * b.y - a.x * b.z + a.y * b.w + a.z * b.x, a.w * b.z + a.x * b.y - a.y * b.x + a.z * b.w};
}

template <typename T>
FL_HOST_DEVICE Vec3<T> rotate(const Quat<T>& q, Vec3<T> v) {
  return q.to_matrix() * v;
}

// Spherical linear interpolation along the shorter arc; s in [0, 1].
template <typename T>
FL_HOST_DEVICE Quat<T> slerp(Quat<T> a, Quat<T> b, T s) {
  T d = a.w * b.w + a.x * b.x + a.y * b.y + a.z * b.z;
  if (d < 0) {
    b = {-b.w, -b.x, -b.y, -b.z};
    d = -d;
  }
  T wa, wb;
  if (d > T(0.9995)) {  // nearly parallel: linear blend avoids dividing by sin(~0)
    wa = 1 - s;
    wb = s;
  } else {
    const T theta = std::acos(d);
    const T sin_theta = std::sin(theta);
    wa = std::sin((1 - s) * theta) / sin_theta;
    wb = std::sin(s * theta) / sin_theta;
  }
  return Quat<T>{wa * a.w + wb * b.w, wa * a.x + wb * b.x, wa * a.y + wb * b.y, wa * a.z + wb * b.z}
      .normalized();
}

}  // namespace fuselabel
