// fuselabel bench [--device auto|cpu|cuda|all] [--threads N] [--points N] [--cuboids N]
//                 [--min-time S] [--json OUT]: fuselabel's kernels beside their peers, one run.
#include <cstdio>
#include <memory>
#include <string>

#include "io/common/atomic_file.h"
#include "kernels/device.h"
#include "suite.h"
#include "tools/cli_validators.h"
#include "tools/commands.h"

namespace fuselabel::cli {
namespace {

struct BenchCommandOptions {
  bench::SuiteOptions suite;
  std::string device = "auto";
  std::string json;
};

void print_row(const bench::SuiteResult& r) {
  std::printf("%-16s %-5s %7d %11.1f  ", r.name.c_str(), r.device.c_str(), r.threads, r.items_per_s / 1e6);
  if (r.peer.empty())
    std::printf("%-18s %10s %8s", "-", "-", "-");
  else
    std::printf("%-18s %10.2f %7.2fx", r.peer.c_str(), r.peer_items_per_s / 1e6, r.ratio());
  std::printf("  %s\n", r.agreement.c_str());
  std::fflush(stdout);
}

}  // namespace

void add_bench_command(CLI::App& app) {
  CLI::App* cmd = app.add_subcommand(
      "bench", "Measure the kernels beside the libraries a user would otherwise call, on the same data, with ratios");
  auto opt = std::make_shared<BenchCommandOptions>();
  cmd->add_option("--device", opt->device, "cpu, cuda, all (both) or auto (the CPU, and the GPU when one is usable)")
      ->check(CLI::IsMember({"auto", "cpu", "cuda", "all"}));
  cmd->add_option("--threads", opt->suite.threads, "fuselabel's CPU threads, 0 = all cores (peers use one)")
      ->check(integer_in(0, 4096));
  cmd->add_option("--points", opt->suite.points, "Points per measurement (one sweep of x y z intensity)")
      ->check(integer_in(1000, 200000000));
  cmd->add_option("--cuboids", opt->suite.cuboids, "Cuboids for points_in_boxes")->check(integer_in(1, 100000));
  cmd->add_option("--min-time", opt->suite.min_time, "Seconds of timed calls per side of each comparison")
      ->check(CLI::Range(0.001, 600.0));
  cmd->add_option("--json", opt->json, "Also write the results as JSON here (atomically)")->check(kNonEmpty);
  cmd->callback([opt] {
    bench::SuiteOptions suite = opt->suite;
    suite.cpu = opt->device != "cuda";
    suite.cuda =
        opt->device == "all" ? parse_device("cuda") == Device::Cuda : parse_device(opt->device) == Device::Cuda;
    const std::string card = cuda_device_name();
    std::printf("fuselabel bench: %lld points, %d cuboids, card: %s\n", static_cast<long long>(suite.points),
                suite.cuboids, card.empty() ? "none" : card.c_str());
    std::printf("%-16s %-5s %7s %11s  %-18s %10s %8s  %s\n", "op", "dev", "threads", "M items/s", "peer", "peer M/s",
                "ratio", "agreement");
    const std::vector<bench::SuiteResult> results = bench::run_suite(suite, print_row);
    if (!opt->json.empty()) write_file_atomic(opt->json, bench::suite_report(suite, results).dump(2) + "\n");
  });
}

}  // namespace fuselabel::cli
