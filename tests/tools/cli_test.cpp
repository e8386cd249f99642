// The fuselabel program end to end: outputs of `project` and `info`, and one clear message with
// a non-zero exit for each kind of bad input.
#include <gtest/gtest.h>

#include <cstdio>
#include <fstream>
#include <opencv2/imgcodecs.hpp>
#include <sstream>

#include "io/common/staged_folder.h"
#include "cli_support.h"
#include "test_support.h"

namespace fuselabel {
namespace {

namespace fs = std::filesystem;

using testing::read_text;
using testing::run_cli;

class CliTest : public ::testing::Test {
 protected:

  // A writable copy of the real KITTI frame, to corrupt.
  fs::path copy_kitti_object() {
    const fs::path copy = dir_ / "training";
    fs::copy(testing::shared_data("kitti-object/training"), copy, fs::copy_options::recursive);
    for (const auto& entry : fs::recursive_directory_iterator(copy))
      fs::permissions(entry.path(), fs::perms::owner_write, fs::perm_options::add);
    return copy;
  }

  testing::TempDir scratch_;
  const fs::path& dir_ = scratch_.path();
};

TEST_F(CliTest, ProjectWritesPointsDepthAndOverlay) {
  FL_REQUIRE_SHARED_DATA("kitti-object/training");
  const fs::path out = dir_ / "out";
  const testing::CliRun r = run_cli("project --drive " + testing::shared_data("kitti-object/training").string() +
                              " --frame 000008 --out " + out.string() + " --device cpu");
  ASSERT_EQ(r.exit_code, 0) << r.output;
  const std::string csv = read_text(out / "image_2_points.csv");
  ASSERT_EQ(csv.substr(0, csv.find('\n')), "point_index,u,v,depth");
  const int64_t rows = std::count(csv.begin(), csv.end(), '\n') - 1;
  EXPECT_GT(rows, 17000);
  EXPECT_NE(r.output.find(std::to_string(rows) + " points in image"), std::string::npos) << r.output;
  const cv::Mat depth = cv::imread((out / "image_2_depth.png").string(), cv::IMREAD_UNCHANGED);
  ASSERT_EQ(depth.type(), CV_16UC1);
  EXPECT_EQ(depth.cols, 1242);
  EXPECT_EQ(depth.rows, 375);
  EXPECT_GT(cv::countNonZero(depth), 15000);
  const cv::Mat overlay = cv::imread((out / "image_2_overlay.jpg").string());
  EXPECT_EQ(overlay.cols, 1242);
  // No temporary files left behind.
  for (const auto& entry : fs::directory_iterator(out))
    EXPECT_EQ(entry.path().string().find(".tmp"), std::string::npos) << entry.path();
}

TEST_F(CliTest, InfoReportsSensorsFramesAndLabelsAsJson) {
  FL_REQUIRE_SHARED_DATA("kitti-object/training");
  const testing::CliRun r = run_cli("info --json --drive " + testing::shared_data("kitti-object/training").string());
  ASSERT_EQ(r.exit_code, 0) << r.output;
  EXPECT_NE(r.output.find("\"format\": \"kitti-object\""), std::string::npos) << r.output;
  EXPECT_NE(r.output.find("\"Car\": 6"), std::string::npos) << r.output;
  EXPECT_NE(r.output.find("\"frames\": 1"), std::string::npos) << r.output;
}

TEST_F(CliTest, MissingCalibrationKeyIsOneClearError) {
  FL_REQUIRE_SHARED_DATA("kitti-object/training");
  const fs::path drive = copy_kitti_object();
  const fs::path calib = drive / "calib/000008.txt";
  std::string text = read_text(calib);
  const size_t start = text.find("Tr_velo_to_cam");
  text.erase(start, text.find('\n', start) - start + 1);
  testing::write_text(calib, text);
  const fs::path out = dir_ / "out";
  const testing::CliRun r = run_cli("project --drive " + drive.string() + " --frame 000008 --out " + out.string());
  EXPECT_EQ(r.exit_code, 2) << r.output;
  EXPECT_NE(r.output.find("calib/000008.txt"), std::string::npos) << r.output;
  EXPECT_NE(r.output.find("Tr_velo_to_cam"), std::string::npos) << r.output;
  EXPECT_FALSE(fs::exists(out / "image_2_points.csv"));  // nothing half-done written
}

TEST_F(CliTest, TruncatedPointFileIsOneClearError) {
  FL_REQUIRE_SHARED_DATA("kitti-object/training");
  const fs::path drive = copy_kitti_object();
  const fs::path bin = drive / "velodyne/000008.bin";
  fs::resize_file(bin, fs::file_size(bin) - 6);
  const testing::CliRun r = run_cli("project --drive " + drive.string() + " --frame 000008 --out " + (dir_ / "o").string());
  EXPECT_EQ(r.exit_code, 2) << r.output;
  EXPECT_NE(r.output.find("velodyne/000008.bin"), std::string::npos) << r.output;
  EXPECT_NE(r.output.find("truncated"), std::string::npos) << r.output;
}

TEST_F(CliTest, MalformedLabelLineNamesFileAndLine) {
  FL_REQUIRE_SHARED_DATA("kitti-object/training");
  const fs::path drive = copy_kitti_object();
  std::ofstream(drive / "label_2/000008.txt", std::ios::app) << "Car 0.00 0 1.0 1 2 3\n";
  const testing::CliRun r = run_cli("info --drive " + drive.string());
  EXPECT_EQ(r.exit_code, 2) << r.output;
  EXPECT_NE(r.output.find("label_2/000008.txt"), std::string::npos) << r.output;
  EXPECT_NE(r.output.find("line 11"), std::string::npos) << r.output;
}

TEST_F(CliTest, UnknownFrameAndUnknownDriveAreErrors) {
  FL_REQUIRE_SHARED_DATA("kitti-object/training");
  testing::CliRun r = run_cli("project --drive " + testing::shared_data("kitti-object/training").string() +
                        " --frame 999999 --out " + (dir_ / "o").string());
  EXPECT_EQ(r.exit_code, 2) << r.output;
  EXPECT_NE(r.output.find("999999"), std::string::npos) << r.output;
  r = run_cli("info --drive " + dir_.string());
  EXPECT_EQ(r.exit_code, 2) << r.output;
  EXPECT_NE(r.output.find("not a recognised drive"), std::string::npos) << r.output;
}

TEST_F(CliTest, CudaWithoutADeviceIsRefused) {
  if (cuda_device_available()) GTEST_SKIP() << "a CUDA device is present";
  FL_REQUIRE_SHARED_DATA("kitti-object/training");
  const testing::CliRun r = run_cli("project --drive " + testing::shared_data("kitti-object/training").string() +
                              " --frame 000008 --device cuda --out " + (dir_ / "o").string());
  EXPECT_NE(r.exit_code, 0);
  EXPECT_NE(r.output.find("--device cuda"), std::string::npos) << r.output;
}

}  // namespace
}  // namespace fuselabel

