#pragma once
// Cuboids: geometric centre, size (length along local x, width along local y, height along
// local z) and a unit quaternion orientation. Corner k sits at local offset
// (+-l/2, +-w/2, +-h/2) with bit 0 of k choosing -x, bit 1 -y, bit 2 -z; so corners
// 0, 2, 4, 6 form the front (+x) face and 0, 1, 2, 3 the top face.
#include "projection/quaternion.h"
#include "projection/transform.h"

namespace fuselabel {

template <typename T>
struct Cuboid {
  Vec3<T> center = {0, 0, 0};
  Vec3<T> size = {0, 0, 0};  // (l, w, h)
  Quat<T> rotation;

  template <typename U>
  FL_HOST_DEVICE Cuboid<U> cast() const {
    return {center.template cast<U>(), size.template cast<U>(), rotation.template cast<U>()};
  }
};

using Cuboidd = Cuboid<double>;
using Cuboidf = Cuboid<float>;

// Corner pairs joined by the 12 edges (corners differing in exactly one bit).
constexpr int kCuboidEdges[12][2] = {{0, 1}, {2, 3}, {4, 5}, {6, 7}, {0, 2}, {1, 3},
                                      {4, 6}, {5, 7}, {0, 4}, {1, 5}, {2, 6}, {3, 7}};

// kCuboidEdges[edge][end] for device code, which cannot read a host constant array: edge e
// joins corners differing in bit e / 4, and its first corner is the (e % 4)-th corner with
// that bit clear.
FL_HOST_DEVICE int cuboid_edge_corner(int edge, int end) {
  const int axis = edge / 4, m = edge % 4;
  const int first = ((m >> axis) << (axis + 1)) | (m & ((1 << axis) - 1));
  return end == 0 ? first : first | (1 << axis);
}

template <typename T>
FL_HOST_DEVICE Vec3<T> cuboid_corner(const Cuboid<T>& box, const Mat3<T>& R, int k) {
  const Vec3<T> local = {(k & 1 ? -box.size.x : box.size.x) / 2, (k & 2 ? -box.size.y : box.size.y) / 2,
                         (k & 4 ? -box.size.z : box.size.z) / 2};
  return R * local + box.center;
}

template <typename T>
FL_HOST_DEVICE void cuboid_corners(const Cuboid<T>& box, Vec3<T> corners[8]) {
  const Mat3<T> R = box.rotation.to_matrix();
  for (int k = 0; k < 8; ++k) corners[k] = cuboid_corner(box, R, k);
}

// Cuboid rewritten for repeated point tests: the frame->box rotation is computed once.
template <typename T>
struct CuboidFrame {
  Mat3<T> R_box_frame;  // rotates frame-relative offsets into the box's axes
  Vec3<T> center;
  Vec3<T> half_size;
};

template <typename T>
FL_HOST_DEVICE CuboidFrame<T> make_cuboid_frame(const Cuboid<T>& box) {
  return {box.rotation.to_matrix().transposed(), box.center,
          {box.size.x / 2, box.size.y / 2, box.size.z / 2}};
}

// Inclusive bounds, no margin (reproduces nuScenes' num_lidar_pts). The six tests are combined
// with & rather than &&: no early exit, so no branch to mispredict on points that fall near a box
// (the same result: the tests have no side effects, and NaN fails each of them).
template <typename T>
FL_HOST_DEVICE bool cuboid_contains(const CuboidFrame<T>& f, Vec3<T> p) {
  const Vec3<T> d = f.R_box_frame * (p - f.center);
  return (d.x <= f.half_size.x) & (-d.x <= f.half_size.x) & (d.y <= f.half_size.y) & (-d.y <= f.half_size.y) &
         (d.z <= f.half_size.z) & (-d.z <= f.half_size.z);
}

// The same cuboid expressed in another frame: T_dst_src applied to a cuboid in src.
// Expects a rigid transform (orthonormal rotation).
template <typename T>
inline Cuboid<T> transform_cuboid(const Transform3<T>& T_dst_src, const Cuboid<T>& box) {
  Cuboid<T> out = box;
  out.center = T_dst_src * box.center;
  out.rotation = Quat<T>::from_matrix(T_dst_src.R * box.rotation.to_matrix());
  return out;
}

}  // namespace fuselabel
