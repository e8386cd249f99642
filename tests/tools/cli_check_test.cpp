// `fuselabel check` and `fuselabel eval-checks` as a user runs them: the report, exit codes
// (0 clean, 1 errors left, 2 bad input), waivers, stable ids, and scores on injected errors.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include <set>

#include "test_support.h"
#include "tools/cli_support.h"

namespace fuselabel {
namespace {

namespace fs = std::filesystem;
using nlohmann::json;

const fs::path kDrive = testing::source_dir() / "data-samples/drive";

json read_json(const fs::path& file) { return json::parse(testing::read_text(file)); }

// The sample drive's true labels with the label-check corruption profile applied.
fs::path corrupted_labels(const fs::path& dir) {
  const fs::path out = dir / "corrupt";
  const auto run = testing::run_cli("corrupt --drive " + kDrive.string() + " --profile " +
                                    (testing::source_dir() / "data-samples/configs/corrupt-labels.yaml").string() +
                                    " --labels ground_truth --out " + out.string());
  EXPECT_EQ(run.exit_code, 0) << run.output;
  return out;
}

TEST(CliCheck, TrueLabelsPassWithAFullReport) {
  testing::TempDir dir;
  const auto run = testing::run_cli("check --drive " + kDrive.string() + " --labels ground_truth --out " +
                                    (dir.path() / "out").string());
  ASSERT_EQ(run.exit_code, 0) << run.output;
  const json report = read_json(dir.path() / "out/report.json");
  EXPECT_EQ(report["format"], "fuselabel-check-report");
  EXPECT_EQ(report["labels"]["source"], "ground_truth");
  EXPECT_EQ(report["profile"], "defaults");
  EXPECT_EQ(report["taxonomy_checked"], "fuselabel-sim-v1 1");
  EXPECT_EQ(report["motion_frame"], "world");
  EXPECT_EQ(report["summary"]["errors"], 0);
  EXPECT_EQ(report["summary"]["warnings"], 0);
  std::set<std::string> checks;
  for (const json& c : report["checks"]) {
    checks.insert(c["check"]);
    // Every check runs on this drive but the one that reads a prelabel output's report.
    EXPECT_EQ(c["ran"].get<bool>(), c["check"] != "propagation_drift") << c.dump();
  }
  for (const char* name : {"lidar_support", "unlabeled_object", "ground_contact", "radar_velocity", "propagation_drift",
                           "box_2d3d_mismatch", "class_mismatch", "missing_2d", "missing_3d", "track_size",
                           "track_motion", "track_identity", "box_overlap", "taxonomy", "radar_alignment",
                           "calibration_drift", "sensor_sync"})
    EXPECT_TRUE(checks.count(name)) << name;
  EXPECT_EQ(checks.size(), 17u);
  for (const json& f : report["flags"]) {
    EXPECT_EQ(f["severity"], "info") << f.dump();
    EXPECT_EQ(f["id"].get<std::string>().size(), 32u);
  }
}

TEST(CliCheck, ErrorsExitOneUntilWaivedAndIdsAreStable) {
  testing::TempDir dir;
  const fs::path labels = corrupted_labels(dir.path());
  const std::string base = "check --drive " + kDrive.string() + " --labels " + labels.string() + " --out ";
  auto run = testing::run_cli(base + (dir.path() / "a").string());
  ASSERT_EQ(run.exit_code, 1) << run.output;
  ASSERT_EQ(testing::run_cli(base + (dir.path() / "b").string()).exit_code, 1);
  const json a = read_json(dir.path() / "a/report.json"), b = read_json(dir.path() / "b/report.json");
  ASSERT_EQ(a["flags"].size(), b["flags"].size());
  for (size_t i = 0; i < a["flags"].size(); ++i) EXPECT_EQ(a["flags"][i]["id"], b["flags"][i]["id"]);
  // Ranked: every error before every warning before every info.
  int last = 0;
  for (const json& f : a["flags"]) {
    const int rank = f["severity"] == "error" ? 0 : f["severity"] == "warning" ? 1 : 2;
    EXPECT_GE(rank, last);
    last = rank;
  }
  // Waive every error flag: the run passes, and the report lists them.
  json waivers = {{"format", "fuselabel-waivers"}, {"version", 1}, {"waivers", json::array()}};
  size_t errors = 0;
  for (const json& f : a["flags"])
    if (f["severity"] == "error")
      ++errors, waivers["waivers"].push_back({{"flag", f["id"]}, {"by", "test"}, {"reason", "intended"}});
  ASSERT_GT(errors, 0u);
  waivers["waivers"].push_back({{"flag", std::string(32, '0')}, {"by", "test"}, {"reason", "fixed since"}});
  testing::write_text(dir.path() / "w.json", waivers.dump());
  run = testing::run_cli(base + (dir.path() / "c").string() + " --waivers " + (dir.path() / "w.json").string());
  ASSERT_EQ(run.exit_code, 0) << run.output;
  const json c = read_json(dir.path() / "c/report.json");
  EXPECT_EQ(c["waived"].size(), errors);
  EXPECT_EQ(c["summary"]["errors"], 0);
  ASSERT_EQ(c["unmatched_waivers"].size(), 1u);
  EXPECT_EQ(c["waived"][0]["waiver"]["by"], "test");
}

TEST(CliCheck, BadInputExitsTwoAndWritesNothing) {
  testing::TempDir dir;
  const fs::path out = dir.path() / "out";
  testing::write_text(dir.path() / "p.yaml", "checks:\n  track_size: {tolerance: 2}\n");
  auto run = testing::run_cli("check --drive " + kDrive.string() + " --out " + out.string() + " --profile " +
                              (dir.path() / "p.yaml").string());
  EXPECT_EQ(run.exit_code, 2) << run.output;
  EXPECT_NE(run.output.find("p.yaml"), std::string::npos) << run.output;
  EXPECT_NE(run.output.find("checks.track_size.tolerance"), std::string::npos) << run.output;
  EXPECT_FALSE(fs::exists(out));
  testing::write_text(dir.path() / "w.json", "{\"format\": \"fuselabel-waivers\", \"version\": 1, \"waivers\": [{}]}");
  run = testing::run_cli("check --drive " + kDrive.string() + " --out " + out.string() + " --waivers " +
                         (dir.path() / "w.json").string());
  EXPECT_EQ(run.exit_code, 2) << run.output;
  EXPECT_NE(run.output.find("waivers[0]"), std::string::npos) << run.output;
  EXPECT_FALSE(fs::exists(out));
  fs::create_directories(out);
  testing::write_text(out / "mine.txt", "keep");
  run = testing::run_cli("check --drive " + kDrive.string() + " --out " + out.string());
  EXPECT_EQ(run.exit_code, 2) << run.output;
  EXPECT_EQ(testing::read_text(out / "mine.txt"), "keep");
  run = testing::run_cli("check --drive " + kDrive.string() + " --out " + (dir.path() / "x").string() +
                         " --checks no_such");
  EXPECT_EQ(run.exit_code, 2) << run.output;
}

// The sample drive's LiDAR is sparse (a few points on a pedestrian), which limits missing_2d;
// docs/QUALITY.md has the figures on a full-resolution drive.
TEST(CliCheck, EvalChecksScoresInjectedErrors) {
  testing::TempDir dir;
  const fs::path labels = corrupted_labels(dir.path());
  const auto run =
      testing::run_cli("eval-checks --drive " + kDrive.string() + " --labels " + labels.string() + " --injected " +
                       (labels / "injected_errors.json").string() + " --out " + (dir.path() / "scores.json").string());
  ASSERT_EQ(run.exit_code, 0) << run.output;
  EXPECT_NE(run.output.find("precision"), std::string::npos) << run.output;
  const json scores = read_json(dir.path() / "scores.json");
  EXPECT_GE(scores["recall"].get<double>(), 0.85) << scores.dump(2);
  EXPECT_GE(scores["precision"].get<double>(), 0.9) << scores.dump(2);
  for (const char* type :
       {"box_shift", "box_lift", "yaw_flip", "size_change", "class_flip", "id_switch", "inconsistent_2d", "missing_3d"})
    EXPECT_GE(scores["by_type"][type]["recall"].get<double>(), 0.9) << type << " " << scores.dump(2);
}

}  // namespace
}  // namespace fuselabel
