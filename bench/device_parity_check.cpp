// Device-check only (scripts/device-check.sh): one 35M-point x 6-camera batch -- 7 sweeps of
// 5M points, 6 Brown-Conrady cameras, 200 cuboids per sweep -- through project_points,
// render_depth, points_in_boxes and box_visibility on the CPU and on CUDA (points resident in
// a workspace), compared bit for bit. Prints one line per op; exits 1 on any difference, and
// without a CUDA device (skipped, exit 0, unless FUSELABEL_REQUIRE_CUDA=1).
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>

#include "kernels/box_visibility.h"
#include "random_boxes.h"

namespace fuselabel {
namespace {

constexpr int kSweeps = 7, kPointsPerSweep = 5'000'000, kCameras = 6;

template <typename T, typename Same>
bool report(const char* what, const std::vector<T>& cpu, const std::vector<T>& gpu, Same same, double cpu_ms,
            double gpu_ms) {
  int64_t differ = cpu.size() == gpu.size() ? 0 : -1;
  for (size_t i = 0; differ >= 0 && i < cpu.size(); ++i) differ += !same(cpu[i], gpu[i]);
  std::printf("%-16s %12zu results  %10lld differ  cpu %8.1f ms  cuda %8.1f ms\n", what, cpu.size(),
              static_cast<long long>(differ), cpu_ms, gpu_ms);
  return differ == 0;
}

double ms_since(std::chrono::steady_clock::time_point t) {
  return std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t).count();
}

int run() {
  testing::RandomScene rng(35);
  std::vector<float> records;
  ProjectionBatch batch;
  batch.point_stride = 4;
  batch.sweep_offsets = {0};
  FrameCuboids cuboids;
  for (int s = 0; s < kSweeps; ++s) {
    const std::vector<float> sweep = rng.points(kPointsPerSweep, 4);
    records.insert(records.end(), sweep.begin(), sweep.end());
    batch.sweep_offsets.push_back(batch.sweep_offsets.back() + kPointsPerSweep);
    const std::vector<Cuboidd> boxes = testing::random_overlapping_cuboids(rng, 200, true);
    cuboids.boxes.insert(cuboids.boxes.end(), boxes.begin(), boxes.end());
    cuboids.offsets.push_back(static_cast<int64_t>(cuboids.boxes.size()));
  }
  for (int c = 0; c < kCameras; ++c) batch.cameras.push_back(rng.camera(CameraModelType::BrownConrady).cast<float>());
  for (int s = 0; s < kSweeps; ++s)
    for (int c = 0; c < kCameras; ++c) batch.jobs.push_back({s, c, rng.T_cam_lidar().cast<float>()});

  struct Results {
    std::vector<ProjectedPoint> points;
    std::vector<uint64_t> keys;
    PointsInBoxesResult members;
    std::vector<BoxVisibility> visibility;
    double ms[4];
  } r[2];
  for (int d = 0; d < 2; ++d) {
    Workspace ws(d == 0 ? Device::Cpu : Device::Cuda);
    ProjectionBatch resident = batch;
    const View<float> points = ws.upload("parity.points", records.data(), static_cast<int64_t>(records.size()));
    resident.points = points.data, resident.points_memory = points.memory;
    auto t = std::chrono::steady_clock::now();
    project_points(ws, resident, r[d].points);
    r[d].ms[0] = ms_since(t), t = std::chrono::steady_clock::now();
    const View<uint64_t> keys = render_depth(ws, resident, r[d].keys);
    r[d].ms[1] = ms_since(t), t = std::chrono::steady_clock::now();
    PointsInBoxesBatch boxes;
    boxes.points = points.data, boxes.points_memory = points.memory, boxes.point_stride = 4;
    boxes.point_offsets = batch.sweep_offsets, boxes.cuboids = cuboids, boxes.keep_members = true;
    points_in_boxes(ws, boxes, r[d].members);
    r[d].ms[2] = ms_since(t), t = std::chrono::steady_clock::now();
    box_visibility(ws, resident, keys, cuboids, r[d].members, r[d].visibility);
    r[d].ms[3] = ms_since(t);
    std::printf("%s: %lld uploads, %lld downloads\n", d == 0 ? "cpu" : "cuda",
                static_cast<long long>(ws.transfers().uploads), static_cast<long long>(ws.transfers().downloads));
  }
  bool ok = report("project_points", r[0].points, r[1].points, [](const ProjectedPoint& a, const ProjectedPoint& b) {
    return a.pixel == b.pixel && std::memcmp(&a, &b, sizeof a) == 0;
  }, r[0].ms[0], r[1].ms[0]);
  ok &= report("render_depth", r[0].keys, r[1].keys, [](uint64_t a, uint64_t b) { return a == b; }, r[0].ms[1], r[1].ms[1]);
  ok &= report("points_in_boxes", r[0].members.point_box, r[1].members.point_box, [](int32_t a, int32_t b) { return a == b; },
               r[0].ms[2], r[1].ms[2]);
  ok &= report("box_points", r[0].members.box_points, r[1].members.box_points, [](int32_t a, int32_t b) { return a == b; },
               r[0].ms[2], r[1].ms[2]);
  ok &= report("box_visibility", r[0].visibility, r[1].visibility, [](const BoxVisibility& a, const BoxVisibility& b) {
    return a.points == b.points && a.visible_points == b.visible_points;
  }, r[0].ms[3], r[1].ms[3]);
  return ok ? 0 : 1;
}

}  // namespace
}  // namespace fuselabel

int main() {
  if (!fuselabel::cuda_device_available()) {
    const char* required = std::getenv("FUSELABEL_REQUIRE_CUDA");
    std::printf("device_parity_check: no CUDA device (%s)\n", fuselabel::cuda_device_status().c_str());
    return required && std::strcmp(required, "1") == 0 ? 1 : 0;
  }
  return fuselabel::run();
}
