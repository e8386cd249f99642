// score_edge_candidates throughput, CPU (one core and all cores) and CUDA, on calibration_drift's
// per-frame batch: three camera views (1600 x 900 score maps) of 2,000 LiDAR edges each, scored
// at the 125 candidate rotations of its change detector. Reports edge projections/s as items
// and frames/s as a counter.
#include <benchmark/benchmark.h>

#include "bench_support.h"
#include "edge_scene.h"
#include "kernels/cpu_parallel.h"
#include "kernels/edge_scores.h"

namespace fuselabel::bench {
namespace {

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
// clang-format off
BENCHMARK_CAPTURE(run_edge_scores, edge_scores_cpu_1core/peer:cv_projectPoints_bilinear, Device::Cpu, 1)
    ->Args({3, 2000, 5})->Unit(benchmark::kMillisecond)->UseRealTime();
BENCHMARK_CAPTURE(run_edge_scores, edge_scores_cpu_all_cores/peer:cv_projectPoints_bilinear, Device::Cpu, 0)
    ->Args({3, 2000, 5})->Unit(benchmark::kMillisecond)->UseRealTime();
BENCHMARK_CAPTURE(run_edge_scores, edge_scores_cuda_with_transfers/peer:cv_projectPoints_bilinear, Device::Cuda, 0)
    ->Args({3, 2000, 5})->Unit(benchmark::kMillisecond)->UseRealTime();
// clang-format on

}  // namespace
}  // namespace fuselabel::bench
