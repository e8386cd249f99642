// The peer a user would write by hand (plain_loop_project, compiled for this very machine);
// fuselabel's own code, built for any x86-64, must come close to it through run-time dispatch.
#include <benchmark/benchmark.h>

#include "bench_support.h"
#include "peers.h"

namespace fuselabel::bench {
namespace {

void plain_loop_native(benchmark::State& state) {
  const int64_t n = state.range(0);
  std::vector<ProjectedPoint> out(n);
  for (auto _ : state) {
    plain_loop_project(sweep(n).data(), 4, n, brown_conrady_camera().cast<float>(), T_cam_lidar().cast<float>(),
                       out.data());
    benchmark::DoNotOptimize(out.data());
    benchmark::ClobberMemory();
  }
  state.SetItemsProcessed(state.iterations() * n);
}

BENCHMARK(plain_loop_native)->Args({100000, 1})->Args({1000000, 1})->Unit(benchmark::kMillisecond)->UseRealTime();

}  // namespace
}  // namespace fuselabel::bench
