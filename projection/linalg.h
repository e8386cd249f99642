#pragma once
// Small fixed-size vectors and matrices shared by host and device code.
#include "projection/host_device.h"

namespace fuselabel {

template <typename T>
struct Vec2 {
  T x, y;
};

template <typename T>
struct Vec3 {
  T x, y, z;

  template <typename U>
  FL_HOST_DEVICE Vec3<U> cast() const {
    return {static_cast<U>(x), static_cast<U>(y), static_cast<U>(z)};
  }
};

template <typename T>
FL_HOST_DEVICE Vec3<T> operator+(Vec3<T> a, Vec3<T> b) { return {a.x + b.x, a.y + b.y, a.z + b.z}; }
template <typename T>
FL_HOST_DEVICE Vec3<T> operator-(Vec3<T> a, Vec3<T> b) { return {a.x - b.x, a.y - b.y, a.z - b.z}; }
template <typename T>
FL_HOST_DEVICE Vec3<T> operator*(T s, Vec3<T> a) { return {s * a.x, s * a.y, s * a.z}; }
template <typename T>
FL_HOST_DEVICE T dot(Vec3<T> a, Vec3<T> b) { return a.x * b.x + a.y * b.y + a.z * b.z; }
template <typename T>
FL_HOST_DEVICE Vec3<T> cross(Vec3<T> a, Vec3<T> b) {
  return {a.y * b.z - a.z * b.y, a.z * b.x - a.x * b.z, a.x * b.y - a.y * b.x};
}
// Point on segment a->b at parameter s in [0, 1].
template <typename T>
FL_HOST_DEVICE Vec3<T> lerp(Vec3<T> a, Vec3<T> b, T s) {
  return {a.x + s * (b.x - a.x), a.y + s * (b.y - a.y), a.z + s * (b.z - a.z)};
}

// Row-major 3x3 matrix: m[3 * row + col].
template <typename T>
struct Mat3 {
  T m[9];

  FL_HOST_DEVICE static Mat3 identity() { return {{1, 0, 0, 0, 1, 0, 0, 0, 1}}; }
  FL_HOST_DEVICE T operator()(int r, int c) const { return m[3 * r + c]; }
  FL_HOST_DEVICE T& operator()(int r, int c) { return m[3 * r + c]; }

  template <typename U>
  FL_HOST_DEVICE Mat3<U> cast() const {
    Mat3<U> out;
    for (int i = 0; i < 9; ++i) out.m[i] = static_cast<U>(m[i]);
    return out;
  }
  FL_HOST_DEVICE Mat3 transposed() const {
    return {{m[0], m[3], m[6], m[1], m[4], m[7], m[2], m[5], m[8]}};
  }
  FL_HOST_DEVICE T determinant() const {
    return m[0] * (m[4] * m[8] - m[5] * m[7]) - m[1] * (m[3] * m[8] - m[5] * m[6]) +
           m[2] * (m[3] * m[7] - m[4] * m[6]);
  }
  // General inverse (calibrations such as KITTI's are only nearly orthonormal).
  FL_HOST_DEVICE Mat3 inverse() const {
    const T inv_det = T(1) / determinant();
    return {{(m[4] * m[8] - m[5] * m[7]) * inv_det, (m[2] * m[7] - m[1] * m[8]) * inv_det,
             (m[1] * m[5] - m[2] * m[4]) * inv_det, (m[5] * m[6] - m[3] * m[8]) * inv_det,
             (m[0] * m[8] - m[2] * m[6]) * inv_det, (m[2] * m[3] - m[0] * m[5]) * inv_det,
             (m[3] * m[7] - m[4] * m[6]) * inv_det, (m[1] * m[6] - m[0] * m[7]) * inv_det,
             (m[0] * m[4] - m[1] * m[3]) * inv_det}};
  }
};

template <typename T>
FL_HOST_DEVICE Vec3<T> operator*(const Mat3<T>& a, Vec3<T> v) {
  return {a.m[0] * v.x + a.m[1] * v.y + a.m[2] * v.z, a.m[3] * v.x + a.m[4] * v.y + a.m[5] * v.z,
          a.m[6] * v.x + a.m[7] * v.y + a.m[8] * v.z};
}

template <typename T>
FL_HOST_DEVICE Mat3<T> operator*(const Mat3<T>& a, const Mat3<T>& b) {
  Mat3<T> out;
  for (int r = 0; r < 3; ++r)
    for (int c = 0; c < 3; ++c)
      out.m[3 * r + c] = a.m[3 * r] * b.m[c] + a.m[3 * r + 1] * b.m[3 + c] + a.m[3 * r + 2] * b.m[6 + c];
  return out;
}

}  // namespace fuselabel
