// Progress of prelabel and check on stderr: JSON lines per stage (first at 0, last at total,
// done never decreasing), the bar with its rate and ETA, and nothing at all with --quiet.
#include <gtest/gtest.h>

#include <map>
#include <nlohmann/json.hpp>
#include <sstream>

#include "cli_support.h"
#include "test_support.h"

namespace fuselabel {
namespace {

namespace fs = std::filesystem;
const fs::path kDrive = testing::source_dir() / "data-samples/drive";

// stderr only (stdout goes to /dev/null).
std::string run_stderr(const std::string& args, int& exit_code) {
  const testing::CliRun run = testing::run_shell("{ " + std::string(FUSELABEL_CLI) + " " + args + " 2>&1 >/dev/null; }");
  exit_code = run.exit_code;
  return run.output;
}

void expect_json_stages(const std::string& output, const std::vector<std::string>& stages) {
  std::map<std::string, std::vector<nlohmann::json>> by_stage;
  std::istringstream lines(output);
  for (std::string line; std::getline(lines, line);) {
    const nlohmann::json j = nlohmann::json::parse(line);  // every line is one JSON object
    by_stage[j.at("progress").get<std::string>()].push_back(j);
  }
  ASSERT_EQ(by_stage.size(), stages.size()) << output;
  for (const std::string& stage : stages) {
    const std::vector<nlohmann::json>& updates = by_stage[stage];
    ASSERT_GE(updates.size(), 2u) << stage << ": " << output;
    EXPECT_EQ(updates.front()["done"], 0) << stage;
    EXPECT_TRUE(updates.front()["eta_s"].is_null());
    EXPECT_EQ(updates.back()["done"], updates.back()["total"]) << stage;
    EXPECT_GT(updates.back()["total"].get<int64_t>(), 0) << stage;
    EXPECT_GT(updates.back()["rate_per_s"].get<double>(), 0) << stage;
    for (size_t k = 1; k < updates.size(); ++k) EXPECT_GE(updates[k]["done"], updates[k - 1]["done"]) << stage;
  }
}

TEST(CliProgress, JsonLinesForEveryStageOfPrelabelAndCheck) {
  testing::TempDir dir;
  int code = -1;
  const std::string prelabel = run_stderr(
      "prelabel --drive " + kDrive.string() + " --labels keyframes --out " + (dir / "pl").string() + " --progress json",
      code);
  ASSERT_EQ(code, 0) << prelabel;
  expect_json_stages(prelabel, {"refine", "inspect"});
  const std::string check = run_stderr("check --drive " + kDrive.string() + " --labels " + (dir / "pl").string() +
                                           " --out " + (dir / "ck").string() + " --evidence 0 --progress json",
                                       code);
  ASSERT_LE(code, 1) << check;  // 1: error flags remain
  expect_json_stages(check, {"checks"});
}

TEST(CliProgress, BarShowsRateAndEtaAndQuietPrintsNothing) {
  testing::TempDir dir;
  int code = -1;
  const std::string bar = run_stderr(
      "prelabel --drive " + kDrive.string() + " --labels keyframes --out " + (dir / "a").string() + " --progress bar",
      code);
  ASSERT_EQ(code, 0) << bar;
  EXPECT_NE(bar.find("\rrefine"), std::string::npos) << bar;
  EXPECT_NE(bar.find("/s, ETA "), std::string::npos) << bar;
  EXPECT_NE(bar.find("45/45 frames"), std::string::npos) << bar;  // the inspect stage ends at the drive's frames
  // Not a terminal: auto shows nothing; --quiet also drops the summary on stdout.
  EXPECT_EQ(
      run_stderr("prelabel --drive " + kDrive.string() + " --labels keyframes --out " + (dir / "b").string(), code),
      "");
  const testing::CliRun quiet = testing::run_cli("prelabel --drive " + kDrive.string() + " --labels keyframes --out " +
                                                 (dir / "c").string() + " --quiet");
  EXPECT_EQ(quiet.exit_code, 0);
  EXPECT_EQ(quiet.output, "");
  EXPECT_TRUE(fs::exists(dir / "c" / "prelabel_report.json"));
  const testing::CliRun bad = testing::run_cli("prelabel --drive " + kDrive.string() + " --labels keyframes --out " +
                                               (dir / "d").string() + " --progress loud");
  EXPECT_EQ(bad.exit_code, 2) << bad.output;
}

}  // namespace
}  // namespace fuselabel
