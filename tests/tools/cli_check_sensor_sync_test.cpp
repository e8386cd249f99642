// `fuselabel check` on a copy of the sample drive whose camera index repeats one row and
// reorders two: check opens the drive keeping the timing faults (a strict reader refuses it), the
// sensor_sync check reports each as an error naming the index file and line, and the whole run
// (every check, evidence pictures) completes with exit 1.
#include <gtest/gtest.h>

#include <map>
#include <nlohmann/json.hpp>
#include <sstream>

#include "test_support.h"
#include "tools/cli_support.h"

namespace fuselabel {
namespace {

namespace fs = std::filesystem;
using nlohmann::json;

TEST(CliCheckSensorSync, RepeatedAndReorderedCameraRowsAreErrorsInTheReport) {
  testing::TempDir dir;
  const fs::path drive = dir / "drive";
  fs::copy(testing::source_dir() / "data-samples/drive", drive, fs::copy_options::recursive);
  const fs::path index = drive / "sensors/CAM_FRONT_LEFT/index.csv";
  std::vector<std::string> lines;
  std::istringstream in(testing::read_text(index));
  for (std::string line; std::getline(in, line);) lines.push_back(line);
  ASSERT_GT(lines.size(), 40u);
  std::swap(lines[30], lines[31]);
  lines.insert(lines.begin() + 11, lines[10]);  // line 12 repeats line 11; line 33 goes back behind line 32
  std::string text;
  for (const std::string& line : lines) text += line + "\n";
  testing::write_text(index, text);

  const auto strict = testing::run_cli("info --drive " + drive.string());
  EXPECT_EQ(strict.exit_code, 2) << strict.output;  // every other command refuses the drive
  EXPECT_NE(strict.output.find("line 12, column timestamp_us"), std::string::npos) << strict.output;

  const fs::path out = dir / "out";
  const auto run = testing::run_cli("check --drive " + drive.string() + " --labels ground_truth --out " + out.string());
  ASSERT_EQ(run.exit_code, 1) << run.output;
  EXPECT_NE(run.output.find("CAM_FRONT_LEFT (camera): 53 samples"), std::string::npos) << run.output;
  const json report = json::parse(testing::read_text(out / "report.json"));
  std::vector<json> sync;
  for (const json& f : report["flags"])
    if (f["check"] == "sensor_sync") sync.push_back(f);
  ASSERT_EQ(sync.size(), 2u) << report["flags"].dump(1);
  std::map<std::string, json> by_kind;
  for (const json& f : sync) by_kind[f["kind"]] = f;
  ASSERT_TRUE(by_kind.count("duplicate_timestamp") && by_kind.count("out_of_order_timestamp"));
  for (const auto& [kind, f] : by_kind) {
    EXPECT_EQ(f["severity"], "error");
    EXPECT_EQ(f["sensor"], "CAM_FRONT_LEFT");
    EXPECT_EQ(f["track_id"], "");
    EXPECT_NE(f["message"].get<std::string>().find("sensors/CAM_FRONT_LEFT/index.csv"), std::string::npos);
  }
  EXPECT_NE(by_kind["duplicate_timestamp"]["message"].get<std::string>().find("line 12,"), std::string::npos);
  EXPECT_NE(by_kind["out_of_order_timestamp"]["message"].get<std::string>().find("line 33,"), std::string::npos);
  EXPECT_EQ(by_kind["duplicate_timestamp"]["timestamp_us"].get<int64_t>(), std::stoll(lines[10]));
  EXPECT_EQ(by_kind["out_of_order_timestamp"]["timestamp_us"].get<int64_t>(), std::stoll(lines[32]));
  for (const json& c : report["checks"])
    if (c["check"] == "sensor_sync") {
      EXPECT_EQ(c["errors"], 2);
      EXPECT_EQ(c["notes"].size(), 6u);
    }
}

}  // namespace
}  // namespace fuselabel
