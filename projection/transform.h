#pragma once
// Transforms named T_dst_src map p_dst = T_dst_src * p_src. Stored as a 3x4 affine map
// [R | t]; R is a rotation by convention (readers validate orthonormality within the
// tolerance of real calibrations, which are only nearly orthonormal, e.g. KITTI's).
#include "projection/quaternion.h"

namespace fuselabel {

template <typename T>
struct Transform3 {
  Mat3<T> R = Mat3<T>::identity();
  Vec3<T> t = {0, 0, 0};

  FL_HOST_DEVICE static Transform3 identity() { return {}; }
  FL_HOST_DEVICE static Transform3 from_rotation_translation(const Quat<T>& q, Vec3<T> t) {
    return {q.normalized().to_matrix(), t};
  }

  FL_HOST_DEVICE Vec3<T> operator*(Vec3<T> p) const { return R * p + t; }
  FL_HOST_DEVICE Transform3 operator*(const Transform3& b) const { return {R * b.R, R * b.t + t}; }
  // Exact inverse of the affine map (equals the rigid inverse when R is orthonormal).
  FL_HOST_DEVICE Transform3 inverse() const {
    const Mat3<T> Ri = R.inverse();
    const Vec3<T> ti = Ri * t;
    return {Ri, {-ti.x, -ti.y, -ti.z}};
  }

  template <typename U>
  FL_HOST_DEVICE Transform3<U> cast() const {
    return {R.template cast<U>(), t.template cast<U>()};
  }
};

using Transform3d = Transform3<double>;
using Transform3f = Transform3<float>;

// Largest |(R^T R - I)_ij|: 0 for a rotation; readers reject calibrations far from it.
template <typename T>
inline T orthonormality_error(const Mat3<T>& R) {
  const Mat3<T> g = R.transposed() * R;
  T worst = 0;
  for (int r = 0; r < 3; ++r)
    for (int c = 0; c < 3; ++c) {
      const T e = g(r, c) - (r == c ? T(1) : T(0));
      worst = e < 0 ? (-e > worst ? -e : worst) : (e > worst ? e : worst);
    }
  return worst;
}

}  // namespace fuselabel
