// score_edge_candidates throughput, CPU (one core and all cores) and CUDA, on calibration_drift's
// per-frame batch: three camera views (1600 x 900 score maps) of 2,000 LiDAR edges each, scored
// at the 125 candidate rotations of its change detector. Reports edge projections/s as items
// and frames/s as a counter.
#include <benchmark/benchmark.h>

#include <cmath>

#include "bench_support.h"
#include "kernels/cpu_parallel.h"
#include "kernels/edge_scores.h"
#include "random_calibration.h"

namespace fuselabel::bench {
namespace {

struct EdgeScene {
  std::vector<std::vector<float>> maps;
  EdgeScoreBatch batch;
};

EdgeScene edge_scene(int views, int edges, int grid_side) {
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

void run_edge_scores(benchmark::State& state, Device device, int threads) {
  if (device == Device::Cuda && !cuda_device_available()) return state.SkipWithError("no CUDA device");
  set_cpu_threads(threads);
  const EdgeScene s = edge_scene(int(state.range(0)), int(state.range(1)), int(state.range(2)));
  Workspace ws(device);
  std::vector<double> out;
  score_edge_candidates(ws, s.batch, out);  // untimed first call: buffers, CUDA context
  for (auto _ : state) {
    score_edge_candidates(ws, s.batch, out);
    benchmark::DoNotOptimize(out.data());
  }
  const double projections = double(s.batch.edges.size() / 3) * double(s.batch.candidates.size());
  state.SetItemsProcessed(int64_t(state.iterations() * projections));
  state.counters["frames/s"] = benchmark::Counter(double(state.iterations()), benchmark::Counter::kIsRate);
  set_cpu_threads(0);
}

// Arguments: views, edges per view, candidate grid side (125 = 5^3).
BENCHMARK_CAPTURE(run_edge_scores, edge_scores_cpu_1core, Device::Cpu, 1)
    ->Args({3, 2000, 5})
    ->Unit(benchmark::kMillisecond)
    ->UseRealTime();
BENCHMARK_CAPTURE(run_edge_scores, edge_scores_cpu_all_cores, Device::Cpu, 0)
    ->Args({3, 2000, 5})
    ->Unit(benchmark::kMillisecond)
    ->UseRealTime();
BENCHMARK_CAPTURE(run_edge_scores, edge_scores_cuda_with_transfers, Device::Cuda, 0)
    ->Args({3, 2000, 5})
    ->Unit(benchmark::kMillisecond)
    ->UseRealTime();

}  // namespace
}  // namespace fuselabel::bench
