#pragma once
// The inverse of project_point (projection/camera_model.h): the ray of camera-frame points
// that a camera model maps to a given pixel position. The simulator's renderers trace these
// rays, so an image is rendered with exactly the lens model that projects labels into it; the
// engine uses them to ask what a pixel sees.
//
// Host only and float64: the Newton iterations run to 1e-12 of the focal length, far below what
// float32 resolves, and pixel_ray reports a pixel outside the lens's field by an exception.
#include <algorithm>
#include <cmath>
#include <stdexcept>
#include <string>

#include "projection/camera_model.h"
#include "projection/ray.h"

namespace fuselabel {
namespace unprojection_detail {

constexpr int kMaxIterations = 100;
constexpr int kMaxHalvings = 40;
// Converged when the distorted point is reproduced to this fraction of the focal length
// (1e-9 px for a 1000 px focal length).
constexpr double kTolerance = 1e-12;

inline Vec3<double> normalized(Vec3<double> v) { return (1.0 / std::sqrt(dot(v, v))) * v; }

// The distorted normalized point of pixel uv: the inverse of project_point's last line.
inline Vec2<double> distorted_point(const CameraModeld& cam, Vec2<double> uv) {
  const double yd = (uv.y - cam.cy) / cam.fy;
  const double skew = cam.type == CameraModelType::Mei ? cam.skew : 0.0;
  return {(uv.x - cam.cx - skew * yd) / cam.fx, yd};
}

// Pinhole: normalized image point (x, y) = ((u - cx) / fx, (v - cy) / fy) on the plane z = 1.
inline Ray pinhole_ray(const CameraModeld& cam, Vec2<double> uv) {
  return {{0, 0, 0}, normalized({(uv.x - cam.cx) / cam.fx, (uv.y - cam.cy) / cam.fy, 1.0})};
}

// KittiRectified: project_point maps p to P * [R_rect p; 1]. With P = [M | m], the rectified
// points of pixel (u, v) are C + s * M^-1 (u, v, 1) with C = -M^-1 m, and s is the depth
// camera_depth() reports. Mapping back through R_rect^-1 gives the cam0-frame ray.
inline Ray kitti_rectified_ray(const CameraModeld& cam, Vec2<double> uv) {
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

// Brown-Conrady distortion of a normalized point and its Jacobian (as project_point computes it).
inline void brown_conrady(const double* k, double x, double y, double& xd, double& yd, double J[4]) {
  const double r2 = x * x + y * y, r4 = r2 * r2, r6 = r4 * r2;
  const double num = 1 + k[0] * r2 + k[1] * r4 + k[4] * r6, den = 1 + k[5] * r2 + k[6] * r4 + k[7] * r6;
  const double radial = num / den;
  const double d_num = k[0] + 2 * k[1] * r2 + 3 * k[4] * r4, d_den = k[5] + 2 * k[6] * r2 + 3 * k[7] * r4;
  const double d_radial = (d_num * den - num * d_den) / (den * den);  // d radial / d r2
  xd = x * radial + 2 * k[2] * x * y + k[3] * (r2 + 2 * x * x);
  yd = y * radial + k[2] * (r2 + 2 * y * y) + 2 * k[3] * x * y;
  J[0] = radial + 2 * x * x * d_radial + 2 * k[2] * y + 6 * k[3] * x;
  J[1] = 2 * x * y * d_radial + 2 * k[2] * x + 2 * k[3] * y;
  J[2] = J[1];
  J[3] = radial + 2 * y * y * d_radial + 6 * k[2] * y + 2 * k[3] * x;
}

// Radius r of the undistorted point whose radial distortion alone gives distorted radius
// `target`, within [0, r_max] where the mapping increases (safeguarded Newton). When even r_max
// is not enough (tangential terms can carry a valid ray's image that far), a start just inside
// r_max, from where the full model's Newton steps can still move outwards.
inline double undistorted_radius(const double* k, double target, double r_max) {
  auto mapped = [&](double r, double& slope) {
    const double r2 = r * r, r4 = r2 * r2, r6 = r4 * r2;
    const double num = 1 + k[0] * r2 + k[1] * r4 + k[4] * r6, den = 1 + k[5] * r2 + k[6] * r4 + k[7] * r6;
    const double d_num = k[0] + 2 * k[1] * r2 + 3 * k[4] * r4, d_den = k[5] + 2 * k[6] * r2 + 3 * k[7] * r4;
    slope = num / den + 2 * r2 * (d_num * den - num * d_den) / (den * den);
    return r * num / den;
  };
  double slope, lo = 0, hi = r_max, r = std::min(target, r_max);
  if (mapped(r_max, slope) <= target) return 0.995 * r_max;
  for (int it = 0; it < kMaxIterations && hi - lo > 1e-15 * (1 + hi); ++it) {
    const double g = mapped(r, slope) - target;
    if (g == 0) break;
    (g > 0 ? hi : lo) = r;
    const double next = r - g / slope;
    r = (next > lo && next < hi) ? next : (lo + hi) / 2;
  }
  return r;
}

// The undistorted normalized point (x, y) inside the valid field (squared radius <= limit2)
// whose Brown-Conrady distortion is `target`: Newton's method on the full model (tangential
// terms too), from the radial-only solution, halving steps until the residual shrinks without
// leaving the valid field. Serves Mei too, whose k1 k2 p1 p2 are Brown-Conrady's.
inline bool undistort_brown_conrady(const double* k, Vec2<double> target, double limit2, double& x, double& y) {
  const double tx = target.x, ty = target.y;
  const double target_radius = std::hypot(tx, ty);
  const double r_max = std::sqrt(std::min(limit2, 1e6));
  const double scale = target_radius > 0 ? undistorted_radius(k, target_radius, r_max) / target_radius : 1.0;
  x = tx * scale, y = ty * scale;
  double xd, yd, J[4];
  brown_conrady(k, x, y, xd, yd, J);
  double error = std::hypot(xd - tx, yd - ty);
  for (int it = 0; it < kMaxIterations && error > kTolerance; ++it) {
    const double det = J[0] * J[3] - J[1] * J[2];
    if (!(std::fabs(det) > 1e-300)) return false;
    const double rx = xd - tx, ry = yd - ty;
    double step_x = (J[3] * rx - J[1] * ry) / det, step_y = (J[0] * ry - J[2] * rx) / det;
    bool improved = false;
    for (int h = 0; h < kMaxHalvings && !improved; ++h, step_x /= 2, step_y /= 2) {
      const double nx = x - step_x, ny = y - step_y;
      if (!(nx * nx + ny * ny <= limit2)) continue;
      double nxd, nyd, nJ[4];
      brown_conrady(k, nx, ny, nxd, nyd, nJ);
      const double next_error = std::hypot(nxd - tx, nyd - ty);
      if (next_error < error) {
        x = nx, y = ny, xd = nxd, yd = nyd, error = next_error;
        std::copy(nJ, nJ + 4, J);
        improved = true;
      }
    }
    if (!improved) break;
  }
  return error <= 1e3 * kTolerance && x * x + y * y <= limit2;
}

inline bool brown_conrady_ray(const CameraModeld& cam, Vec2<double> uv, Ray& ray) {
  double x, y;
  if (!undistort_brown_conrady(cam.dist, distorted_point(cam, uv), cam.max_radius2, x, y)) return false;
  ray = {{0, 0, 0}, normalized({x, y, 1.0})};
  return true;
}

// Mei: undistort as Brown-Conrady, then lift the normalized point m to the unit sphere in closed
// form (Mei & Rives 2007): Xs = (eta mx, eta my, eta - xi) with
// eta = (xi + sqrt(1 + (1 - xi^2) |m|^2)) / (1 + |m|^2). Its z is positive exactly when
// |m| < 1 / xi; beyond, the pixel sees at or behind the plane z = 0, which never projects.
inline bool mei_ray(const CameraModeld& cam, Vec2<double> uv, Ray& ray) {
  const double front2 = cam.xi > 0 ? 1 / (cam.xi * cam.xi) : kUnlimitedRadius2;
  double x, y;
  if (!undistort_brown_conrady(cam.dist, distorted_point(cam, uv), std::min(cam.max_radius2, front2), x, y))
    return false;
  const double m2 = x * x + y * y;
  if (!(m2 * cam.xi * cam.xi < 1)) return false;
  const double eta = (cam.xi + std::sqrt(1 + (1 - cam.xi * cam.xi) * m2)) / (1 + m2);
  const Vec3<double> on_sphere = {eta * x, eta * y, eta - cam.xi};
  if (!(on_sphere.z > 0)) return false;
  ray = {{0, 0, 0}, normalized(on_sphere)};
  return true;
}

// Equidistant fisheye: theta_d = theta (1 + k1 theta^2 + ... + k4 theta^8) is increasing up to
// the validity limit, so Newton's method kept inside a shrinking bracket always converges.
inline bool fisheye_ray(const CameraModeld& cam, Vec2<double> uv, Ray& ray) {
  const double tx = (uv.x - cam.cx) / cam.fx, ty = (uv.y - cam.cy) / cam.fy;
  const double theta_d = std::hypot(tx, ty);
  if (theta_d < 1e-15) {
    ray = {{0, 0, 0}, {0, 0, 1}};
    return true;
  }
  const double* k = cam.dist;
  auto distorted = [&](double t) {
    const double t2 = t * t;
    return t * (1 + t2 * (k[0] + t2 * (k[1] + t2 * (k[2] + t2 * k[3]))));
  };
  auto slope = [&](double t) {
    const double t2 = t * t;
    return 1 + t2 * (3 * k[0] + t2 * (5 * k[1] + t2 * (7 * k[2] + t2 * 9 * k[3])));
  };
  const double theta_max = std::min(std::atan(std::sqrt(cam.max_radius2)), 1.5707963267948966) * (1 - 1e-12);
  if (distorted(theta_max) < theta_d) return false;
  double lo = 0, hi = theta_max, theta = std::min(theta_d, theta_max);
  for (int it = 0; it < kMaxIterations; ++it) {
    const double g = distorted(theta) - theta_d;
    if (std::fabs(g) <= kTolerance * 1e-3) break;
    (g > 0 ? hi : lo) = theta;
    const double next = theta - g / slope(theta);
    theta = (next > lo && next < hi) ? next : (lo + hi) / 2;
    if (hi - lo < 1e-17) break;
  }
  const double s = std::sin(theta) / theta_d;
  ray = {{0, 0, 0}, normalized({s * tx, s * ty, std::cos(theta)})};
  return true;
}

}  // namespace unprojection_detail

// Whether pixel_ray supports the model: every model of camera_model.h. Pinhole and
// KittiRectified invert in closed form; Brown-Conrady, fisheye and Mei's distortion by a
// safeguarded Newton iteration on the normalized image point (to about 1e-12 of the focal
// length), Mei's sphere in closed form.
inline bool pixel_ray_supported(CameraModelType type) {
  return type == CameraModelType::Pinhole || type == CameraModelType::KittiRectified ||
         type == CameraModelType::BrownConrady || type == CameraModelType::Fisheye || type == CameraModelType::Mei;
}

// The ray, in the camera frame, of the points that project to uv (OpenCV pixel-centre
// convention: pixel (c, r) is centred at uv = (c, r)). Unit direction, pointing to increasing
// depth. The origin is the projection centre: (0, 0, 0) except for KittiRectified, whose
// centre is that of the P matrix (P2 and P3 sit beside cam0, the frame of T_cam_lidar).
// False when no ray inside the lens's valid field (CameraModel::max_radius2, and in front of
// the camera) projects to uv, e.g. the corners of a fisheye image.
inline bool try_pixel_ray(const CameraModeld& cam, Vec2<double> uv, Ray& ray) {
  using namespace unprojection_detail;
  switch (cam.type) {
    case CameraModelType::Pinhole:
      ray = pinhole_ray(cam, uv);
      return true;
    case CameraModelType::KittiRectified:
      ray = kitti_rectified_ray(cam, uv);
      return true;
    case CameraModelType::BrownConrady:
      return brown_conrady_ray(cam, uv, ray);
    case CameraModelType::Fisheye:
      return fisheye_ray(cam, uv, ray);
    case CameraModelType::Mei:
      return mei_ray(cam, uv, ray);
  }
  throw std::invalid_argument("pixel_ray: unknown camera model type " + std::to_string(static_cast<int>(cam.type)));
}

// The same; throws std::domain_error for a pixel outside the valid field.
inline Ray pixel_ray(const CameraModeld& cam, Vec2<double> uv) {
  Ray ray;
  if (!try_pixel_ray(cam, uv, ray))
    throw std::domain_error("pixel_ray: pixel (" + std::to_string(uv.x) + ", " + std::to_string(uv.y) +
                            ") lies outside the lens's valid field");
  return ray;
}

}  // namespace fuselabel