namespace fuselabel {
namespace {

// The committed sample is exactly what `fuselabel simulate --seed 1` writes.
TEST(CliSample, SimulateReproducesTheCommittedSample) {
  const testing::TempDir scratch;
  const testing::CliRun r = run_cli("simulate --format kitti-object --seed 1 --out " + scratch.path().string());
  ASSERT_EQ(r.exit_code, 0) << r.output;
  const std::filesystem::path committed = testing::source_dir() / "data-samples/kitti-object/training";
  for (const char* file : {"velodyne/000000.bin", "image_2/000000.png", "calib/000000.txt", "label_2/000000.txt"}) {
    const std::string expected = read_text(committed / file);
    ASSERT_FALSE(expected.empty()) << file;
    EXPECT_EQ(read_text(scratch.path() / "training" / file), expected) << file;
  }
}

TEST(CliSample, ProjectRunsOnTheCommittedSample) {
  const testing::TempDir scratch;
  const std::filesystem::path drive = testing::source_dir() / "data-samples/kitti-object/training";
  const testing::CliRun r = run_cli("project --drive " + drive.string() + " --frame 000000 --out " + scratch.path().string());
  ASSERT_EQ(r.exit_code, 0) << r.output;
  const std::string csv = read_text(scratch.path() / "image_2_points.csv");
  EXPECT_GT(std::count(csv.begin(), csv.end(), '\n'), 5000);
  EXPECT_TRUE(std::filesystem::exists(scratch.path() / "image_2_depth.png"));
  EXPECT_TRUE(std::filesystem::exists(scratch.path() / "image_2_overlay.jpg"));
}

}  // namespace
}  // namespace fuselabel

