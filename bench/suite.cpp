#include "suite.h"

#include <algorithm>
#include <cmath>
#include <ctime>
#include <fstream>
#include <numeric>
#include <thread>

#include "bench_support.h"
#include "box_scene.h"
#include "kernels/cpu_parallel.h"
#include "kernels/points_in_boxes.h"
#include "kernels/project_points.h"
#include "kernels/project_records.h"
#include "peers.h"
#include "side_by_side.h"

namespace fuselabel::bench {
namespace {

constexpr int kStride = 4;  // x y z intensity

ProjectionBatch projection_batch(int64_t n) {
  ProjectionBatch batch;
  batch.points = sweep(n).data();
  batch.point_stride = kStride;
  batch.sweep_offsets = {0, n};
  batch.cameras = {brown_conrady_camera().cast<float>()};
  batch.jobs = {{0, 0, T_cam_lidar().cast<float>()}};
  return batch;
}

PointsInBoxesBatch box_batch(int64_t n, int cuboids) {
  PointsInBoxesBatch batch;
  batch.points = sweep(n).data();
  batch.point_stride = kStride;
  batch.point_offsets = {0, n};
  batch.cuboids.boxes = bench_cuboids(cuboids);
  batch.cuboids.offsets = {0, cuboids};
  return batch;
}

std::string printf_string(const char* format, double a, double b = 0, double c = 0) {
  char text[160];
  std::snprintf(text, sizeof text, format, a, b, c);
  return text;
}

// Largest |du| and |dv| over the points fuselabel puts in the image.
template <typename PeerU, typename PeerV>
std::string pixel_agreement(const std::vector<ProjectedPoint>& out, PeerU peer_u, PeerV peer_v) {
  double worst = 0;
  int64_t compared = 0;
  for (int64_t i = 0; i < static_cast<int64_t>(out.size()); ++i) {
    if (!out[i].in_image()) continue;
    worst = std::max({worst, std::abs(double{out[i].u} - peer_u(i)), std::abs(double{out[i].v} - peer_v(i))});
    ++compared;
  }
  return printf_string("max |du|, |dv| %.3g px over %.0f in-image points", worst, static_cast<double>(compared));
}

int64_t total_hits(const PointsInBoxesResult& r) {
  return std::accumulate(r.box_points.begin(), r.box_points.end(), int64_t{0});
}

struct Reporter {
  const SuiteOptions& options;
  const std::function<void(const SuiteResult&)>& on_result;
  std::vector<SuiteResult> results;

