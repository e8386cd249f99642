#pragma once
// Exact ray casting against the simulator's scene: oriented cuboids (slab method in the box
// frame) and the ground plane. Every sensor model traces its rays through SceneRayCaster, so
// the LiDAR, the cameras and the labels see exactly the same geometry.
#include <cmath>
#include <utility>
#include <vector>

#include "sim/scene.h"

namespace fuselabel {

struct Ray {
  Vec3<double> origin;
  Vec3<double> direction;  // unit length, so hit distances are metres
};

enum class HitSurface { None, Ground, Actor };

struct RayHit {
  HitSurface surface = HitSurface::None;
  int actor = -1;  // index into SimScene::actors when surface == Actor, else -1
  double distance = INFINITY;
  Vec3<double> normal = {0, 0, 0};  // unit, facing the ray's origin
  Vec3<double> point = {0, 0, 0};
};

// The stretch of the ray's line inside the box, [t_enter, t_exit] (t_enter < 0 when the origin is
// inside), and the box axes of the faces crossed there (-1: that end is unbounded, never for a
// box). False when the line misses the box.
inline bool ray_cuboid_span(const Ray& ray, const CuboidFrame<double>& box, double& t_enter, double& t_exit,
                            int& enter_axis, int& exit_axis) {
  const Vec3<double> o = box.R_box_frame * (ray.origin - box.center);
  const Vec3<double> d = box.R_box_frame * ray.direction;
  const double origin[3] = {o.x, o.y, o.z}, dir[3] = {d.x, d.y, d.z};
  const double half[3] = {box.half_size.x, box.half_size.y, box.half_size.z};
  t_enter = -INFINITY, t_exit = INFINITY;
  enter_axis = -1, exit_axis = -1;
  for (int axis = 0; axis < 3; ++axis) {
    if (dir[axis] == 0) {
      // Parallel to this slab: inside it for every t or never (explicit, since 0 * inf is NaN).
      if (origin[axis] < -half[axis] || origin[axis] > half[axis]) return false;
      continue;
    }
    double t0 = (-half[axis] - origin[axis]) / dir[axis], t1 = (half[axis] - origin[axis]) / dir[axis];
    if (t0 > t1) std::swap(t0, t1);
    if (t0 > t_enter) t_enter = t0, enter_axis = axis;
    if (t1 < t_exit) t_exit = t1, exit_axis = axis;
  }
  return t_enter <= t_exit;
}

// First crossing of the ray with the cuboid's surface at a distance > t_min: the entry face
// for an origin outside the box, the exit face for one inside. `normal` faces the origin.
inline bool intersect_ray_cuboid(const Ray& ray, const CuboidFrame<double>& box, double t_min, double& t,
                                 Vec3<double>& normal) {
  double t_enter, t_exit;
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
  const Vec3<double> d = box.R_box_frame * ray.direction;
  const double dir[3] = {d.x, d.y, d.z};
  double n_box[3] = {0, 0, 0};
  n_box[axis] = dir[axis] > 0 ? -1.0 : 1.0;
  normal = box.R_box_frame.transposed() * Vec3<double>{n_box[0], n_box[1], n_box[2]};
  return true;
}

// Crossing of the ray with the plane {p : dot(plane_normal, p) = plane_offset} at a distance
// > t_min; false when the ray is parallel to the plane or moves away from it.
inline bool intersect_ray_plane(const Ray& ray, Vec3<double> plane_normal, double plane_offset, double t_min,
                                double& t) {
  const double along = dot(plane_normal, ray.direction);
  if (along == 0) return false;
  t = (plane_offset - dot(plane_normal, ray.origin)) / along;
  return t > t_min;
}

// The scene prepared for many rays: cuboid frames are computed once. Cost per ray is linear in
// the number of actors, which is small for the scenes simulated here.
class SceneRayCaster {
 public:
  explicit SceneRayCaster(SimScene scene);  // keeps its own copy: scenes are small
  // Nearest surface along the ray at a distance in (t_min, t_max].
  RayHit cast(const Ray& ray, double t_min = 0.0, double t_max = INFINITY) const;
  // The same, seeing only actor `actor` (and no ground): what the camera would see of it were
  // every other object removed. Used to tell occlusion from truncation.
  RayHit cast_actor(const Ray& ray, int actor, double t_min = 0.0, double t_max = INFINITY) const;
  const SimScene& scene() const { return scene_; }

 private:
  SimScene scene_;
  std::vector<CuboidFrame<double>> frames_;
};

}  // namespace fuselabel
