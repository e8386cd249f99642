#pragma once
// calibration_drift's per-frame batch for the edge-score benchmarks: `views` camera views
// (1600 x 900 Brown-Conrady, random score maps) of `edges` LiDAR edges each, and a grid_side^3
// grid of candidate rotations 0.15 deg apart. Fixed seed.
#include <cmath>
#include <vector>

#include "bench_support.h"
#include "kernels/edge_scores.h"
#include "random_calibration.h"

namespace fuselabel::bench {

struct EdgeScene {
  std::vector<std::vector<float>> maps;
  EdgeScoreBatch batch;
};

inline EdgeScene edge_scene(int views, int edges, int grid_side) {
  testing::RandomScene rng(29);
  EdgeScene s;
  CameraModeld cam = brown_conrady_camera();
  cam.width = 1600, cam.height = 900, cam.cx = 799.5, cam.cy = 449.5;
  s.batch.cameras = {cam.cast<float>()};
  for (int v = 0; v < views; ++v) {
    std::vector<float> map(size_t(cam.width) * cam.height);
    for (float& m : map) m = float(rng.uniform(0, 1.25));
    std::vector<Vec3<double>> view_edges;
    for (int i = 0; i < edges; ++i)
      view_edges.push_back({rng.uniform(-20, 20), rng.uniform(-3, 3), rng.uniform(4, 60)});
    s.batch.add_view(0, view_edges, map.data());
    s.maps.push_back(std::move(map));
  }
  const double step = 0.15 * 3.141592653589793 / 180;
  for (int i = 0; i < grid_side; ++i)
    for (int j = 0; j < grid_side; ++j)
      for (int k = 0; k < grid_side; ++k) {
        const double h = (grid_side - 1) / 2.0;
        const Vec3<double> r = {(i - h) * step, (j - h) * step, (k - h) * step};
        const double angle = std::sqrt(dot(r, r));
        const Quat<double> q =
            angle > 0 ? Quat<double>::from_axis_angle((1 / angle) * r, angle) : Quat<double>{1, 0, 0, 0};
        s.batch.candidates.push_back(Transform3d::from_rotation_translation(q, {0, 0, 0}).cast<float>());
      }
  return s;
}

}  // namespace fuselabel::bench
