// info, project and inspect on every drive layout, end to end through the program: nuScenes
// and native drives written by the io test fixtures, KITTI tracking from ../shared/data.
#include <gtest/gtest.h>

#include <fstream>
#include <iterator>

#include "io/native/native_drive_fixture.h"
#include "io/nuscenes/nuscenes_fixture.h"
#include "cli_support.h"
#include "test_support.h"

namespace fuselabel {
namespace {

namespace fs = std::filesystem;

std::pair<int, std::string> run(const std::string& args) {
  const testing::CliRun r = testing::run_cli(args);
  return {r.exit_code, r.output};
}

TEST(CliDatasets, NuscenesInfoProjectInspect) {
  const testing::TempDir scratch;
  testing::NuscenesFixture fixture;
  fixture.root = scratch.path() / "nuscenes";
  testing::write_nuscenes_fixture(fixture);
  const std::string drive = "--drive " + fixture.root.string() + " --version v1.0-mini --scene scene-0061";
  auto [code, out] = run("info --json " + drive);
  ASSERT_EQ(code, 0) << out;
  EXPECT_NE(out.find("\"format\": \"nuscenes\""), std::string::npos) << out;
  std::tie(code, out) = run("project " + drive + " --frame 0 --device cpu --out " + (scratch.path() / "p").string());
  ASSERT_EQ(code, 0) << out;
  EXPECT_EQ(testing::read_text(scratch.path() / "p/CAM_FRONT_points.csv").rfind("point_index,u,v,depth\n", 0), 0u);
  EXPECT_TRUE(fs::exists(scratch.path() / "p/CAM_BACK_depth.png"));
  EXPECT_TRUE(fs::exists(scratch.path() / "p/CAM_FRONT_RADAR_FRONT_radar.csv"));
  std::tie(code, out) = run("inspect " + drive + " --frame 0 --device cpu --out " + (scratch.path() / "i").string());
  ASSERT_EQ(code, 0) << out;
  EXPECT_NE(testing::read_text(scratch.path() / "i/boxes.json").find("\"label_frame\": \"world\""), std::string::npos);
  std::tie(code, out) = run("info --drive " + fixture.root.string() + " --version v1.0-mini");
  EXPECT_EQ(code, 2) << out;  // no scene chosen: the error lists them
  EXPECT_NE(out.find("scene-0103"), std::string::npos) << out;
}

TEST(CliDatasets, NativeDriveInfoProjectInspect) {
  const testing::TempDir scratch;
  const fs::path root = scratch.path() / "native";
  testing::write_sample_drive(root);
  auto [code, out] = run("info --json --drive " + root.string());
  ASSERT_EQ(code, 0) << out;
  EXPECT_NE(out.find("\"format\": \"native\""), std::string::npos) << out;
  std::tie(code, out) = run("project --drive " + root.string() + " --frame 1 --out " + (scratch.path() / "p").string());
  ASSERT_EQ(code, 0) << out;
  std::tie(code, out) = run("inspect --drive " + root.string() + " --frame 1 --out " + (scratch.path() / "i").string());
  ASSERT_EQ(code, 0) << out;
  EXPECT_NE(testing::read_text(scratch.path() / "i/boxes.json").find("\"num_lidar_pts\""), std::string::npos);
  std::tie(code, out) = run("info --drive " + root.string() + " --labels no_such_set");
  EXPECT_EQ(code, 2) << out;
}

TEST(CliDatasets, KittiTrackingInfoReportsTracksAndFrames) {
  FL_REQUIRE_SHARED_DATA("kitti-tracking/training");
  const auto [code, out] =
      run("info --json --drive " + testing::shared_data("kitti-tracking/training").string() + " --sequence 0000");
  ASSERT_EQ(code, 0) << out;
  EXPECT_NE(out.find("\"format\": \"kitti-tracking\""), std::string::npos);
  EXPECT_NE(out.find("\"frames\": 154"), std::string::npos) << out.substr(0, 400);
  EXPECT_NE(out.find("\"tracks\": 15"), std::string::npos);
}

}  // namespace
}  // namespace fuselabel
