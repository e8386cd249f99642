// The peer of points_in_boxes: pcl::CropBox (single-threaded), one filter per cuboid with the
// cuboid's pose, over the same points and cuboids.
#include <benchmark/benchmark.h>

#include "bench_support.h"
#include "box_scene.h"
#include "peers.h"

namespace fuselabel::bench {
namespace {

void pcl_CropBox_loop(benchmark::State& state) {
  const int64_t n = state.range(0);
  PclCropBoxLoop peer(sweep(n).data(), 4, n, bench_cuboids(static_cast<int>(state.range(1))));
  int64_t hits = 0;
  for (auto _ : state) benchmark::DoNotOptimize(hits = peer.run());
  state.SetItemsProcessed(state.iterations() * n);
  state.counters["hits"] = static_cast<double>(hits);
}

BENCHMARK(pcl_CropBox_loop)->Args({100000, 200})->Unit(benchmark::kMillisecond)->UseRealTime();

}  // namespace
}  // namespace fuselabel::bench
