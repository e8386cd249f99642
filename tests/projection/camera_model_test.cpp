#include <gtest/gtest.h>

#include <cmath>

#include "projection/camera_model.h"
#include "random_calibration.h"

namespace fuselabel {
namespace {

// Independent float64 formulas (not the shared body) for the undistorted models.
bool reference_pinhole(const CameraModeld& c, Vec3<double> p, double& u, double& v) {
  if (p.z <= c.near_plane) return false;
  u = c.fx * p.x / p.z + c.cx;
  v = c.fy * p.y / p.z + c.cy;
  return true;
}

bool reference_kitti(const CameraModeld& c, Vec3<double> p, double& u, double& v, double& w) {
  double r[3];
  for (int i = 0; i < 3; ++i) r[i] = c.R_rect[3 * i] * p.x + c.R_rect[3 * i + 1] * p.y + c.R_rect[3 * i + 2] * p.z;
  double h[3];
  for (int i = 0; i < 3; ++i) h[i] = c.P[4 * i] * r[0] + c.P[4 * i + 1] * r[1] + c.P[4 * i + 2] * r[2] + c.P[4 * i + 3];
  w = h[2];
  if (w <= c.near_plane) return false;
  u = h[0] / w;
  v = h[1] / w;
  return true;
}

TEST(CameraModel, PinholeAndKittiMatchIndependentFormulas) {
  testing::RandomScene rng(10);
  for (CameraModelType type : {CameraModelType::Pinhole, CameraModelType::KittiRectified}) {
    const CameraModeld cam = rng.camera(type);
    for (int i = 0; i < 2000; ++i) {
      const Vec3<double> p = {rng.uniform(-30, 30), rng.uniform(-10, 10), rng.uniform(-5, 80)};
      Vec2<double> uv;
      double depth = 0, u = 0, v = 0, w = p.z;
      const bool got = project_point(cam, p, uv, depth);
      const bool expected =
          type == CameraModelType::Pinhole ? reference_pinhole(cam, p, u, v) : reference_kitti(cam, p, u, v, w);
      ASSERT_EQ(got, expected);
      if (!got) continue;
      EXPECT_NEAR(uv.x, u, 1e-9 * std::fabs(u) + 1e-9);
      EXPECT_NEAR(uv.y, v, 1e-9 * std::fabs(v) + 1e-9);
      EXPECT_NEAR(depth, w, 1e-12);
      EXPECT_NEAR(camera_depth(cam, p), w, 1e-12);
    }
  }
}

TEST(CameraModel, NearPlaneRejectsPointsAtAndBehindIt) {
  testing::RandomScene rng(11);
  for (CameraModelType type : testing::kAllCameraModels) {
    CameraModeld cam = rng.camera(type);
    if (type == CameraModelType::KittiRectified) {  // make depth == z for this check
      for (double& r : cam.R_rect) r = 0;
      cam.R_rect[0] = cam.R_rect[4] = cam.R_rect[8] = 1;
      cam.P[3] = cam.P[7] = cam.P[11] = 0;
    }
    Vec2<double> uv;
    double depth;
    EXPECT_FALSE(project_point(cam, {0.0, 0.0, cam.near_plane}, uv, depth));
    EXPECT_FALSE(project_point(cam, {0.1, 0.2, -5.0}, uv, depth));
    EXPECT_TRUE(project_point(cam, {0.0, 0.0, 2 * cam.near_plane}, uv, depth));
  }
}

TEST(CameraModel, PixelCentresFollowOpenCV) {
  CameraModeld cam;
  cam.width = 4, cam.height = 3;
  int col = -1, row = -1;
  EXPECT_TRUE(pixel_of(cam, Vec2<double>{0.0, 0.0}, col, row));
  EXPECT_EQ(col, 0);
  EXPECT_TRUE(pixel_of(cam, Vec2<double>{-0.5, -0.5}, col, row));  // left/top edge of pixel 0
  EXPECT_EQ(col, 0);
  EXPECT_FALSE(pixel_of(cam, Vec2<double>{-0.5001, 0.0}, col, row));
  EXPECT_TRUE(pixel_of(cam, Vec2<double>{3.4999, 2.4999}, col, row));
  EXPECT_EQ(col, 3);
  EXPECT_EQ(row, 2);
  EXPECT_FALSE(pixel_of(cam, Vec2<double>{3.5, 0.0}, col, row));  // right edge belongs outside
}

TEST(CameraModel, StrongBarrelDistortionIsRefusedWhereItFolds) {
  CameraModeld cam;
  cam.type = CameraModelType::BrownConrady;
  cam.width = 1000, cam.height = 1000, cam.fx = cam.fy = 500, cam.cx = cam.cy = 500;
  cam.dist[0] = -0.5;  // r (1 - 0.5 r^2) peaks at r^2 = 2/3
  cam.max_radius2 = lens_validity_radius2(cam);
  EXPECT_NEAR(cam.max_radius2, 2.0 / 3.0, 5e-3);
  Vec2<double> uv;
  double depth;
  EXPECT_TRUE(project_point(cam, {0.8, 0.0, 1.0}, uv, depth));   // r^2 = 0.64
  EXPECT_FALSE(project_point(cam, {1.2, 0.0, 1.0}, uv, depth));  // r^2 = 1.44, folded back
  // Below the limit, the mapping is monotonic: larger angles land further out.
  double previous = -1;
  for (double x = 0; x * x < cam.max_radius2; x += 0.01) {
    ASSERT_TRUE(project_point(cam, {x, 0.0, 1.0}, uv, depth));
    EXPECT_GT(uv.x, previous);
    previous = uv.x;
  }
}

TEST(CameraModel, PortableAtanIsAccurate) {
  for (double x = -50; x <= 50; x += 0.001) {
    const float got = portable_atan(static_cast<float>(x));
    EXPECT_NEAR(got, std::atan(static_cast<double>(static_cast<float>(x))), 3e-7);
  }
}

TEST(CameraModel, FloatMatchesDoubleWithinAThousandthOfAPixel) {
  testing::RandomScene rng(12);
  for (CameraModelType type : testing::kAllCameraModels) {
    for (int trial = 0; trial < 5; ++trial) {
      const CameraModeld cam = rng.camera(type);
      const CameraModelf camf = cam.cast<float>();
      for (int i = 0; i < 2000; ++i) {
        const Vec3<float> pf = {static_cast<float>(rng.uniform(-30, 30)), static_cast<float>(rng.uniform(-10, 10)),
                                static_cast<float>(rng.uniform(1, 80))};
        Vec2<double> uv;
        Vec2<float> uvf;
        double depth;
        float depthf;
        const bool ok = project_point(cam, pf.cast<double>(), uv, depth);
        if (!ok) continue;
        int col, row;
        if (!pixel_of(cam, uv, col, row)) continue;
        ASSERT_TRUE(project_point(camf, pf, uvf, depthf));
        EXPECT_NEAR(uvf.x, uv.x, 1e-3);
        EXPECT_NEAR(uvf.y, uv.y, 1e-3);
      }
    }
  }
}

}  // namespace
}  // namespace fuselabel
