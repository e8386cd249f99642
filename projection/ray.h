#pragma once
// Rays and where they cross cuboids and planes: the geometry that the simulator's sensors
// trace, that unprojection (projection/unprojection.h) returns, and that refinement and checks
// need to ask which cuboid a pixel or a LiDAR beam sees. One body for host and device.
#include <cmath>

#include "projection/cuboid.h"

namespace fuselabel {

template <typename T>
struct Ray3 {
  Vec3<T> origin;
  Vec3<T> direction;  // unit length, so hit distances are metres
};

using Ray = Ray3<double>;

// The stretch of the ray's line inside the box, [t_enter, t_exit] (t_enter < 0 when the origin is
// inside), and the box axes of the faces crossed there (-1: that end is unbounded, never for a
// box). False when the line misses the box.
template <typename T>
FL_HOST_DEVICE bool ray_cuboid_span(const Ray3<T>& ray, const CuboidFrame<T>& box, T& t_enter, T& t_exit,
                                    int& enter_axis, int& exit_axis) {
  const Vec3<T> o = box.R_box_frame * (ray.origin - box.center);
  const Vec3<T> d = box.R_box_frame * ray.direction;
  const T origin[3] = {o.x, o.y, o.z}, dir[3] = {d.x, d.y, d.z};
  const T half[3] = {box.half_size.x, box.half_size.y, box.half_size.z};
  t_enter = -T(INFINITY), t_exit = T(INFINITY);
  enter_axis = -1, exit_axis = -1;
  for (int axis = 0; axis < 3; ++axis) {
    if (dir[axis] == 0) {
      // Parallel to this slab: inside it for every t or never (explicit, since 0 * inf is NaN).
      if (origin[axis] < -half[axis] || origin[axis] > half[axis]) return false;
      continue;
    }
    const T t0 = (-half[axis] - origin[axis]) / dir[axis], t1 = (half[axis] - origin[axis]) / dir[axis];
    const T near = t0 < t1 ? t0 : t1, far = t0 < t1 ? t1 : t0;  // no std::swap in device code
    if (near > t_enter) t_enter = near, enter_axis = axis;
    if (far < t_exit) t_exit = far, exit_axis = axis;
  }
  return t_enter <= t_exit;
}

// First crossing of the ray with the cuboid's surface at a distance > t_min: the entry face
// for an origin outside the box, the exit face for one inside. `normal` faces the origin.
template <typename T>
FL_HOST_DEVICE bool intersect_ray_cuboid(const Ray3<T>& ray, const CuboidFrame<T>& box, T t_min, T& t,
                                         Vec3<T>& normal) {
  T t_enter, t_exit;
  int enter_axis, exit_axis;
  if (!ray_cuboid_span(ray, box, t_enter, t_exit, enter_axis, exit_axis)) return false;
  int axis;
  if (t_enter > t_min) {
    t = t_enter, axis = enter_axis;
  } else if (t_exit > t_min) {
    t = t_exit, axis = exit_axis;
  } else {
    return false;
  }
  // The face's normal, signed against the ray so that it points back towards the origin.
  const Vec3<T> d = box.R_box_frame * ray.direction;
  const T dir[3] = {d.x, d.y, d.z};
  T n_box[3] = {0, 0, 0};
  n_box[axis] = dir[axis] > 0 ? T(-1) : T(1);
  normal = box.R_box_frame.transposed() * Vec3<T>{n_box[0], n_box[1], n_box[2]};
  return true;
}

// Crossing of the ray with the plane {p : dot(plane_normal, p) = plane_offset} at a distance
// > t_min; false when the ray is parallel to the plane or moves away from it.
template <typename T>
FL_HOST_DEVICE bool intersect_ray_plane(const Ray3<T>& ray, Vec3<T> plane_normal, T plane_offset, T t_min, T& t) {
  const T along = dot(plane_normal, ray.direction);
  if (along == 0) return false;
  t = (plane_offset - dot(plane_normal, ray.origin)) / along;
  return t > t_min;
}

}  // namespace fuselabel
