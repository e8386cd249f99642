#pragma once
// Camera models in the OpenCV camera frame (x right, y down, z forward). One projection body
// for host and device; parameters are double on the host and cast to float for kernels.
#include <cmath>

#include "projection/linalg.h"

namespace fuselabel {

enum class CameraModelType : int {
  Pinhole = 0,         // fx fy cx cy
  BrownConrady = 1,    // + k1 k2 p1 p2 k3 [k4 k5 k6], identical to cv::projectPoints
  KittiRectified = 2,  // P_rect (3x4) applied after R_rect (3x3), as KITTI's devkit does
  Fisheye = 3,         // + k1..k4 equidistant, identical to cv::fisheye::projectPoints
  Mei = 4,             // unified omnidirectional (Mei & Rives 2007): + xi, k1 k2 p1 p2, skew, as cv::omnidir
};

// Default near plane: points at or closer than this depth never project.
constexpr double kDefaultNearPlane = 0.01;
// Unlimited lens validity radius (pinhole, KITTI, or distortion that never folds over).
constexpr double kUnlimitedRadius2 = 1e30;

template <typename T>
struct CameraModel {
  CameraModelType type = CameraModelType::Pinhole;
  int width = 0, height = 0;
  T fx = 0, fy = 0, cx = 0, cy = 0;
  // BrownConrady: k1 k2 p1 p2 k3 k4 k5 k6 (OpenCV order); Fisheye: k1 k2 k3 k4; Mei: k1 k2 p1 p2
  // (cv::omnidir's D) with the other four zero, so Mei shares Brown-Conrady's distortion body.
  T dist[8] = {0, 0, 0, 0, 0, 0, 0, 0};
  // Mei only: the mirror parameter, xi >= 0 (the projection centre sits xi behind the unit
  // sphere's centre; 0 is a pinhole, KITTI-360's fisheyes have about 2.2; readers reject xi < 0,
  // which would fold the field) and cv::omnidir's skew s (u = fx xd + s yd + cx).
  T xi = 0;
  T skew = 0;
  // KittiRectified: row-major P_rect and R_rect.
  T P[12] = {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0};
  T R_rect[9] = {1, 0, 0, 0, 1, 0, 0, 0, 1};
  T near_plane = T(kDefaultNearPlane);
  // Squared normalized radius (x/z)^2 + (y/z)^2 (for Mei, of the point on its shifted plane, see
  // project_point) beyond which the distortion polynomial folds back on itself: such points would
  // land at wrong, plausible-looking pixels, so they are rejected. See lens_validity_radius2().
  T max_radius2 = T(kUnlimitedRadius2);

