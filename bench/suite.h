#pragma once
// `fuselabel bench`: fuselabel's kernels and the peers a user would otherwise call, measured side
// by side in one run on the same data (bench_support.h's sweep and camera, box_scene.h's
// cuboids), with how far their results agree.
#include <cstdint>
#include <functional>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

namespace fuselabel::bench {

struct SuiteOptions {
  int threads = 1;  // fuselabel's CPU threads, 0 = all cores (the peers run on one thread)
  int64_t points = 1000000;
  int cuboids = 200;
  double min_time = 0.5;  // seconds of timed calls per side of each comparison
  bool cpu = true, cuda = false;
};

struct SuiteResult {
  std::string name;        // the op: project_points, points_in_boxes, render_depth
  std::string device;      // cpu, cuda
  int threads = 1;         // as asked (0 = all cores)
  double items_per_s = 0;  // points (x cameras) per second
  std::string peer;        // empty: measured alone
  double peer_items_per_s = 0;
  std::string agreement;  // fuselabel's result against the peer's, in words
  double ratio() const { return peer.empty() ? 0 : items_per_s / peer_items_per_s; }
};

// Runs every comparison the options ask for, calling on_result after each.
std::vector<SuiteResult> run_suite(const SuiteOptions& options,
                                   const std::function<void(const SuiteResult&)>& on_result);

// {"machine", "card", "date", "options", "results": [{"name", "device", "threads", "items_per_s",
// "peer", "peer_items_per_s", "ratio", "agreement"}]}; peer fields are null for ops measured alone.
nlohmann::json suite_report(const SuiteOptions& options, const std::vector<SuiteResult>& results);

}  // namespace fuselabel::bench