namespace fuselabel {
namespace {

TEST(CliInspect, WritesBoxesJsonAndPictures) {
  FL_REQUIRE_SHARED_DATA("kitti-object/training");
  const testing::TempDir scratch;
  const testing::CliRun r = run_cli("inspect --drive " + testing::shared_data("kitti-object/training").string() +
                              " --frame 000008 --device cpu --out " + scratch.path().string());
  ASSERT_EQ(r.exit_code, 0) << r.output;
  const std::string json = read_text(scratch.path() / "boxes.json");
  EXPECT_EQ(json.rfind("{\n \"frame\": \"000008\"", 0), 0u) << json.substr(0, 80);
  EXPECT_EQ(std::count(json.begin(), json.end(), '{'), 1 + 6 * 3);  // document, 6 boxes x (box, cameras, image_2)
  EXPECT_NE(json.find("\"id\": \"000008:6\""), std::string::npos);
  EXPECT_TRUE(std::filesystem::exists(scratch.path() / "image_2_boxes.jpg"));
}

// --frames A:B is half-open over the drive's frame list; each frame's folder holds exactly what
// --frame writes for it.
TEST(CliInspect, FramesRangeWritesOneFolderPerFrameLikeSingleFrames) {
  const std::string drive = (testing::source_dir() / "data-samples/drive").string();
  const testing::TempDir scratch;
  const std::filesystem::path batch = scratch.path() / "batch", single = scratch.path() / "single";
  const testing::CliRun r =
      run_cli("inspect --drive " + drive + " --frames 3:6 --batch 2 --device cpu --out " + batch.string());
  ASSERT_EQ(r.exit_code, 0) << r.output;
  EXPECT_NE(r.output.find("transfers"), std::string::npos) << r.output;
  EXPECT_FALSE(std::filesystem::exists(batch / "2"));
  EXPECT_FALSE(std::filesystem::exists(batch / "6"));
  for (const char* frame : {"3", "4", "5"}) {
    const testing::CliRun one =
        run_cli("inspect --drive " + drive + " --frame " + frame + " --device cpu --out " + (single / frame).string());
    ASSERT_EQ(one.exit_code, 0) << one.output;
    EXPECT_EQ(read_text(batch / frame / "boxes.json"), read_text(single / frame / "boxes.json")) << frame;
    for (const auto& entry : std::filesystem::directory_iterator(single / frame))
      if (entry.path().filename() != kOutputManifest) {  // --frames writes one, for the whole folder
        EXPECT_EQ(read_text(entry.path()), read_text(batch / frame / entry.path().filename())) << entry.path();
      }
  }
}

TEST(CliInspect, FramesRangeRejectsBadRanges) {
  const std::string drive = (testing::source_dir() / "data-samples/drive").string();
  const testing::TempDir scratch;
  for (const char* range : {"5:5", "6:2", "0:1000", "x:3", "3"}) {
    const testing::CliRun r =
        run_cli("inspect --drive " + drive + " --frames " + range + " --device cpu --out " + scratch.path().string());
    EXPECT_NE(r.exit_code, 0) << range;
    EXPECT_NE(r.output.find("--frames"), std::string::npos) << range << ": " << r.output;
  }
  const testing::CliRun both = run_cli("inspect --drive " + drive + " --frame 1 --frames 0:2 --device cpu --out " +
                                       scratch.path().string());
  EXPECT_NE(both.exit_code, 0);
}

}  // namespace
}  // namespace fuselabel
