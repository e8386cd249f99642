// The peer a user would write by hand: one plain float32 loop of the same Brown–Conrady
// projection (near plane, lens limit, distortion, pixel test), compiled with -O3 -march=native
// (bench/CMakeLists.txt) so the compiler may vectorise it for this very machine. fuselabel's
// binary, built for any x86-64, must come close to it through run-time dispatch.
#include <benchmark/benchmark.h>

#include <algorithm>

#include "bench_support.h"
#include "kernels/project_points.h"

namespace fuselabel::bench {
namespace {

void plain_loop_native(benchmark::State& state) {
  const int64_t n = state.range(0);
  const float* records = sweep(n).data();
  const CameraModelf cam = brown_conrady_camera().cast<float>();
  const Transform3f T = T_cam_lidar().cast<float>();
  const float* R = T.R.m;
  const float k1 = cam.dist[0], k2 = cam.dist[1], p1 = cam.dist[2], p2 = cam.dist[3], k3 = cam.dist[4];
  const float width = static_cast<float>(cam.width), height = static_cast<float>(cam.height);
  std::vector<ProjectedPoint> out(n);
  ProjectedPoint* o = out.data();
  for (auto _ : state) {
    for (int64_t i = 0; i < n; ++i) {
      const float* p = records + 4 * i;
      const float x = R[0] * p[0] + R[1] * p[1] + R[2] * p[2] + T.t.x;
      const float y = R[3] * p[0] + R[4] * p[1] + R[5] * p[2] + T.t.y;
      const float z = R[6] * p[0] + R[7] * p[1] + R[8] * p[2] + T.t.z;
      const float xn = x / z, yn = y / z, r2 = xn * xn + yn * yn;
      const float radial = 1 + r2 * (k1 + r2 * (k2 + r2 * k3));
      const float xd = xn * radial + 2 * p1 * xn * yn + p2 * (r2 + 2 * xn * xn);
      const float yd = yn * radial + p1 * (r2 + 2 * yn * yn) + 2 * p2 * xn * yn;
      const float u = cam.fx * xd + cam.cx, v = cam.fy * yd + cam.cy;
      // Branch-free, so that the compiler vectorises it: bitwise tests, clamped conversions.
      const bool projects = (z > cam.near_plane) & (r2 <= cam.max_radius2);
      const float a = u + 0.5f, b = v + 0.5f;
      const bool inside = projects & (a >= 0) & (b >= 0) & (a < width) & (b < height);
      const int32_t col = static_cast<int32_t>(std::min(std::max(a, 0.f), width - 1));
      const int32_t row = static_cast<int32_t>(std::min(std::max(b, 0.f), height - 1));
      o[i].u = projects ? u : 0;
      o[i].v = projects ? v : 0;
      o[i].depth = projects ? z : 0;
      o[i].pixel = inside ? row * cam.width + col : -1;
    }
    benchmark::DoNotOptimize(o);
    benchmark::ClobberMemory();
  }
  state.SetItemsProcessed(state.iterations() * n);
}

BENCHMARK(plain_loop_native)->Args({100000, 1})->Args({1000000, 1})->Unit(benchmark::kMillisecond)->UseRealTime();

}  // namespace
}  // namespace fuselabel::bench
