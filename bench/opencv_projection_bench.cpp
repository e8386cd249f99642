// The peer: cv::projectPoints (single-threaded) on the same points and camera.
#include <benchmark/benchmark.h>

#include <opencv2/calib3d.hpp>

#include "bench_support.h"

namespace fuselabel::bench {
namespace {

void cv_projectPoints(benchmark::State& state) {
  const int64_t n = state.range(0);
  const std::vector<float>& records = sweep(n);
  std::vector<cv::Point3f> points(n);
  for (int64_t i = 0; i < n; ++i) points[i] = {records[4 * i], records[4 * i + 1], records[4 * i + 2]};
  const CameraModeld cam = brown_conrady_camera();
  const Transform3d T = T_cam_lidar();
  const cv::Matx33d R(T.R.m[0], T.R.m[1], T.R.m[2], T.R.m[3], T.R.m[4], T.R.m[5], T.R.m[6], T.R.m[7], T.R.m[8]);
  cv::Vec3d rvec;
  cv::Rodrigues(R, rvec);
  const cv::Vec3d tvec(T.t.x, T.t.y, T.t.z);
  const cv::Matx33d K(cam.fx, 0, cam.cx, 0, cam.fy, cam.cy, 0, 0, 1);
  const cv::Mat dist(1, 5, CV_64F, const_cast<double*>(cam.dist));
  std::vector<cv::Point2f> pixels;
  for (auto _ : state) {
    cv::projectPoints(points, rvec, tvec, K, dist, pixels);
    benchmark::DoNotOptimize(pixels.data());
  }
  state.SetItemsProcessed(state.iterations() * n);
}

BENCHMARK(cv_projectPoints)->Args({100000, 1})->Args({1000000, 1})->Unit(benchmark::kMillisecond)->UseRealTime();

}  // namespace
}  // namespace fuselabel::bench
