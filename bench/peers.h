#pragma once
// The peers fuselabel is measured beside, in the Google Benchmarks and in `fuselabel bench`: what
// a user would otherwise call, each set up once (outside any timing) and then run many times on
// the same points, camera and cuboids as fuselabel.
#include <cstdint>
#include <memory>
#include <vector>

#include "kernels/project_points.h"
#include "projection/cuboid.h"

namespace fuselabel::bench {

// cv::projectPoints (one thread) of the records' x y z into a Brown–Conrady camera.
class CvProjectPoints {
 public:
  CvProjectPoints(const float* records, int stride, int64_t n, const CameraModeld& cam,
                  const Transform3d& T_cam_points);
  ~CvProjectPoints();
  void run();
  // Pixel (u, v) of point i after the last run.
  float u(int64_t i) const;
  float v(int64_t i) const;

 private:
  struct State;
  std::unique_ptr<State> state_;
};

// One pcl::CropBox per cuboid over the same cloud (one thread). run() returns the summed number of
// points inside, cuboid by cuboid (points_in_boxes' summed box counts).
class PclCropBoxLoop {
 public:
  PclCropBoxLoop(const float* records, int stride, int64_t n, const std::vector<Cuboidd>& cuboids);
  ~PclCropBoxLoop();
  int64_t run();

 private:
  struct State;
  std::unique_ptr<State> state_;
};

// The loop a user would write by hand: the same Brown–Conrady projection (near plane, lens
// limit, distortion, pixel test) in plain float32, branch-free so the compiler may vectorise it,
// compiled for AVX-512, AVX2 and baseline x86-64 with the best clone chosen at load time
// (GCC target_clones): "a plain loop compiled for the machine".
void plain_loop_project(const float* records, int stride, int64_t n, const CameraModelf& cam,
                        const Transform3f& T_cam_points, ProjectedPoint* out);

}  // namespace fuselabel::bench
