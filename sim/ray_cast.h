#pragma once
// Exact ray casting against the simulator's scene: oriented cuboids and the ground plane, with
// the ray geometry of projection/ray.h. Every sensor model traces its rays through
// SceneRayCaster, so the LiDAR, the cameras and the labels see exactly the same geometry.
#include <cmath>
#include <vector>

#include "projection/ray.h"
#include "sim/scene.h"

namespace fuselabel {

enum class HitSurface { None, Ground, Actor };

struct RayHit {
  HitSurface surface = HitSurface::None;
  int actor = -1;  // index into SimScene::actors when surface == Actor, else -1
  double distance = INFINITY;
  Vec3<double> normal = {0, 0, 0};  // unit, facing the ray's origin
  Vec3<double> point = {0, 0, 0};
};

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