  template <typename U>
  CameraModel<U> cast() const {
    CameraModel<U> out;
    out.type = type;
    out.width = width;
    out.height = height;
    out.fx = U(fx), out.fy = U(fy), out.cx = U(cx), out.cy = U(cy);
    for (int i = 0; i < 8; ++i) out.dist[i] = U(dist[i]);
    out.xi = U(xi);
    out.skew = U(skew);
    for (int i = 0; i < 12; ++i) out.P[i] = U(P[i]);
    for (int i = 0; i < 9; ++i) out.R_rect[i] = U(R_rect[i]);
    out.near_plane = U(near_plane);
    out.max_radius2 = max_radius2 > U(kUnlimitedRadius2 / 10) ? U(1e30f) : U(max_radius2);
    return out;
  }
};

using CameraModeld = CameraModel<double>;
using CameraModelf = CameraModel<float>;

// atan built from + - * / only, so host and device produce bit-identical results (libm's
// and CUDA's atanf differ in the last ulp). Cephes' single-precision range reduction and
// minimax polynomial; max error about 2 ulp.
FL_HOST_DEVICE float portable_atan(float x) {
  const float sign = x < 0.f ? -1.f : 1.f;
  x = x < 0.f ? -x : x;
  float offset = 0.f;
  if (x > 2.414213562373095f) {
    offset = 1.5707963267948966f;
    x = -1.f / x;
  } else if (x > 0.4142135623730950f) {
    offset = 0.7853981633974483f;
    x = (x - 1.f) / (x + 1.f);
  }
  const float z = x * x;
  const float poly =
      (((8.05374449538e-2f * z - 1.38776856032e-1f) * z + 1.99777106478e-1f) * z - 3.33329491539e-1f) * z * x + x;
  return sign * (offset + poly);
}
// The double version: Cephes' atan (range reduction at tan(3 pi / 8) and 0.66, a rational
// minimax approximation, pi/2 split in two parts), + - * / only for the same reason; within
// 2 ulp of std::atan.
FL_HOST_DEVICE double portable_atan(double x) {
  const double sign = x < 0 ? -1.0 : 1.0;
  x = x < 0 ? -x : x;
  double offset = 0, tail = 0;
  if (x > 2.41421356237309504880) {
    offset = 1.57079632679489661923, tail = 6.123233995736765886130e-17;
    x = -1.0 / x;
  } else if (x > 0.66) {
    offset = 0.78539816339744830962, tail = 0.5 * 6.123233995736765886130e-17;
    x = (x - 1.0) / (x + 1.0);
  }
  const double z = x * x;
  const double p = (((-8.750608600031904122785e-1 * z - 1.615753718733365076637e1) * z - 7.500855792314704667340e1) * z -
                    1.228866684490136173410e2) * z - 6.485021904942025371773e1;
  const double q = ((((z + 2.485846490142306297962e1) * z + 1.650270098316988542046e2) * z + 4.328810604912902668951e2) * z +
                    4.853903996359136964868e2) * z + 1.945506571482613964425e2;
  return sign * (offset + (x * (z * p / q) + x + tail));
}

// Depth of a camera-frame point: distance along the optical axis of the image being formed.
// Affine in p for every model, so clipping segments against the near plane by linear
// interpolation of depth is exact.
template <typename T>
FL_HOST_DEVICE T camera_depth(const CameraModel<T>& cam, Vec3<T> p) {
  if (cam.type == CameraModelType::KittiRectified) {
    const T zr = cam.R_rect[6] * p.x + cam.R_rect[7] * p.y + cam.R_rect[8] * p.z;
    const T xr = cam.R_rect[0] * p.x + cam.R_rect[1] * p.y + cam.R_rect[2] * p.z;
    const T yr = cam.R_rect[3] * p.x + cam.R_rect[4] * p.y + cam.R_rect[5] * p.z;
    return cam.P[8] * xr + cam.P[9] * yr + cam.P[10] * zr + cam.P[11];
  }
  return p.z;
}

// Projects a camera-frame point to pixel coordinates (OpenCV convention: pixel (c, r) has its
// centre at u = c, v = r). Returns false when the point is at or before the near plane or
// outside the lens model's valid field; uv and depth are then unspecified.
template <typename T>
FL_HOST_DEVICE bool project_point(const CameraModel<T>& cam, Vec3<T> p, Vec2<T>& uv, T& depth) {
  if (cam.type == CameraModelType::KittiRectified) {
    const T xr = cam.R_rect[0] * p.x + cam.R_rect[1] * p.y + cam.R_rect[2] * p.z;
    const T yr = cam.R_rect[3] * p.x + cam.R_rect[4] * p.y + cam.R_rect[5] * p.z;
    const T zr = cam.R_rect[6] * p.x + cam.R_rect[7] * p.y + cam.R_rect[8] * p.z;
    const T a = cam.P[0] * xr + cam.P[1] * yr + cam.P[2] * zr + cam.P[3];
    const T b = cam.P[4] * xr + cam.P[5] * yr + cam.P[6] * zr + cam.P[7];
    depth = cam.P[8] * xr + cam.P[9] * yr + cam.P[10] * zr + cam.P[11];
    if (!(depth > cam.near_plane)) return false;
    uv = {a / depth, b / depth};
    return true;
  }
  depth = p.z;
  if (!(depth > cam.near_plane)) return false;
  // The normalized image point: where the ray crosses the plane z = 1 seen from the origin, or
  // for Mei from xi behind the origin after scaling the point onto the unit sphere:
  // (x, y) / (z / |p| + xi) / |p| = (x, y) / (z + xi |p|), one division as for the others.
  // Mei with xi > 1 would see somewhat behind the plane z = 0 too; the near-plane rule above
  // refuses those points, as for every model (docs/camera-models.md).
  const T inv_z = cam.type == CameraModelType::Mei
                      ? T(1) / (p.z + cam.xi * std::sqrt(p.x * p.x + p.y * p.y + p.z * p.z))
                      : T(1) / p.z;  // as OpenCV does: one division, two products
  const T x = p.x * inv_z, y = p.y * inv_z;
  const T r2 = x * x + y * y;
  if (!(r2 <= cam.max_radius2)) return false;
  T xd = x, yd = y;
  if (cam.type == CameraModelType::BrownConrady || cam.type == CameraModelType::Mei) {
    // Mei's k3..k6 are zero, so the rational factor is exactly 1 and this is cv::omnidir's
    // k1 k2 p1 p2 distortion operation for operation.
    const T* k = cam.dist;
    const T r4 = r2 * r2, r6 = r4 * r2;
    const T radial = (1 + k[0] * r2 + k[1] * r4 + k[4] * r6) / (1 + k[5] * r2 + k[6] * r4 + k[7] * r6);
    xd = x * radial + 2 * k[2] * x * y + k[3] * (r2 + 2 * x * x);
    yd = y * radial + k[2] * (r2 + 2 * y * y) + 2 * k[3] * x * y;
  } else if (cam.type == CameraModelType::Fisheye) {
    const T* k = cam.dist;
    const T r = std::sqrt(r2);
    if (r > T(1e-8)) {
      const T theta = portable_atan(r);
      const T t2 = theta * theta, t4 = t2 * t2, t6 = t4 * t2, t8 = t4 * t4;
      const T theta_d = theta * (1 + k[0] * t2 + k[1] * t4 + k[2] * t6 + k[3] * t8);
      const T scale = theta_d / r;
      xd = x * scale;
      yd = y * scale;
    }
  }
  // Only cv::omnidir calibrates a skew; the other models' OpenCV functions ignore K(0, 1).
  const T u = cam.type == CameraModelType::Mei ? cam.fx * xd + cam.skew * yd + cam.cx : cam.fx * xd + cam.cx;
  uv = {u, cam.fy * yd + cam.cy};
  return true;
}

// The pixel a projected point falls in (round to nearest centre); false outside the image.
// floor(a) lies in [0, W) exactly when a does, so the range test needs no floor, and the
// truncating cast is the floor of a non-negative value.
template <typename T>
FL_HOST_DEVICE bool pixel_of(const CameraModel<T>& cam, Vec2<T> uv, int& col, int& row) {
  const T a = uv.x + T(0.5), b = uv.y + T(0.5);
  if (!(a >= 0 && b >= 0 && a < T(cam.width) && b < T(cam.height))) return false;
  col = static_cast<int>(a);
  row = static_cast<int>(b);
  return true;
}

// Squared normalized radius up to which the model's radial mapping is strictly increasing
// (host only). Beyond it, distinct rays map to the same pixel, so projection is refused there.
// Tangential terms are ignored: they are small and do not fold the mapping in practice.
// For Mei the radius is that of the shifted plane: the ray at angle theta off the axis lands at
// sin(theta) / (cos(theta) + xi), which increases with theta in front of the camera
// (derivative (1 + xi cos(theta)) / (cos(theta) + xi)^2 > 0) and reaches 1 / xi at z = 0, where
// the near-plane rule ends the field; only the distortion can fold it before that.
inline double lens_validity_radius2(const CameraModel<double>& cam) {
  if (cam.type != CameraModelType::BrownConrady && cam.type != CameraModelType::Fisheye &&
      cam.type != CameraModelType::Mei)
    return kUnlimitedRadius2;
  const double* k = cam.dist;
  auto mapped_radius = [&](double r) {
    if (cam.type == CameraModelType::Fisheye) {
      const double t = std::atan(r), t2 = t * t;
      return t * (1 + t2 * (k[0] + t2 * (k[1] + t2 * (k[2] + t2 * k[3]))));
    }
    const double r2 = r * r;
    return r * (1 + r2 * (k[0] + r2 * (k[1] + r2 * k[4]))) / (1 + r2 * (k[5] + r2 * (k[6] + r2 * k[7])));
  };
  const bool hemisphere_bound = cam.type == CameraModelType::Mei && cam.xi > 1.0 / 50;
  const double step = 1e-3, r_end = hemisphere_bound ? 1 / cam.xi : 50.0;  // r = 50 is 88.9 degrees off axis
  double previous = mapped_radius(0.0);
  for (double r = step; r <= r_end; r += step) {
    const double current = mapped_radius(r);
    if (!(current > previous)) {
      const double limit = r - step;
      return limit * limit;
    }
    previous = current;
  }
  return hemisphere_bound ? r_end * r_end : kUnlimitedRadius2;
}

}  // namespace fuselabel
