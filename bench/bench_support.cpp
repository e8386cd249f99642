#include "bench_support.h"

#include <benchmark/benchmark.h>

#include <cstdio>
#include <map>
#include <memory>
#include <string>

#include "random_calibration.h"

namespace fuselabel::bench {

const std::vector<float>& sweep(int64_t n) {
  static std::map<int64_t, std::vector<float>> cache;
  auto it = cache.find(n);
  if (it == cache.end()) it = cache.emplace(n, testing::RandomScene(42).points(static_cast<int>(n), 4)).first;
  return it->second;
}

CameraModeld brown_conrady_camera() {
  CameraModeld cam;
  cam.type = CameraModelType::BrownConrady;
  cam.width = 1920, cam.height = 1080, cam.fx = cam.fy = 1000, cam.cx = 960, cam.cy = 540;
  const double d[5] = {-0.3, 0.1, 1e-4, -2e-4, -0.02};
  for (int i = 0; i < 5; ++i) cam.dist[i] = d[i];
  cam.max_radius2 = lens_validity_radius2(cam);
  return cam;
}

Transform3d T_cam_lidar() { return {{{0, -1, 0, 0, 0, -1, 1, 0, 0}}, {0.1, -0.2, -0.3}}; }

namespace {

// Console output as usual, plus "A / B" throughput ratios for benchmarks that name a peer:
// a benchmark "X/peer:Y/..." is compared with "Y/..." run with the same arguments. With
// --benchmark_repetitions only the mean and median aggregates are compared (a ratio of standard
// deviations means nothing).
class RatioReporter : public benchmark::ConsoleReporter {
 public:
  void ReportRuns(const std::vector<Run>& runs) override {
    ConsoleReporter::ReportRuns(runs);
    for (const Run& run : runs) {
      if (run.run_type == Run::RT_Aggregate && run.aggregate_name != "mean" && run.aggregate_name != "median") continue;
      auto it = run.counters.find("items_per_second");
      if (it != run.counters.end()) rates_[run.benchmark_name()] = it->second.value;
    }
  }
  void Finalize() override {
    ConsoleReporter::Finalize();
    std::printf("\nPeer ratios (items/s of fuselabel over items/s of the peer, same points, same run):\n");
    for (const auto& [name, rate] : rates_) {
      const auto peer_pos = name.find("/peer:");
      if (peer_pos == std::string::npos) continue;
      const std::string rest = name.substr(peer_pos + 6);
      const std::string peer = rest.substr(0, rest.find('/'));
      const std::string args = rest.find('/') == std::string::npos ? "" : rest.substr(rest.find('/'));
      const auto peer_rate = rates_.find(peer + args);
      if (peer_rate == rates_.end()) continue;
      std::printf("  %-60s %8.2fx  (%.3g vs %.3g points/s)\n", name.c_str(), rate / peer_rate->second, rate,
                  peer_rate->second);
    }
  }

 private:
  std::map<std::string, double> rates_;
};

}  // namespace
}  // namespace fuselabel::bench

int main(int argc, char** argv) {
  benchmark::Initialize(&argc, argv);
  if (benchmark::ReportUnrecognizedArguments(argc, argv)) return 1;
  fuselabel::bench::RatioReporter reporter;
  benchmark::RunSpecifiedBenchmarks(&reporter);
  benchmark::Shutdown();
  return 0;
}
