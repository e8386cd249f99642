#include <gtest/gtest.h>

#include <cmath>

#include "projection/unprojection.h"
#include "random_calibration.h"

namespace fuselabel {
namespace {

constexpr double kPixelTolerance = 1e-6;

// Random pixels of random calibrations: wherever pixel_ray finds a ray, projecting any point of
// it lands on the pixel again.
TEST(Unprojection, InvertsProjectPointWithinTheValidField) {
  for (CameraModelType type :
       {CameraModelType::Pinhole, CameraModelType::BrownConrady, CameraModelType::Fisheye, CameraModelType::Mei}) {
    testing::RandomScene random(77 + static_cast<int>(type));
    int valid = 0, tried = 0;
    for (int calibration = 0; calibration < 40; ++calibration) {
      const CameraModeld cam = random.camera(type);
      for (int i = 0; i < 200; ++i, ++tried) {
        const Vec2<double> uv = {random.uniform(-0.5, cam.width - 0.5), random.uniform(-0.5, cam.height - 0.5)};
        Ray ray;
        if (!try_pixel_ray(cam, uv, ray)) continue;
        ++valid;
        ASSERT_NEAR(dot(ray.direction, ray.direction), 1.0, 1e-12);
        for (double depth : {0.5, 20.0}) {
          Vec2<double> back;
          double z;
          ASSERT_TRUE(project_point(cam, ray.origin + (depth / ray.direction.z) * ray.direction, back, z))
              << "type " << int(type) << " pixel " << uv.x << ", " << uv.y;
          ASSERT_NEAR(back.x, uv.x, kPixelTolerance) << "type " << int(type);
          ASSERT_NEAR(back.y, uv.y, kPixelTolerance) << "type " << int(type);
        }
      }
    }
    EXPECT_GT(valid, tried / 2) << "type " << int(type);  // strongly distorting lenses lose their corners
  }
}

// Squared radius of p's normalized image point, the quantity CameraModel::max_radius2 bounds.
double normalized_radius2(const CameraModeld& cam, Vec3<double> p) {
  const double s = cam.type == CameraModelType::Mei ? 1 / (p.z + cam.xi * std::sqrt(dot(p, p))) : 1 / p.z;
  return s * s * (p.x * p.x + p.y * p.y);
}

// The other way round: every ray inside the valid field whose pixel lies in the image is found
// again from its pixel.
TEST(Unprojection, FindsEveryRayOfTheValidField) {
  for (CameraModelType type : {CameraModelType::BrownConrady, CameraModelType::Fisheye, CameraModelType::Mei}) {
    testing::RandomScene random(91 + static_cast<int>(type));
    int checked = 0;
    for (int calibration = 0; calibration < 40; ++calibration) {
      const CameraModeld cam = random.camera(type);
      for (int i = 0; i < 200; ++i) {
        const double extent = type == CameraModelType::Mei ? 6 : 2;  // Mei: out to 83 degrees
        const Vec3<double> p = {random.uniform(-extent, extent), random.uniform(-extent, extent), 1.0};
        if (!(normalized_radius2(cam, p) <= cam.max_radius2)) continue;
        Vec2<double> uv;
        double depth;
        ASSERT_TRUE(project_point(cam, p, uv, depth));
        Ray ray;
        ASSERT_TRUE(try_pixel_ray(cam, uv, ray)) << "type " << int(type) << " at " << p.x << ", " << p.y;
        const double n = std::sqrt(dot(p, p));
        EXPECT_NEAR(ray.direction.x, p.x / n, 1e-9);
        EXPECT_NEAR(ray.direction.y, p.y / n, 1e-9);
        EXPECT_NEAR(ray.direction.z, p.z / n, 1e-9);
        ++checked;
      }
    }
    EXPECT_GT(checked, 1000);
  }
}

}  // namespace
}  // namespace fuselabel
