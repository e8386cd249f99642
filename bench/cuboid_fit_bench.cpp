// cuboid_fit throughput, CPU (one core and all cores) and CUDA, on a prelabel-sized batch: jobs
// (one cuboid in one frame) with the points around each and a grid of candidate offsets.
// Reports candidate-points/s as items and candidates/s (job x candidate pairs) as a counter.
#include <benchmark/benchmark.h>

#include <cmath>

#include "bench_support.h"
#include "kernels/cpu_parallel.h"
#include "kernels/cuboid_fit.h"
#include "random_boxes.h"

namespace fuselabel::bench {
namespace {

struct FitScene {
  std::vector<float> records;  // x y z t intensity
  CuboidFitBatch batch;
};

// `jobs` cuboids with `points` records around each (the box grown by 40%, times in a 0.1 s
// sweep, moving objects) and a 10 x 10 x 10 grid of offsets (+-0.45 m, +-9 degrees): ~1000
// candidates for candidates = 1000.
FitScene fit_scene(int jobs, int points, int candidates) {
  testing::RandomScene rng(77);
  FitScene s;
  CuboidFitBatch& b = s.batch;
  b.point_stride = 5, b.time_field = 3;
  for (const Cuboidd& box : testing::random_overlapping_cuboids(rng, jobs, false)) {
    CuboidFitJob job{box, {rng.uniform(-10, 10), rng.uniform(-10, 10), 0}, static_cast<int64_t>(s.records.size() / 5), 0};
    const Mat3<double> R = box.rotation.to_matrix();
    for (int i = 0; i < points; ++i) {
      const double t = rng.uniform(0, 0.1);
      const Vec3<double> p = R * Vec3<double>{rng.uniform(-0.7, 0.7) * box.size.x, rng.uniform(-0.7, 0.7) * box.size.y,
                                              rng.uniform(-0.6, 0.6) * box.size.z} + box.center + t * job.velocity;
      s.records.insert(s.records.end(), {float(p.x), float(p.y), float(p.z), float(t), 0.5f});
    }
    job.point_end = static_cast<int64_t>(s.records.size() / 5);
    b.jobs.push_back(job);
  }
  const int side = static_cast<int>(std::round(std::cbrt(candidates)));
  for (int i = 0; i < side; ++i)
    for (int j = 0; j < side; ++j)
      for (int k = 0; k < side; ++k) {
        auto at = [&](int n, double range) { return float(side > 1 ? range * (2.0 * n / (side - 1) - 1) : 0); };
        b.candidates.push_back({at(i, 0.45), at(j, 0.45), at(k, 0.157)});
      }
  b.points = s.records.data();
  return s;
}

// One workspace for all iterations; resident: the points uploaded once before timing.
void run_cuboid_fit(benchmark::State& state, Device device, int threads, bool resident = false) {
  if (device == Device::Cuda && !cuda_device_available()) return state.SkipWithError("no CUDA device");
  set_cpu_threads(threads);
  FitScene s = fit_scene(static_cast<int>(state.range(0)), static_cast<int>(state.range(1)),
                         static_cast<int>(state.range(2)));
  Workspace ws(device);
  if (resident) {
    const View<float> points = ws.upload("bench.points", s.records.data(), static_cast<int64_t>(s.records.size()));
    s.batch.points = points.data, s.batch.points_memory = points.memory;
  }
  std::vector<CuboidFitResult> out;
  cuboid_fit(ws, s.batch, out);  // untimed first call: buffers, CUDA context
  for (auto _ : state) {
    cuboid_fit(ws, s.batch, out);
    benchmark::DoNotOptimize(out.data());
  }
  const double pairs = static_cast<double>(s.batch.jobs.size()) * static_cast<double>(s.batch.candidates.size());
  state.SetItemsProcessed(static_cast<int64_t>(state.iterations() * pairs * state.range(1)));
  state.counters["candidates/s"] = benchmark::Counter(state.iterations() * pairs, benchmark::Counter::kIsRate);
  set_cpu_threads(0);
}

// Arguments: jobs, points per job, candidates.
BENCHMARK_CAPTURE(run_cuboid_fit, cuboid_fit_cpu_1core, Device::Cpu, 1)
    ->Args({200, 500, 1000})->Unit(benchmark::kMillisecond)->UseRealTime();
BENCHMARK_CAPTURE(run_cuboid_fit, cuboid_fit_cpu_all_cores, Device::Cpu, 0)
    ->Args({200, 500, 1000})->Unit(benchmark::kMillisecond)->UseRealTime();
BENCHMARK_CAPTURE(run_cuboid_fit, cuboid_fit_cuda_with_transfers, Device::Cuda, 0)
    ->Args({200, 500, 1000})->Args({5000, 500, 1000})->Unit(benchmark::kMillisecond)->UseRealTime();
BENCHMARK_CAPTURE(run_cuboid_fit, cuboid_fit_cuda_resident, Device::Cuda, 0, true)
    ->Args({5000, 500, 1000})->Unit(benchmark::kMillisecond)->UseRealTime();

}  // namespace
}  // namespace fuselabel::bench
