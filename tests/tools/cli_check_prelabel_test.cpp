// `fuselabel check` on a prelabel output folder: propagation_drift reads its prelabel_report.json
// (the frames prelabel asks to re-key, fits that degrade), and a broken report is bad input.
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

class CheckPrelabelled : public ::testing::Test {
 protected:
  void SetUp() override {
    const auto run =
        testing::run_cli("prelabel --drive " + kDrive.string() + " --labels keyframes --out " + prelabelled().string());
    ASSERT_EQ(run.exit_code, 0) << run.output;
    report_ = json::parse(testing::read_text(prelabelled() / "prelabel_report.json"));
  }
  fs::path prelabelled() const { return dir_.path() / "prelabel"; }
  json check(const std::string& name, int expected_exit) const {
    const auto run =
        testing::run_cli("check --drive " + kDrive.string() + " --labels " + prelabelled().string() +
                         " --checks propagation_drift --evidence 0 --out " + (dir_.path() / name).string());
    EXPECT_EQ(run.exit_code, expected_exit) << run.output;
    return expected_exit == 2 ? json(run.output) : json::parse(testing::read_text(dir_.path() / name / "report.json"));
  }
  void rewrite_report() const { testing::write_text(prelabelled() / "prelabel_report.json", report_.dump(1)); }

  testing::TempDir dir_;
  json report_;
};

TEST_F(CheckPrelabelled, FramesPrelabelAsksToReKeyAreErrors) {
  std::set<std::pair<std::string, std::string>> expected, found;
  for (const json& t : report_["tracks"])
    for (const json& f : t["flagged_frames"]) expected.emplace(t["track_id"].get<std::string>(), f.get<std::string>());
  ASSERT_FALSE(expected.empty()) << "the sample's keyframes leave frames to re-key";
  const json out = check("a", 1);
  for (const json& f : out["flags"]) {
    EXPECT_EQ(f["check"], "propagation_drift");
    if (f["kind"] == "support_collapsed")
      found.emplace(f["track_id"].get<std::string>(), f["frame"].get<std::string>());
  }
  EXPECT_EQ(found, expected);
}

TEST_F(CheckPrelabelled, AFitThatCollapsesIsDegraded) {
  // An interpolated cuboid of a well-supported track whose fit falls to a tenth.
  for (json& t : report_["tracks"]) {
    if (!t["flagged_frames"].empty()) continue;
    for (json& f : t["frames"]) {
      if (f["source"] != "interpolated" || !f.contains("lidar_points") || f["lidar_points"].get<int>() < 30) continue;
      f["fit_score"] = f["fit_score"].get<double>() / 10;
      rewrite_report();
      const json out = check("b", 1);
      bool flagged = false;
      for (const json& g : out["flags"])
        flagged |= g["kind"] == "fit_degraded" && g["track_id"] == t["track_id"] && g["frame"] == f["frame"] &&
                   g["severity"] == "error";
      EXPECT_TRUE(flagged) << t["track_id"] << "@" << f["frame"] << "\n" << out["flags"].dump(1);
      return;
    }
  }
  FAIL() << "no interpolated cuboid with 30 points";
}

TEST_F(CheckPrelabelled, ABrokenReportNamesTheFileAndField) {
  report_["tracks"][1]["frames"][2]["source"] = "guessed";
  rewrite_report();
  std::string message = check("c", 2);
  EXPECT_NE(message.find("prelabel_report.json"), std::string::npos) << message;
  EXPECT_NE(message.find("tracks[1].frames[2].source"), std::string::npos) << message;
  report_["tracks"][1]["frames"][2]["source"] = "keyframe";
  report_["tracks"][0]["frames"][0]["frame"] = "no-such-frame";
  rewrite_report();
  message = check("d", 2);
  EXPECT_NE(message.find("tracks[0].frames[0].frame"), std::string::npos) << message;
  EXPECT_FALSE(fs::exists(dir_.path() / "d")) << "nothing written for a failed run";
}

}  // namespace
}  // namespace fuselabel
