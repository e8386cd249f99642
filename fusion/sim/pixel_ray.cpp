#include "fusion/sim/pixel_ray.h"

#include <cmath>
#include <stdexcept>
#include <string>

namespace fuselabel {
namespace {

Vec3<double> normalized(Vec3<double> v) { return (1.0 / std::sqrt(dot(v, v))) * v; }

// Pinhole: normalized image point (x, y) = ((u - cx) / fx, (v - cy) / fy) on the plane z = 1.
Ray pinhole_ray(const CameraModeld& cam, Vec2<double> uv) {
  return {{0, 0, 0}, normalized({(uv.x - cam.cx) / cam.fx, (uv.y - cam.cy) / cam.fy, 1.0})};
}

// KittiRectified: project_point maps p to P * [R_rect p; 1]. With P = [M | m], the rectified
// points of pixel (u, v) are C + s * M^-1 (u, v, 1) with C = -M^-1 m, and s is the depth
// camera_depth() reports. Mapping back through R_rect^-1 gives the cam0-frame ray.
Ray kitti_rectified_ray(const CameraModeld& cam, Vec2<double> uv) {
  const Mat3<double> M = {{cam.P[0], cam.P[1], cam.P[2], cam.P[4], cam.P[5], cam.P[6], cam.P[8], cam.P[9], cam.P[10]}};
  const Vec3<double> m = {cam.P[3], cam.P[7], cam.P[11]};
  const Mat3<double> M_inv = M.inverse();
  const Mat3<double> R_rect_inv = Mat3<double>{{cam.R_rect[0], cam.R_rect[1], cam.R_rect[2], cam.R_rect[3], cam.R_rect[4],
                                                cam.R_rect[5], cam.R_rect[6], cam.R_rect[7], cam.R_rect[8]}}
                                      .inverse();
  const Vec3<double> centre_rect = -1.0 * (M_inv * m);
  const Vec3<double> direction_rect = M_inv * Vec3<double>{uv.x, uv.y, 1.0};
  return {R_rect_inv * centre_rect, normalized(R_rect_inv * direction_rect)};
}

}  // namespace

bool pixel_ray_supported(CameraModelType type) {
  return type == CameraModelType::Pinhole || type == CameraModelType::KittiRectified;
}

Ray pixel_ray(const CameraModeld& cam, Vec2<double> uv) {
  switch (cam.type) {
    case CameraModelType::Pinhole:
      return pinhole_ray(cam, uv);
    case CameraModelType::KittiRectified:
      return kitti_rectified_ray(cam, uv);
    default:
      throw std::invalid_argument("pixel_ray: camera model type " + std::to_string(static_cast<int>(cam.type)) +
                                  " is not supported by the simulator yet (pinhole and KITTI rectified are)");
  }
}

}  // namespace fuselabel
