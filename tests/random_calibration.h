#pragma once
// Random, plausible camera calibrations and point clouds for parity tests. Deterministic per
// seed; each test draws a fresh seed sequence so every model and lens gets exercised.
#include <cmath>
#include <random>
#include <vector>

#include "projection/camera_model.h"
#include "projection/quaternion.h"
#include "projection/transform.h"

namespace fuselabel::testing {

class RandomScene {
 public:
  explicit RandomScene(uint64_t seed) : rng_(seed) {}

  double uniform(double lo, double hi) { return std::uniform_real_distribution<double>(lo, hi)(rng_); }

  Quat<double> rotation() {
    Quat<double> q{uniform(-1, 1), uniform(-1, 1), uniform(-1, 1), uniform(-1, 1)};
    return q.normalized();
  }
  // A camera looking roughly along the sweep frame's x axis (as on a vehicle), with jitter.
  Transform3d T_cam_lidar() {
    const Mat3<double> axes = {{0, -1, 0, 0, 0, -1, 1, 0, 0}};  // cam <- lidar axis swap
    const Quat<double> jitter = Quat<double>::from_axis_angle({uniform(-1, 1), uniform(-1, 1), uniform(-1, 1)},
                                                              uniform(0, 0.3));
    return {jitter.to_matrix() * axes, {uniform(-1, 1), uniform(-1, 1), uniform(-1, 1)}};
  }

  CameraModeld camera(CameraModelType type) {
    CameraModeld cam;
    cam.type = type;
    cam.width = static_cast<int>(uniform(320, 1920));
    cam.height = static_cast<int>(uniform(240, 1200));
    cam.fx = uniform(300, 1500);
    cam.fy = cam.fx * uniform(0.95, 1.05);
    cam.cx = cam.width / 2.0 + uniform(-20, 20);
    cam.cy = cam.height / 2.0 + uniform(-20, 20);
    if (type == CameraModelType::BrownConrady) {
      const double d[8] = {uniform(-0.4, 0.2), uniform(-0.1, 0.1), uniform(-1e-3, 1e-3), uniform(-1e-3, 1e-3),
                           uniform(-0.02, 0.02), uniform(0, 0.2), uniform(-0.02, 0.02), uniform(-0.01, 0.01)};
      for (int i = 0; i < 8; ++i) cam.dist[i] = d[i];
      cam.max_radius2 = lens_validity_radius2(cam);
    } else if (type == CameraModelType::Fisheye) {
      for (int i = 0; i < 4; ++i) cam.dist[i] = uniform(-0.05, 0.05);
      cam.max_radius2 = lens_validity_radius2(cam);
    } else if (type == CameraModelType::Mei) {
      // From nearly pinhole to beyond KITTI-360's fisheyes (xi 2.2). The ray 90 degrees off axis
      // lands fx / xi from the centre: that circle spans 0.35 to 0.7 of the image diagonal, so
      // some images keep their corners and some lose them. Distortion is scaled to change the
      // radius at that circle by at most about 15%, as real calibrations do.
      cam.xi = uniform(0.3, 2.4);
      cam.fx = uniform(0.35, 0.7) * std::hypot(cam.width, cam.height) * cam.xi;
      cam.fy = cam.fx * uniform(0.95, 1.05);
      const double xi2 = cam.xi * cam.xi;
      const double d[4] = {uniform(-0.15, 0.15) * xi2, uniform(-0.05, 0.35) * xi2 * xi2, uniform(-1e-3, 1e-3),
                           uniform(-1e-3, 1e-3)};
      for (int i = 0; i < 4; ++i) cam.dist[i] = d[i];
      cam.skew = uniform(-2, 2);
      cam.max_radius2 = lens_validity_radius2(cam);
    } else if (type == CameraModelType::KittiRectified) {
      const Quat<double> r = Quat<double>::from_axis_angle({uniform(-1, 1), uniform(-1, 1), uniform(-1, 1)},
                                                           uniform(0, 0.02));
      const Mat3<double> R = r.to_matrix();
      for (int i = 0; i < 9; ++i) cam.R_rect[i] = R.m[i];
      const double tx = uniform(-400, 50), ty = uniform(-1, 1), tz = uniform(-0.01, 0.01);
      const double P[12] = {cam.fx, 0, cam.cx, tx, 0, cam.fx, cam.cy, ty, 0, 0, 1, tz};
      for (int i = 0; i < 12; ++i) cam.P[i] = P[i];
    }
    return cam;
  }

  // x y z intensity records around the sensor: most in front, some behind, a few very close.
  std::vector<float> points(int n, int stride = 4) {
    std::vector<float> records(static_cast<size_t>(n) * stride, 0.f);
    for (int i = 0; i < n; ++i) {
      float* r = &records[static_cast<size_t>(i) * stride];
      r[0] = static_cast<float>(uniform(-20, 80));
      r[1] = static_cast<float>(uniform(-40, 40));
      r[2] = static_cast<float>(uniform(-3, 5));
      for (int f = 3; f < stride; ++f) r[f] = static_cast<float>(uniform(0, 1));
    }
    return records;
  }

 private:
  std::mt19937_64 rng_;
};

inline const CameraModelType kAllCameraModels[] = {CameraModelType::Pinhole, CameraModelType::BrownConrady,
                                                  CameraModelType::KittiRectified, CameraModelType::Fisheye,
                                                  CameraModelType::Mei};

}  // namespace fuselabel::testing
