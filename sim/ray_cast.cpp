#include "sim/ray_cast.h"

#include <utility>

namespace fuselabel {
namespace {

const Vec3<double> kUp = {0, 0, 1};

void record_actor_hit(int actor, double t, Vec3<double> normal, RayHit& hit) {
  hit.surface = HitSurface::Actor;
  hit.actor = actor;
  hit.distance = t;
  hit.normal = normal;
}

void finish(const Ray& ray, RayHit& hit) {
  if (hit.surface != HitSurface::None) hit.point = ray.origin + hit.distance * ray.direction;
}

}  // namespace

SceneRayCaster::SceneRayCaster(SimScene scene) : scene_(std::move(scene)) {
  frames_.reserve(scene_.actors.size());
  for (const SimActor& actor : scene_.actors) frames_.push_back(make_cuboid_frame(actor.box));
}

RayHit SceneRayCaster::cast(const Ray& ray, double t_min, double t_max) const {
  RayHit hit;
  double t;
  if (intersect_ray_plane(ray, kUp, scene_.ground_z, t_min, t) && t <= t_max) {
    hit.surface = HitSurface::Ground;
    hit.distance = t;
    // The ground seen from below (never, for sensors above it) would face down.
    hit.normal = ray.direction.z < 0 ? kUp : Vec3<double>{0, 0, -1};
  }
  for (size_t a = 0; a < frames_.size(); ++a) {
    Vec3<double> normal;
    // Strictly nearer wins, so a tie between a cuboid's bottom face and the ground it rests on
    // goes to the ground, which is what is visible from above.
    if (intersect_ray_cuboid(ray, frames_[a], t_min, t, normal) && t <= t_max && t < hit.distance)
      record_actor_hit(static_cast<int>(a), t, normal, hit);
  }
  finish(ray, hit);
  return hit;
}

RayHit SceneRayCaster::cast_actor(const Ray& ray, int actor, double t_min, double t_max) const {
  RayHit hit;
  double t;
  Vec3<double> normal;
  if (intersect_ray_cuboid(ray, frames_.at(actor), t_min, t, normal) && t <= t_max)
    record_actor_hit(actor, t, normal, hit);
  finish(ray, hit);
  return hit;
}

}  // namespace fuselabel
