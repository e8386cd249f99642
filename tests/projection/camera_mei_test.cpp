#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <string>

#include "projection/camera_model.h"
#include "projection/unprojection.h"
#include "random_calibration.h"

namespace fuselabel {
namespace {

// Mei & Rives (2007) step by step, written independently of the shared body: the point onto
// the unit sphere, the sphere seen from the centre Cp = (0, 0, -xi), the normalized plane, the
// radial-tangential distortion, then K = [fx s cx; 0 fy cy; 0 0 1] (cv::omnidir's K).
// Returns the undistorted normalized point's squared radius for the validity rule.
double reference_mei(const CameraModeld& c, Vec3<double> p, double& u, double& v) {
  const double norm = std::sqrt(p.x * p.x + p.y * p.y + p.z * p.z);
  const double Xs = p.x / norm, Ys = p.y / norm, Zs = p.z / norm;
  const double mx = Xs / (Zs + c.xi), my = Ys / (Zs + c.xi);
  const double k1 = c.dist[0], k2 = c.dist[1], p1 = c.dist[2], p2 = c.dist[3];
  const double rho2 = mx * mx + my * my;
  const double radial = 1 + k1 * rho2 + k2 * rho2 * rho2;
  const double dx = 2 * p1 * mx * my + p2 * (rho2 + 2 * mx * mx);
  const double dy = p1 * (rho2 + 2 * my * my) + 2 * p2 * mx * my;
  const double xd = mx * radial + dx, yd = my * radial + dy;
  const double K[6] = {c.fx, c.skew, c.cx, 0, c.fy, c.cy};
  u = K[0] * xd + K[1] * yd + K[2];
  v = K[3] * xd + K[4] * yd + K[5];
  return rho2;
}

std::string scientific(double value) {
  char text[32];
  std::snprintf(text, sizeof text, "%.3g", value);
  return text;
}

Vec3<double> random_point(testing::RandomScene& rng) {
  return {rng.uniform(-30, 30), rng.uniform(-20, 20), rng.uniform(-5, 40)};
}

TEST(CameraMei, MatchesThePapersFormulasOnRandomCalibrations) {
  testing::RandomScene rng(4201);
  double max_error = 0;
  int compared = 0;
  for (int trial = 0; trial < 50; ++trial) {
    const CameraModeld cam = rng.camera(CameraModelType::Mei);
    for (int i = 0; i < 2000; ++i) {
      const Vec3<double> p = random_point(rng);
      double u, v;
      const double rho2 = reference_mei(cam, p, u, v);
      Vec2<double> uv = {0, 0};
      double depth = 0;
      const bool got = project_point(cam, p, uv, depth);
      // Our validity rules on top of the paper: in front of the near plane, inside the field
      // where the distortion does not fold. Points within rounding of the fold are skipped.
      if (std::fabs(rho2 - cam.max_radius2) < 1e-9 * cam.max_radius2) continue;
      const bool expected = p.z > cam.near_plane && rho2 <= cam.max_radius2;
      ASSERT_EQ(got, expected) << "trial " << trial << " point " << p.x << ", " << p.y << ", " << p.z;
      if (!got) continue;
      EXPECT_EQ(depth, p.z);
      EXPECT_EQ(camera_depth(cam, p), p.z);
      const double error = std::max(std::fabs(uv.x - u), std::fabs(uv.y - v));
      ASSERT_LT(error, 1e-9 * (1 + std::fabs(u) + std::fabs(v)));
      max_error = std::max(max_error, error);
      ++compared;
    }
  }
  EXPECT_GT(compared, 20000);
  RecordProperty("max_error_px", scientific(max_error));
}

TEST(CameraMei, FloatMatchesDoubleWithinAThousandthOfAPixel) {
  testing::RandomScene rng(4202);
  double max_error = 0;
  for (int trial = 0; trial < 50; ++trial) {
    const CameraModeld cam = rng.camera(CameraModelType::Mei);
    const CameraModelf camf = cam.cast<float>();
    for (int i = 0; i < 2000; ++i) {
      const Vec3<float> pf = random_point(rng).cast<float>();
      Vec2<double> uv;
      Vec2<float> uvf;
      double depth;
      float depthf;
      int col, row;
      if (!project_point(cam, pf.cast<double>(), uv, depth) || !pixel_of(cam, uv, col, row)) continue;
      // A point within float rounding of the lens limit may fall either side of it.
      if (!project_point(camf, pf, uvf, depthf)) continue;
      max_error = std::max({max_error, std::fabs(uvf.x - uv.x), std::fabs(uvf.y - uv.y)});
    }
  }
  EXPECT_LT(max_error, 1e-3);
  RecordProperty("max_float_error_px", scientific(max_error));
}

// A KITTI-360-like lens (xi = 2.2) would image rays up to 117 degrees off axis, but a point at
// or behind the near plane never projects (GUIDE), and no pixel unprojects to such a ray.
TEST(CameraMei, NothingBehindTheNearPlaneProjectsEvenWithXiAboveOne) {
  CameraModeld cam;
  cam.type = CameraModelType::Mei;
  cam.width = cam.height = 1400;
  cam.fx = cam.fy = 1336, cam.cx = cam.cy = 700;
  cam.xi = 2.2;
  cam.dist[0] = 0.017, cam.dist[1] = 1.65;
  cam.max_radius2 = lens_validity_radius2(cam);
  EXPECT_NEAR(cam.max_radius2, 1 / (2.2 * 2.2), 1e-3);  // no fold in front: the field ends at z = 0
  Vec2<double> uv;
  double depth, u, v;
  const Vec3<double> behind = {0.7, 0.7, -0.2};  // 101 degrees off axis, towards a corner
  reference_mei(cam, behind, u, v);
  EXPECT_TRUE(u > 0 && u < cam.width && v > 0 && v < cam.height);  // the paper's formula: a pixel in the image...
  EXPECT_FALSE(project_point(cam, behind, uv, depth));  // ...which the near-plane rule refuses
  EXPECT_FALSE(project_point(cam, {1.0, 0.0, cam.near_plane}, uv, depth));
  EXPECT_TRUE(project_point(cam, {1.0, 0.0, 2 * cam.near_plane}, uv, depth));
  Ray ray;
  EXPECT_FALSE(try_pixel_ray(cam, {u, v}, ray));
  EXPECT_THROW(pixel_ray(cam, {u, v}), std::domain_error);
  ASSERT_TRUE(try_pixel_ray(cam, {uv.x - 2, uv.y}, ray));  // just inside the 90 degree circle
  EXPECT_GT(ray.direction.z, 0);
}

TEST(CameraMei, StrongBarrelDistortionIsRefusedWhereItFolds) {
  CameraModeld cam;
  cam.type = CameraModelType::Mei;
  cam.width = cam.height = 1000, cam.fx = cam.fy = 500, cam.cx = cam.cy = 500;
  cam.xi = 0.5;           // the field in front ends at radius 1 / xi = 2
  cam.dist[0] = -0.5;     // r (1 - 0.5 r^2) peaks at r^2 = 2/3, before it
  cam.max_radius2 = lens_validity_radius2(cam);
  EXPECT_NEAR(cam.max_radius2, 2.0 / 3.0, 5e-3);
  Vec2<double> uv, previous = {-1, 0};
  double depth;
  // Along the x axis the normalized radius is sin / (cos + xi): monotonic up to the fold.
  for (double angle = 0; angle < 1.5; angle += 0.005) {
    const Vec3<double> p = {std::sin(angle), 0.0, std::cos(angle)};
    const double m = p.x / (p.z + cam.xi);
    const bool inside = m * m <= cam.max_radius2;
    ASSERT_EQ(project_point(cam, p, uv, depth), inside) << angle;
    if (!inside) continue;
    EXPECT_GT(uv.x, previous.x);
    previous = uv;
  }
}

TEST(CameraMei, XiZeroIsThePinholeModel) {
  testing::RandomScene rng(4203);
  CameraModeld mei = rng.camera(CameraModelType::Pinhole);
  mei.type = CameraModelType::Mei;
  mei.max_radius2 = lens_validity_radius2(mei);
  EXPECT_EQ(mei.max_radius2, kUnlimitedRadius2);
  CameraModeld pinhole = mei;
  pinhole.type = CameraModelType::Pinhole;
  for (int i = 0; i < 1000; ++i) {
    const Vec3<double> p = random_point(rng);
    Vec2<double> a, b;
    double da, db;
    ASSERT_EQ(project_point(mei, p, a, da), project_point(pinhole, p, b, db));
    if (p.z <= mei.near_plane) continue;
    EXPECT_EQ(a.x, b.x);
    EXPECT_EQ(a.y, b.y);
  }
}

}  // namespace
}  // namespace fuselabel
