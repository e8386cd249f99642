// cropped_camera: every model projects into the crop where the original projects, shifted and scaled.
#include "projection/camera_crop.h"

#include <gtest/gtest.h>

#include "random_calibration.h"

namespace fuselabel {
namespace {

TEST(CameraCrop, EveryModelProjectsToTheShiftedScaledPixel) {
  testing::RandomScene rng(41);
  for (CameraModelType type : testing::kAllCameraModels) {
    const CameraModeld cam = rng.camera(type);
    const double x0 = rng.uniform(-50, 400), y0 = rng.uniform(-50, 300), scale = rng.uniform(0.3, 3.0);
    const CameraModeld crop = cropped_camera(cam, x0, y0, scale, 320, 240);
    EXPECT_EQ(crop.width, 320);
    int projected = 0;
    for (int i = 0; i < 2000; ++i) {
      const Vec3<double> p = {rng.uniform(-20, 20), rng.uniform(-10, 10), rng.uniform(-5, 60)};
      Vec2<double> uv, uv_crop;
      double depth = 0, depth_crop = 0;
      const bool got = project_point(cam, p, uv, depth);
      ASSERT_EQ(project_point(crop, p, uv_crop, depth_crop), got) << int(type);
      if (!got) continue;
      ++projected;
      EXPECT_NEAR(uv_crop.x, (uv.x - x0) * scale, 1e-7 * (1 + std::fabs(uv.x))) << int(type);
      EXPECT_NEAR(uv_crop.y, (uv.y - y0) * scale, 1e-7 * (1 + std::fabs(uv.y))) << int(type);
      EXPECT_NEAR(depth_crop, depth, 1e-12);
    }
    EXPECT_GT(projected, 500) << int(type);
  }
}

}  // namespace
}  // namespace fuselabel
