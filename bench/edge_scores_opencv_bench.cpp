// The peer of score_edge_candidates: per view and candidate, cv::projectPoints of the edges
// (single-threaded, the candidate composed into rvec/tvec) and a bilinear read of the score map,
// as an OpenCV-based edge-alignment tool would score a candidate.
#include <benchmark/benchmark.h>

#include <opencv2/calib3d.hpp>

#include "edge_scene.h"
#include "kernels/edge_scores_impl.h"

namespace fuselabel::bench {
namespace {

void cv_projectPoints_bilinear(benchmark::State& state) {
  const EdgeScene s = edge_scene(int(state.range(0)), int(state.range(1)), int(state.range(2)));
  const EdgeScoreBatch& b = s.batch;
  const CameraModelf& cam = b.cameras[0];
  const cv::Matx33d K(cam.fx, 0, cam.cx, 0, cam.fy, cam.cy, 0, 0, 1);
  std::vector<double> dist(cam.dist, cam.dist + 5);
  std::vector<std::vector<cv::Point3f>> points(size_t(b.views()));
  for (int64_t v = 0; v < b.views(); ++v)
    for (int64_t i = b.edge_offsets[v]; i < b.edge_offsets[v + 1]; ++i)
      points[size_t(v)].push_back({b.edges[3 * i], b.edges[3 * i + 1], b.edges[3 * i + 2]});
  std::vector<cv::Vec3d> rvecs, tvecs;
  for (const Transform3f& T : b.candidates) {
    const Mat3<float>& R = T.R;
    cv::Vec3d r;
    cv::Rodrigues(cv::Matx33d(R.m[0], R.m[1], R.m[2], R.m[3], R.m[4], R.m[5], R.m[6], R.m[7], R.m[8]), r);
    rvecs.push_back(r), tvecs.push_back({T.t.x, T.t.y, T.t.z});
  }
  std::vector<cv::Point2f> pixels;
  std::vector<double> out(size_t(b.views()) * b.candidates.size());
  for (auto _ : state) {
    for (int64_t v = 0; v < b.views(); ++v)
      for (size_t c = 0; c < b.candidates.size(); ++c) {
        cv::projectPoints(points[size_t(v)], rvecs[c], tvecs[c], K, dist, pixels);
        double sum = 0;
        const float* map = b.maps.data() + b.map_offsets[v];
        for (size_t i = 0; i < pixels.size(); ++i)
          if (points[size_t(v)][i].z > 0) sum += bilinear_score(map, cam.width, cam.height, pixels[i].x, pixels[i].y);
        out[size_t(v) * b.candidates.size() + c] = sum / double(pixels.size());
      }
    benchmark::DoNotOptimize(out.data());
  }
  state.SetItemsProcessed(int64_t(state.iterations() * double(b.edges.size() / 3) * double(b.candidates.size())));
}

BENCHMARK(cv_projectPoints_bilinear)->Args({3, 2000, 5})->Unit(benchmark::kMillisecond)->UseRealTime();

}  // namespace
}  // namespace fuselabel::bench
