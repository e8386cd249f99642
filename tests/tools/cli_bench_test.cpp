// fuselabel bench: every CPU comparison in the JSON report (schema, ratios, results that agree
// with the peers'), the GPU rows when a device is present, and usage errors.
#include <gtest/gtest.h>

#include <cstdio>
#include <nlohmann/json.hpp>
#include <set>

#include "cli_support.h"
#include "kernels/device.h"
#include "test_support.h"

namespace fuselabel {
namespace {

using testing::run_cli;

nlohmann::json run_bench(const testing::TempDir& dir, const std::string& device) {
  const auto json = dir / "bench.json";
  const testing::CliRun run =
      run_cli("bench --device " + device + " --points 20000 --cuboids 40 --min-time 0.02 --json " + json.string());
  EXPECT_EQ(run.exit_code, 0) << run.output;
  EXPECT_NE(run.output.find("points_in_boxes"), std::string::npos) << run.output;  // the table
  return nlohmann::json::parse(testing::read_text(json));
}

// The number after `key` in an agreement text ("max |du|, |dv| 0.000244 px ...").
double number_after(const std::string& text, const std::string& key) {
  const size_t at = text.find(key);
  EXPECT_NE(at, std::string::npos) << "'" << key << "' in '" << text << "'";
  return at == std::string::npos ? 1e30 : std::stod(text.substr(at + key.size()));
}

TEST(CliBench, CpuRowsCompareEveryOpWithItsPeerAndAgree) {
  testing::TempDir dir;
  const nlohmann::json report = run_bench(dir, "cpu");
  ASSERT_TRUE(report.contains("machine") && report["machine"].contains("simd")) << report.dump();
  EXPECT_TRUE(report.contains("card") && report.contains("date"));
  EXPECT_EQ(report["date"].get<std::string>().size(), 20u);  // 2026-12-04T14:38:37Z
  std::set<std::string> peers;
  for (const nlohmann::json& row : report["results"]) {
    SCOPED_TRACE(row.dump());
    EXPECT_EQ(row["device"], "cpu");
    EXPECT_EQ(row["threads"], 1);
    EXPECT_GT(row["items_per_s"].get<double>(), 0);
    if (row["peer"].is_null()) {
      EXPECT_TRUE(row["ratio"].is_null());
      continue;
    }
    peers.insert(row["peer"].get<std::string>());
    EXPECT_NEAR(row["ratio"].get<double>(), row["items_per_s"].get<double>() / row["peer_items_per_s"].get<double>(),
                1e-9 * row["ratio"].get<double>());
    const std::string agreement = row["agreement"];
    if (row["name"] == "points_in_boxes") {
      const double ours = number_after(agreement, "cuboid hits "), theirs = number_after(agreement, " vs ");
      EXPECT_GT(ours, 0);
      EXPECT_EQ(ours, theirs);  // CropBox's inclusive bounds are points_in_boxes'
    } else {
      EXPECT_LT(number_after(agreement, "max |du|, |dv| "), 0.01);
      EXPECT_GT(number_after(agreement, " px over "), 1000);
    }
  }
  EXPECT_EQ(peers, (std::set<std::string>{"cv::projectPoints", "plain_loop", "pcl::CropBox"}));
  EXPECT_EQ(report["results"].size(), 4u);  // and render_depth, measured alone
}

TEST(CliBench, GpuRowsEqualTheCpuBackendWhenADeviceIsPresent) {
  FL_REQUIRE_CUDA_OR_SKIP();
  testing::TempDir dir;
  const nlohmann::json report = run_bench(dir, "cuda");
  EXPECT_FALSE(report["card"].is_null());
  ASSERT_EQ(report["results"].size(), 3u);
  for (const nlohmann::json& row : report["results"]) {
    EXPECT_EQ(row["device"], "cuda");
    EXPECT_EQ(row["agreement"].get<std::string>().find("differ"), std::string::npos) << row.dump();
  }
}

TEST(CliBench, UsageErrorsExitTwoAndWriteNothing) {
  testing::TempDir dir;
  const auto json = dir / "bench.json";
  for (const std::string& args : std::vector<std::string>{"--threads -1", "--points 10", "--cuboids 0", "--min-time 0",
                                                          "--device tpu", "--json ''"}) {
    const bool names_json = args.find("--json") != std::string::npos;
    const testing::CliRun run = run_cli("bench " + args + (names_json ? "" : " --json " + json.string()));
    EXPECT_EQ(run.exit_code, 2) << args << ": " << run.output;
    EXPECT_NE(run.output.find("usage"), std::string::npos) << run.output;
  }
  EXPECT_FALSE(std::filesystem::exists(json));
  if (!cuda_device_available()) {
    const testing::CliRun run = run_cli("bench --device cuda --json " + json.string());
    EXPECT_NE(run.exit_code, 0);
    EXPECT_NE(run.output.find("no usable CUDA device"), std::string::npos) << run.output;
    EXPECT_FALSE(std::filesystem::exists(json));
  }
}

}  // namespace
}  // namespace fuselabel
