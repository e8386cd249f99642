// project_points and render_depth throughput, CPU (one core and all cores) and CUDA: with the
// points uploaded every call, and resident in the workspace. Outputs are downloaded in both.
#include <benchmark/benchmark.h>

#include "bench_support.h"
#include "kernels/cpu_parallel.h"
#include "kernels/project_points.h"

namespace fuselabel::bench {
namespace {

// `cameras` copies of the Brown–Conrady camera, one sweep of n points into each.
ProjectionBatch make_batch(int64_t n, int cameras) {
  ProjectionBatch batch;
  batch.points = sweep(n).data();
  batch.point_stride = 4;
  batch.sweep_offsets = {0, n};
  for (int c = 0; c < cameras; ++c) {
    batch.cameras.push_back(brown_conrady_camera().cast<float>());
    batch.jobs.push_back({0, c, T_cam_lidar().cast<float>()});
  }
  return batch;
}

// One workspace for all iterations (no allocation after the first). Resident: the points are
// uploaded once before timing, as a caller asking several questions of a sweep does.
ProjectionBatch workspace_batch(Workspace& ws, int64_t n, int cameras, bool resident) {
  ProjectionBatch batch = make_batch(n, cameras);
  if (!resident) return batch;
  const View<float> points = ws.upload("bench.points", batch.points, n * batch.point_stride);
  batch.points = points.data, batch.points_memory = points.memory;
  return batch;
}

void run_projection(benchmark::State& state, Device device, int threads, bool resident = false) {
  if (device == Device::Cuda && !cuda_device_available()) return state.SkipWithError("no CUDA device");
  set_cpu_threads(threads);
  const int cameras = static_cast<int>(state.range(1));
  Workspace ws(device);
  const ProjectionBatch batch = workspace_batch(ws, state.range(0), cameras, resident);
  std::vector<ProjectedPoint> out;
  project_points(ws, batch, out);  // untimed first call: buffers, CUDA context
  for (auto _ : state) {
    project_points(ws, batch, out);
    benchmark::DoNotOptimize(out.data());
  }
  state.SetItemsProcessed(state.iterations() * state.range(0) * cameras);
  set_cpu_threads(0);
}

void run_depth(benchmark::State& state, Device device, bool resident = false) {
  if (device == Device::Cuda && !cuda_device_available()) return state.SkipWithError("no CUDA device");
  const int cameras = static_cast<int>(state.range(1));
  Workspace ws(device);
  const ProjectionBatch batch = workspace_batch(ws, state.range(0), cameras, resident);
  std::vector<uint64_t> keys;
  render_depth(ws, batch, keys);
  for (auto _ : state) {
    render_depth(ws, batch, keys);
    benchmark::DoNotOptimize(keys.data());
  }
  state.SetItemsProcessed(state.iterations() * state.range(0) * cameras);
}

// Arguments: points, cameras. The one-core CPU run is compared with cv::projectPoints and with
// a plain loop compiled for this machine (plain_loop_projection_bench.cpp).
BENCHMARK_CAPTURE(run_projection, project_points_cpu_1core/peer:cv_projectPoints, Device::Cpu, 1)
    ->Args({100000, 1})->Args({1000000, 1})->Unit(benchmark::kMillisecond)->UseRealTime();
BENCHMARK_CAPTURE(run_projection, project_points_cpu_1core/peer:plain_loop_native, Device::Cpu, 1)
    ->Args({100000, 1})->Args({1000000, 1})->Unit(benchmark::kMillisecond)->UseRealTime();
BENCHMARK_CAPTURE(run_projection, project_points_cpu_all_cores, Device::Cpu, 0)
    ->Args({1000000, 1})->Args({1000000, 6})->Unit(benchmark::kMillisecond)->UseRealTime();
BENCHMARK_CAPTURE(run_projection, project_points_cuda_with_transfers, Device::Cuda, 0)
    ->Args({1000000, 6})->Args({35000000, 6})->Unit(benchmark::kMillisecond)->UseRealTime();
BENCHMARK_CAPTURE(run_projection, project_points_cuda_resident, Device::Cuda, 0, true)
    ->Args({35000000, 6})->Unit(benchmark::kMillisecond)->UseRealTime();
BENCHMARK_CAPTURE(run_depth, render_depth_cpu_all_cores, Device::Cpu)
    ->Args({1000000, 6})->Unit(benchmark::kMillisecond)->UseRealTime();
BENCHMARK_CAPTURE(run_depth, render_depth_cuda_with_transfers, Device::Cuda)
    ->Args({35000000, 6})->Unit(benchmark::kMillisecond)->UseRealTime();
BENCHMARK_CAPTURE(run_depth, render_depth_cuda_resident, Device::Cuda, true)
    ->Args({35000000, 6})->Unit(benchmark::kMillisecond)->UseRealTime();

}  // namespace
}  // namespace fuselabel::bench
