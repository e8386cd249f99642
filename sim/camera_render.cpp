#include "sim/camera_render.h"

#include <algorithm>
#include <cmath>

#include "sim/ray_cast.h"
#include "sim/shading.h"
#include "projection/cuboid_projection.h"
#include "projection/unprojection.h"

namespace fuselabel {
namespace {

Rgb shade(const SceneRayCaster& caster, const Ray& ray, const RayHit& hit) {
  const SimScene& scene = caster.scene();
  if (hit.surface == HitSurface::None) return sky(ray.direction.z);
  Rgb surface;
  if (hit.surface == HitSurface::Actor) {
    const SimColor c = scene.actors[hit.actor].base_color;
    surface = {double(c.r), double(c.g), double(c.b)};
  } else {
    surface = on_lane_mark(scene, hit.point.x, hit.point.y) ? kPaint : kAsphalt;
  }
  return lit_surface(surface, hit.normal, hit.distance);
}

// A camera's pixel rays expressed in the scene frame; false for pixels outside the lens's field.
class SceneFramePixelRays {
 public:
  SceneFramePixelRays(const CameraModeld& cam, const Transform3d& T_cam_lidar)
      : cam_(cam), T_lidar_cam_(T_cam_lidar.inverse()) {}
  bool at(int col, int row, Ray& ray) const {
    Ray in_camera;
    if (!try_pixel_ray(cam_, {double(col), double(row)}, in_camera)) return false;
    ray = {T_lidar_cam_ * in_camera.origin, unit_vector(T_lidar_cam_.R * in_camera.direction)};
    return true;
  }

 private:
  CameraModeld cam_;
  Transform3d T_lidar_cam_;
};

}  // namespace

CameraRender render_camera(const SimScene& scene, const CameraModeld& cam, const Transform3d& T_cam_lidar) {
  const SceneRayCaster caster(scene);
  const SceneFramePixelRays rays(cam, T_cam_lidar);
  CameraRender out{cv::Mat(cam.height, cam.width, CV_8UC3), cv::Mat(cam.height, cam.width, CV_32SC1)};
  for (int row = 0; row < cam.height; ++row) {
    cv::Vec3b* pixels = out.image.ptr<cv::Vec3b>(row);
    int32_t* actors = out.actor_index.ptr<int32_t>(row);
    for (int col = 0; col < cam.width; ++col) {
      Ray ray;
      if (!rays.at(col, row, ray)) {  // outside the lens's field: black, no actor
        pixels[col] = {0, 0, 0};
        actors[col] = -1;
        continue;
      }
      const RayHit hit = caster.cast(ray);
      pixels[col] = to_bgr(shade(caster, ray, hit));
      actors[col] = hit.surface == HitSurface::Actor ? hit.actor : -1;
    }
  }
  return out;
}

std::vector<int64_t> unoccluded_pixel_counts(const SimScene& scene, const CameraModeld& cam,
                                             const Transform3d& T_cam_lidar) {
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
      for (int col = col_lo; col <= col_hi; ++col) {
        Ray ray;
        if (rays.at(col, row, ray) && caster.cast_actor(ray, static_cast<int>(a)).surface == HitSurface::Actor) ++counts[a];
      }
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
