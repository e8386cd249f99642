#include "sim/drive_camera.h"

#include <algorithm>
#include <cmath>
#include <map>
#include <stdexcept>

#include "sim/road_surface.h"
#include "sim/shading.h"
#include "projection/ray.h"
#include "projection/unprojection.h"

namespace fuselabel {
namespace {

constexpr double kDrawDistance = 300.0;  // m: actors beyond are lost in the haze anyway
constexpr Rgb kConcrete = {165, 162, 155}, kGrass = {85, 125, 60};

Rgb ground_color(GroundMaterial material) {
  switch (material) {
    case GroundMaterial::Paint: return kPaint;
    case GroundMaterial::Concrete: return kConcrete;
    case GroundMaterial::Grass: return kGrass;
    case GroundMaterial::Asphalt: break;
  }
  return kAsphalt;
}

struct VisibleActor {
  int actor;
  CuboidFrame<double> box;  // camera frame
  Vec3<double> centre;      // camera frame
  double radius;
  Rgb color;
};

bool may_cover(const CameraRays::Cone& cone, const VisibleActor& a) {
  const double distance = std::sqrt(dot(a.centre, a.centre));
  if (distance <= a.radius) return true;
  const double cone_angle = std::acos(std::clamp(cone.cos_half_angle, -1.0, 1.0));
  const double to_centre = std::acos(std::clamp(dot(cone.axis, a.centre) / distance, -1.0, 1.0));
  return to_centre <= cone_angle + std::asin(a.radius / distance);
}

}  // namespace

CameraRays::CameraRays(const CameraModeld& camera) : camera_(camera) {
  if (camera.type == CameraModelType::KittiRectified)
    throw std::invalid_argument("CameraRays: KITTI rectified cameras are not simulated in drives");
  const int w = camera.width, h = camera.height;
  directions_.resize(static_cast<size_t>(w) * h);
  valid_.resize(directions_.size());
  for (int row = 0; row < h; ++row)
    for (int col = 0; col < w; ++col) {
      Ray ray;
      const size_t i = static_cast<size_t>(row) * w + col;
      valid_[i] = try_pixel_ray(camera, {double(col), double(row)}, ray);
      directions_[i] = valid_[i] ? ray.direction : Vec3<double>{0, 0, 1};
    }
  tiles_x_ = (w + kTile - 1) / kTile, tiles_y_ = (h + kTile - 1) / kTile;
  cones_.resize(static_cast<size_t>(tiles_x_) * tiles_y_);
  for (int ty = 0; ty < tiles_y_; ++ty)
    for (int tx = 0; tx < tiles_x_; ++tx) {
      Cone& cone = cones_[ty * tiles_x_ + tx];
      Vec3<double> sum = {0, 0, 0};
      const int r1 = std::min(h, (ty + 1) * kTile), c1 = std::min(w, (tx + 1) * kTile);
      for (int r = ty * kTile; r < r1; ++r)
        for (int c = tx * kTile; c < c1; ++c)
          if (valid_[r * w + c]) sum = sum + directions_[r * w + c], cone.any = true;
      if (!cone.any) continue;
      cone.axis = unit_vector(sum);
      for (int r = ty * kTile; r < r1; ++r)
        for (int c = tx * kTile; c < c1; ++c)
          if (valid_[r * w + c]) cone.cos_half_angle = std::min(cone.cos_half_angle, dot(cone.axis, directions_[r * w + c]));
      cone.cos_half_angle -= 1e-12;  // rounding of the dot products
    }
}

SimCameraImage render_drive_camera(const SimDriveWorld& world, const CameraRays& rays, const Transform3d& T_ego_cam,
                                   double t) {
  const CameraModeld& cam = rays.camera();
  const Transform3d T_world_cam = world.ego.state(t).T_world_ego * T_ego_cam;
  const Transform3d T_cam_world = T_world_cam.inverse();
  std::vector<VisibleActor> actors;
  for (int a : world.actors_near(t, t, kDrawDistance)) {
    const SimDriveActor& actor = world.actors[a];
    if (!actor.exists(t)) continue;
    const Cuboidd box = transform_cuboid(T_cam_world, actor_state(actor, t).box);
    actors.push_back({a, make_cuboid_frame(box), box.center, std::sqrt(dot(box.size, box.size)) / 2,
                      {double(actor.color.r), double(actor.color.g), double(actor.color.b)}});
  }
  const double s = world.ego_center_s(t);
  const RoadSurface surface(world.road, s - 2 * kDrawDistance, s + 2 * kDrawDistance);
  // World "up" in the camera frame; the ground is {p : up . p = -camera height}.
  const Vec3<double> up = {T_world_cam.R(2, 0), T_world_cam.R(2, 1), T_world_cam.R(2, 2)};
  const double height = T_world_cam.t.z;

  SimCameraImage out{cv::Mat(cam.height, cam.width, CV_8UC3), cv::Mat(cam.height, cam.width, CV_32SC1)};
  std::vector<const VisibleActor*> tile_actors;
  int hint = -1;
  for (int ty = 0; ty < rays.tiles_y(); ++ty)
    for (int tx = 0; tx < rays.tiles_x(); ++tx) {
      tile_actors.clear();
      const CameraRays::Cone& cone = rays.cone(tx, ty);
      if (cone.any)
        for (const VisibleActor& a : actors)
          if (may_cover(cone, a)) tile_actors.push_back(&a);
      const int r1 = std::min(cam.height, (ty + 1) * CameraRays::kTile), c1 = std::min(cam.width, (tx + 1) * CameraRays::kTile);
      for (int row = ty * CameraRays::kTile; row < r1; ++row)
        for (int col = tx * CameraRays::kTile; col < c1; ++col) {
          const int pixel = row * cam.width + col;
          cv::Vec3b& bgr = out.image.at<cv::Vec3b>(row, col);
          int32_t& index = out.actor_index.at<int32_t>(row, col);
          index = -1;
          if (!rays.valid(pixel)) {
            bgr = {0, 0, 0};
            continue;
          }
          const Ray ray = {{0, 0, 0}, rays.direction(pixel)};
          const double rise = dot(up, ray.direction);
          double best = rise < 0 ? -height / rise : INFINITY, t_hit;
          const VisibleActor* hit = nullptr;
          Vec3<double> normal, n;
          for (const VisibleActor* a : tile_actors)
            if (intersect_ray_cuboid(ray, a->box, 0.0, t_hit, n) && t_hit < best) best = t_hit, hit = a, normal = n;
          Rgb color;
          if (hit) {
            index = hit->actor;
            color = lit_surface(hit->color, T_world_cam.R * normal, best);
          } else if (std::isfinite(best)) {
            const Vec3<double> p = T_world_cam * (best * ray.direction);
            color = lit_surface(ground_color(surface.material_at(p.x, p.y, hint)), {0, 0, 1}, best);
          } else {
            color = sky(rise);
          }
          bgr = to_bgr(color);
        }
    }
  return out;
}

std::vector<std::pair<int32_t, int64_t>> actor_pixel_counts(const cv::Mat& actor_index) {
  std::map<int32_t, int64_t> counts;
  auto last = counts.end();  // runs of the same actor along a row are the common case
  for (int r = 0; r < actor_index.rows; ++r) {
    const int32_t* row = actor_index.ptr<int32_t>(r);
    for (int c = 0; c < actor_index.cols; ++c) {
      if (row[c] < 0) continue;
      if (last == counts.end() || last->first != row[c]) last = counts.emplace(row[c], 0).first;
      ++last->second;
    }
  }
  return {counts.begin(), counts.end()};
}

}  // namespace fuselabel
