// The label checks on real KITTI tracking labels (../shared/data, labels + calib only; skipped
// when absent), pooled over sequences 0000-0010 as docs/QUALITY.md reports them: the clean
// labels raise error flags on under 1% of cuboids, and the same labels corrupted with
// data-samples/configs/corrupt-kitti.yaml have every error type found at >= 0.9 recall at the
// error's track and frame.
#include <gtest/gtest.h>

#include <map>
#include <nlohmann/json.hpp>
#include <set>

#include "test_support.h"
#include "tools/cli_support.h"

namespace fuselabel {
namespace {

namespace fs = std::filesystem;
using nlohmann::json;

const char* kTracking = "kitti-tracking/training";

TEST(CliCheckKittiTracking, CleanLabelsAreQuietAndInjectedErrorsAreFound) {
  FL_REQUIRE_SHARED_DATA(kTracking);
  const std::string root = testing::shared_data(kTracking).string();
  const std::string profile = (testing::source_dir() / "data-samples/configs/corrupt-kitti.yaml").string();
  testing::TempDir dir;
  int64_t cuboids = 0, flagged = 0;
  std::map<std::string, std::pair<int64_t, int64_t>> by_type;  // injected, found
  for (int s = 0; s <= 10; ++s) {
    char sequence[8];
    std::snprintf(sequence, sizeof sequence, "%04d", s);
    const std::string drive = "--drive " + root + " --sequence " + sequence;
    const fs::path clean = dir.path() / ("clean" + std::string(sequence)),
                   corrupt = dir.path() / ("corrupt" + std::string(sequence));
    const auto checked = testing::run_cli("check " + drive + " --out " + clean.string());
    ASSERT_TRUE(checked.exit_code == 0 || checked.exit_code == 1) << checked.output;
    const json report = json::parse(testing::read_text(clean / "report.json"));
    EXPECT_EQ(report["motion_frame"], "estimated_world");
    cuboids += report["labels"]["cuboids"].get<int64_t>();
    std::set<std::pair<std::string, int64_t>> cells;
    for (const json& f : report["flags"])
      if (f["severity"] == "error") cells.emplace(f["track_id"].get<std::string>(), f["frame_index"].get<int64_t>());
    flagged += int64_t(cells.size());
    ASSERT_EQ(testing::run_cli("corrupt " + drive + " --profile " + profile + " --out " + corrupt.string()).exit_code,
              0);
    const auto scored =
        testing::run_cli("eval-checks " + drive + " --labels " + corrupt.string() + " --injected " +
                         (corrupt / "injected_errors.json").string() + " --out " + (corrupt.string() + ".json"));
    ASSERT_EQ(scored.exit_code, 0) << scored.output;
    const json scores = json::parse(testing::read_text(corrupt.string() + ".json"));
    for (const auto& [type, v] : scores["by_type"].items()) {
      by_type[type].first += v["injected"].get<int64_t>();
      by_type[type].second += v["found"].get<int64_t>();
    }
  }
  EXPECT_GT(cuboids, 15000);
  EXPECT_LT(double(flagged), 0.01 * double(cuboids)) << flagged << " of " << cuboids;
  EXPECT_EQ(by_type.size(), 7u);
  for (const auto& [type, counts] : by_type) {
    EXPECT_GE(counts.first, 20) << type;
    EXPECT_GE(double(counts.second), 0.9 * double(counts.first))
        << type << ": " << counts.second << " of " << counts.first;
  }
}

// KITTI object labels have no tracks: each 2D box is compared with the cuboid its line holds.
TEST(CliCheckKittiObject, Frame000008IsQuiet) {
  FL_REQUIRE_SHARED_DATA("kitti-object/training");
  testing::TempDir dir;
  const auto run = testing::run_cli("check --drive " + testing::shared_data("kitti-object/training").string() +
                                    " --out " + (dir.path() / "out").string());
  ASSERT_EQ(run.exit_code, 0) << run.output;
  const json report = json::parse(testing::read_text(dir.path() / "out/report.json"));
  EXPECT_EQ(report["summary"]["errors"], 0);
  EXPECT_EQ(report["summary"]["warnings"], 0);
  for (const json& c : report["checks"]) {
    if (c["check"] == "box_2d3d_mismatch" || c["check"] == "missing_3d" || c["check"] == "lidar_support") {
      EXPECT_TRUE(c["ran"].get<bool>()) << c.dump();
    }
  }
}

}  // namespace
}  // namespace fuselabel
