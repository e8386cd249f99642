#include "fusion/sim/camera_render.h"

#include <algorithm>
#include <cmath>

#include "fusion/sim/pixel_ray.h"
#include "projection/cuboid_projection.h"

namespace fuselabel {
namespace {

struct Rgb {
  double r, g, b;
};

Rgb mix(Rgb a, Rgb b, double s) { return {a.r + s * (b.r - a.r), a.g + s * (b.g - a.g), a.b + s * (b.b - a.b)}; }
Rgb scaled(Rgb c, double s) { return {c.r * s, c.g * s, c.b * s}; }

// Fixed sun, high and ahead-left, so the faces of a box facing the camera differ in
// brightness and its edges stay visible (scene frame: x forward, y left, z up).
Vec3<double> unit(Vec3<double> v) { return (1.0 / std::sqrt(dot(v, v))) * v; }
const Vec3<double> kSunDirection = unit({-0.5, 0.35, 0.8});
constexpr double kAmbient = 0.35, kDiffuse = 0.65;
const Rgb kAsphalt = {96, 96, 100}, kPaint = {228, 228, 222};
const Rgb kSkyHorizon = {205, 220, 235}, kSkyZenith = {105, 155, 215};
// Aerial perspective: distant surfaces fade towards the horizon colour, which keeps the far
// ground from aliasing into noise near the horizon.
constexpr double kHazeDistance = 400.0;

double lambert(Vec3<double> normal) { return kAmbient + kDiffuse * std::fmax(0.0, dot(normal, kSunDirection)); }

Rgb shade(const SceneRayCaster& caster, const Ray& ray, const RayHit& hit) {
  const SimScene& scene = caster.scene();
  if (hit.surface == HitSurface::None) {
    const double up = std::fmax(0.0, ray.direction.z);
    return mix(kSkyHorizon, kSkyZenith, std::sqrt(up));
  }
  Rgb surface;
  if (hit.surface == HitSurface::Actor) {
    const SimColor c = scene.actors[hit.actor].base_color;
    surface = {double(c.r), double(c.g), double(c.b)};
  } else {
    surface = on_lane_mark(scene, hit.point.x, hit.point.y) ? kPaint : kAsphalt;
  }
  const Rgb lit = scaled(surface, lambert(hit.normal));
  return mix(lit, kSkyHorizon, 1.0 - std::exp(-hit.distance / kHazeDistance));
}

cv::Vec3b to_bgr(Rgb c) {
  auto channel = [](double v) { return static_cast<uint8_t>(std::lround(std::clamp(v, 0.0, 255.0))); };
  return {channel(c.b), channel(c.g), channel(c.r)};
}

// A camera's pixel rays expressed in the scene frame.
class SceneFramePixelRays {
 public:
  SceneFramePixelRays(const CameraModeld& cam, const Transform3d& T_cam_lidar)
      : cam_(cam), T_lidar_cam_(T_cam_lidar.inverse()) {}
  Ray at(int col, int row) const {
    const Ray in_camera = pixel_ray(cam_, {double(col), double(row)});
    return {T_lidar_cam_ * in_camera.origin, unit(T_lidar_cam_.R * in_camera.direction)};
  }

 private:
  CameraModeld cam_;
  Transform3d T_lidar_cam_;
};

void require_supported(const CameraModeld& cam) {
  if (!pixel_ray_supported(cam.type)) pixel_ray(cam, {0, 0});  // throws the explanatory error
}

}  // namespace

CameraRender render_camera(const SimScene& scene, const CameraModeld& cam, const Transform3d& T_cam_lidar) {
  require_supported(cam);
  const SceneRayCaster caster(scene);
  const SceneFramePixelRays rays(cam, T_cam_lidar);
  CameraRender out{cv::Mat(cam.height, cam.width, CV_8UC3), cv::Mat(cam.height, cam.width, CV_32SC1)};
  for (int row = 0; row < cam.height; ++row) {
    cv::Vec3b* pixels = out.image.ptr<cv::Vec3b>(row);
    int32_t* actors = out.actor_index.ptr<int32_t>(row);
    for (int col = 0; col < cam.width; ++col) {
      const Ray ray = rays.at(col, row);
      const RayHit hit = caster.cast(ray);
      pixels[col] = to_bgr(shade(caster, ray, hit));
      actors[col] = hit.surface == HitSurface::Actor ? hit.actor : -1;
    }
  }
  return out;
}

std::vector<int64_t> unoccluded_pixel_counts(const SimScene& scene, const CameraModeld& cam,
                                             const Transform3d& T_cam_lidar) {
  require_supported(cam);
  const SceneRayCaster caster(scene);
  const SceneFramePixelRays rays(cam, T_cam_lidar);
  std::vector<int64_t> counts(scene.actors.size(), 0);
  for (size_t a = 0; a < scene.actors.size(); ++a) {
    // Only pixels inside the projected box can see the actor: the box bounds its silhouette.
    Box2<double> box;
    if (!project_cuboid_box(cam, T_cam_lidar, scene.actors[a].box, box)) continue;
    const int col_lo = std::max(0, int(std::floor(box.x1)) - 1), col_hi = std::min(cam.width - 1, int(std::ceil(box.x2)) + 1);
    const int row_lo = std::max(0, int(std::floor(box.y1)) - 1), row_hi = std::min(cam.height - 1, int(std::ceil(box.y2)) + 1);
    for (int row = row_lo; row <= row_hi; ++row)
      for (int col = col_lo; col <= col_hi; ++col)
        if (caster.cast_actor(rays.at(col, row), static_cast<int>(a)).surface == HitSurface::Actor) ++counts[a];
  }
  return counts;
}

std::vector<int64_t> visible_pixel_counts(const cv::Mat& actor_index, int actor_count) {
  std::vector<int64_t> counts(actor_count, 0);
  for (int row = 0; row < actor_index.rows; ++row) {
    const int32_t* actors = actor_index.ptr<int32_t>(row);
    for (int col = 0; col < actor_index.cols; ++col)
      if (actors[col] >= 0 && actors[col] < actor_count) ++counts[actors[col]];
  }
  return counts;
}

}  // namespace fuselabel
