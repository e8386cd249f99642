// Brown–Conrady and fisheye projections equal OpenCV's own on random points and calibrations.
#include <gtest/gtest.h>

#include <opencv2/calib3d.hpp>

#include "kernels/project_points.h"
#include "random_calibration.h"
#include "test_support.h"

namespace fuselabel {
namespace {

struct OpenCvResult {
  std::vector<cv::Point2d> pixels;
  std::vector<cv::Point3d> points;
};

OpenCvResult opencv_project(const CameraModeld& cam, const std::vector<Vec3<double>>& points_cam) {
  OpenCvResult r;
  for (const auto& p : points_cam) r.points.emplace_back(p.x, p.y, p.z);
  const cv::Matx33d K(cam.fx, 0, cam.cx, 0, cam.fy, cam.cy, 0, 0, 1);
  const cv::Vec3d zero(0, 0, 0);
  if (cam.type == CameraModelType::Fisheye) {
    const cv::Vec4d d(cam.dist[0], cam.dist[1], cam.dist[2], cam.dist[3]);
    cv::fisheye::projectPoints(r.points, r.pixels, zero, zero, K, d);
  } else {
    const cv::Mat d(1, 8, CV_64F, const_cast<double*>(cam.dist));
    cv::projectPoints(r.points, zero, zero, K, d, r.pixels);
  }
  return r;
}

class OpenCvParity : public testing::DeviceTest {};

// The float kernel on every device, against OpenCV in double, for points the lens can see.
TEST_P(OpenCvParity, DistortedModelsMatchOpenCV) {
  testing::RandomScene rng(400);
  for (CameraModelType type : {CameraModelType::BrownConrady, CameraModelType::Fisheye}) {
    for (int trial = 0; trial < 10; ++trial) {
      const CameraModeld cam = rng.camera(type);
      std::vector<float> records;
      std::vector<Vec3<double>> points_cam;
      for (int i = 0; i < 5000; ++i) {
        const Vec3<float> p = {static_cast<float>(rng.uniform(-40, 40)), static_cast<float>(rng.uniform(-20, 20)),
                               static_cast<float>(rng.uniform(0.5, 60))};
        records.insert(records.end(), {p.x, p.y, p.z});
        points_cam.push_back(p.cast<double>());
      }
      ProjectionBatch batch;
      batch.points = records.data();
      batch.sweep_offsets = {0, static_cast<int64_t>(points_cam.size())};
      batch.cameras = {cam.cast<float>()};
      batch.jobs = {{0, 0, Transform3f::identity()}};
      std::vector<ProjectedPoint> out;
      project_points(GetParam(), batch, out);
      const OpenCvResult cv_result = opencv_project(cam, points_cam);
      int compared = 0;
      for (size_t i = 0; i < points_cam.size(); ++i) {
        if (!out[i].in_image()) continue;
        EXPECT_NEAR(out[i].u, cv_result.pixels[i].x, 1e-3) << "model " << static_cast<int>(type) << " point " << i;
        EXPECT_NEAR(out[i].v, cv_result.pixels[i].y, 1e-3) << "model " << static_cast<int>(type) << " point " << i;
        ++compared;
      }
      EXPECT_GT(compared, 100);
    }
  }
}

FL_INSTANTIATE_DEVICE_TEST(OpenCvParity);

// The float64 body itself agrees with OpenCV to rounding, everywhere the lens is valid.
TEST(OpenCvParityDouble, ShareBodyInDoubleMatchesOpenCV) {
  testing::RandomScene rng(401);
  for (CameraModelType type : {CameraModelType::BrownConrady, CameraModelType::Fisheye}) {
    const CameraModeld cam = rng.camera(type);
    std::vector<Vec3<double>> points;
    for (int i = 0; i < 20000; ++i) points.push_back({rng.uniform(-40, 40), rng.uniform(-20, 20), rng.uniform(0.5, 60)});
    const OpenCvResult cv_result = opencv_project(cam, points);
    for (size_t i = 0; i < points.size(); ++i) {
      Vec2<double> uv;
      double depth;
      if (!project_point(cam, points[i], uv, depth)) continue;
      EXPECT_NEAR(uv.x, cv_result.pixels[i].x, 1e-6);
      EXPECT_NEAR(uv.y, cv_result.pixels[i].y, 1e-6);
    }
  }
}

}  // namespace
}  // namespace fuselabel
