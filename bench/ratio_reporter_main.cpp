// The main of every benchmark program: console output plus peer ratios after the runs.
#include <benchmark/benchmark.h>

#include <cstdio>
#include <map>
#include <string>

namespace fuselabel::bench {
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
