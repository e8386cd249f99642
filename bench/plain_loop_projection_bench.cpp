// The peer a user would write by hand (plain_loop_project, compiled for this very machine);
// fuselabel's own code, built for any x86-64, must come close to it through run-time dispatch.
#include <benchmark/benchmark.h>

#include "bench_support.h"
#include "peers.h"

namespace fuselabel::bench {
namespace {

void plain_loop_native(benchmark::State& state) {
  const int64_t n = state.range(0);
  const float* points = sweep(n).data();
  const CameraModelf cam = brown_conrady_camera().cast<float>();
  const Transform3f T = T_cam_lidar().cast<float>();
  std::vector<ProjectedPoint> out(n);
  for (auto _ : state) {  // the loop alone: inputs are set up outside, as for fuselabel
    plain_loop_project(points, 4, n, cam, T, out.data());
    benchmark::DoNotOptimize(out.data());
    benchmark::ClobberMemory();
  }
  state.SetItemsProcessed(state.iterations() * n);
}

BENCHMARK(plain_loop_native)->Args({100000, 1})->Args({1000000, 1})->Unit(benchmark::kMillisecond)->UseRealTime();

}  // namespace
}  // namespace fuselabel::bench
