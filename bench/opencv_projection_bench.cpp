// The peer: cv::projectPoints (single-threaded) on the same points and camera.
#include <benchmark/benchmark.h>

#include "bench_support.h"
#include "peers.h"

namespace fuselabel::bench {
namespace {

void cv_projectPoints(benchmark::State& state) {
  const int64_t n = state.range(0);
  CvProjectPoints peer(sweep(n).data(), 4, n, brown_conrady_camera(), T_cam_lidar());
  for (auto _ : state) peer.run();
  state.SetItemsProcessed(state.iterations() * n);
}

BENCHMARK(cv_projectPoints)->Args({100000, 1})->Args({1000000, 1})->Unit(benchmark::kMillisecond)->UseRealTime();

}  // namespace
}  // namespace fuselabel::bench