  void add(const char* name, Device device, double items, SideBySide t, const char* peer, std::string agreement) {
    SuiteResult r;
    r.name = name, r.device = device_name(device), r.threads = device == Device::Cpu ? options.threads : 0;
    r.items_per_s = items / t.self_seconds;
    if (peer) r.peer = peer, r.peer_items_per_s = items / t.peer_seconds;
    r.agreement = std::move(agreement);
    results.push_back(r);
    if (on_result) on_result(r);
  }
};

void cpu_rows(Reporter& rep) {
  const SuiteOptions& o = rep.options;
  const int64_t n = o.points;
  const float* points = sweep(n).data();
  set_cpu_threads(o.threads);
  Workspace ws(Device::Cpu);
  const ProjectionBatch projection = projection_batch(n);
  std::vector<ProjectedPoint> out;
  auto self = [&] { project_points(ws, projection, out); };

  CvProjectPoints cv(points, kStride, n, brown_conrady_camera(), T_cam_lidar());
  SideBySide t = time_side_by_side(
      self, [&] { cv.run(); }, o.min_time);
  rep.add("project_points", Device::Cpu, static_cast<double>(n), t, "cv::projectPoints",
          pixel_agreement(
              out, [&](int64_t i) { return cv.u(i); }, [&](int64_t i) { return cv.v(i); }));

  std::vector<ProjectedPoint> plain(n);
  const CameraModelf cam = projection.cameras[0];
  const Transform3f T = projection.jobs[0].T_cam_sweep;
  t = time_side_by_side(
      self, [&] { plain_loop_project(points, kStride, n, cam, T, plain.data()); }, o.min_time);
  int64_t pixel_differs = 0;
  for (int64_t i = 0; i < n; ++i) pixel_differs += out[i].pixel != plain[i].pixel;
  rep.add("project_points", Device::Cpu, static_cast<double>(n), t, "plain_loop",
          pixel_agreement(
              out, [&](int64_t i) { return plain[i].u; }, [&](int64_t i) { return plain[i].v; }) +
              printf_string(", %.0f points in another pixel", static_cast<double>(pixel_differs)));

  const PointsInBoxesBatch boxes = box_batch(n, o.cuboids);
  PointsInBoxesResult in_boxes;
  PclCropBoxLoop crop(points, kStride, n, boxes.cuboids.boxes);
  int64_t crop_hits = 0;
  t = time_side_by_side([&] { points_in_boxes(ws, boxes, in_boxes); }, [&] { crop_hits = crop.run(); }, o.min_time);
  rep.add("points_in_boxes", Device::Cpu, static_cast<double>(n), t, "pcl::CropBox",
          printf_string("cuboid hits %.0f vs %.0f", static_cast<double>(total_hits(in_boxes)),
                        static_cast<double>(crop_hits)));

  std::vector<uint64_t> keys;
  rep.add("render_depth", Device::Cpu, static_cast<double>(n),
          {time_alone([&] { render_depth(ws, projection, keys); }, o.min_time), 0}, nullptr, "");
  set_cpu_threads(0);
}

// The same ops on the GPU, points uploaded and results downloaded in every call; agreement is
// against the CPU backend's results.
void cuda_rows(Reporter& rep) {
  const SuiteOptions& o = rep.options;
  const int64_t n = o.points;
  Workspace cpu(Device::Cpu), gpu(Device::Cuda);
  const ProjectionBatch projection = projection_batch(n);
  std::vector<ProjectedPoint> want, got;
  project_points(cpu, projection, want);
  double t = time_alone([&] { project_points(gpu, projection, got); }, o.min_time);
  rep.add("project_points", Device::Cuda, static_cast<double>(n), {t, 0}, nullptr,
          pixel_agreement(
              got, [&](int64_t i) { return want[i].u; }, [&](int64_t i) { return want[i].v; }) +
              " (vs the CPU backend)");

  const PointsInBoxesBatch boxes = box_batch(n, o.cuboids);
  PointsInBoxesResult cpu_boxes, gpu_boxes;
  points_in_boxes(cpu, boxes, cpu_boxes);
  t = time_alone([&] { points_in_boxes(gpu, boxes, gpu_boxes); }, o.min_time);
  rep.add("points_in_boxes", Device::Cuda, static_cast<double>(n), {t, 0}, nullptr,
          gpu_boxes.point_box == cpu_boxes.point_box ? "every point's cuboid equals the CPU backend's"
                                                     : "points assigned differently from the CPU backend");

  std::vector<uint64_t> cpu_keys, gpu_keys;
  render_depth(cpu, projection, cpu_keys);
  t = time_alone([&] { render_depth(gpu, projection, gpu_keys); }, o.min_time);
  rep.add("render_depth", Device::Cuda, static_cast<double>(n), {t, 0}, nullptr,
          gpu_keys == cpu_keys ? "depth image equals the CPU backend's" : "depth image differs from the CPU backend's");
}

std::string cpu_model() {
  std::ifstream in("/proc/cpuinfo");
  for (std::string line; std::getline(in, line);)
    if (line.rfind("model name", 0) == 0 && line.find(':') != std::string::npos) return line.substr(line.find(':') + 2);
  return "unknown CPU";
}

std::string utc_now() {
  const std::time_t now = std::time(nullptr);
  std::tm utc{};
  gmtime_r(&now, &utc);
  char text[32];
  std::strftime(text, sizeof text, "%Y-%m-%dT%H:%M:%SZ", &utc);
  return text;
}

}  // namespace

std::vector<SuiteResult> run_suite(const SuiteOptions& options,
                                   const std::function<void(const SuiteResult&)>& on_result) {
  Reporter rep{options, on_result, {}};
  if (options.cpu) cpu_rows(rep);
  if (options.cuda) cuda_rows(rep);
  return rep.results;
}

nlohmann::json suite_report(const SuiteOptions& options, const std::vector<SuiteResult>& results) {
  nlohmann::json rows = nlohmann::json::array();
  for (const SuiteResult& r : results) {
    nlohmann::json row = {
        {"name", r.name},  {"device", r.device},          {"threads", r.threads}, {"items_per_s", r.items_per_s},
        {"peer", nullptr}, {"peer_items_per_s", nullptr}, {"ratio", nullptr},     {"agreement", r.agreement}};
    if (!r.peer.empty()) row["peer"] = r.peer, row["peer_items_per_s"] = r.peer_items_per_s, row["ratio"] = r.ratio();
    rows.push_back(row);
  }
  const std::string card = cuda_device_name();
  return {{"machine",
           {{"cpu", cpu_model()},
            {"logical_cores", std::thread::hardware_concurrency()},
            {"simd", project_records_target()}}},
          {"card", card.empty() ? nlohmann::json(nullptr) : nlohmann::json(card)},
          {"date", utc_now()},
          {"options",
           {{"threads", options.threads},
            {"points", options.points},
            {"cuboids", options.cuboids},
            {"min_time_s", options.min_time}}},
          {"results", rows}};
}

}  // namespace fuselabel::bench
