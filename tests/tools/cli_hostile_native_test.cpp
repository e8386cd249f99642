// Hostile input on native drives, the simulator and the command line: one message naming file
// and field, exit 2, nothing written (issue 10).
#include <cstdlib>
#include <opencv2/imgcodecs.hpp>

#include "cli_hostile_support.h"
#include "io/common/staged_folder.h"

namespace fuselabel {
namespace {

namespace fs = std::filesystem;
using testing::expect_refused;

std::vector<std::string> project(const fs::path& drive, const fs::path& out, const std::string& frame = "20") {
  return {"project", "--drive", drive.string(), "--frame", frame, "--device", "cpu", "--out", out.string()};
}

// Every image of a camera replaced by `bytes`.
void replace_camera_images(const fs::path& drive, const std::string& camera, const std::string& bytes) {
  for (const auto& e : fs::directory_iterator(drive / "sensors" / camera))
    if (e.path().extension() == ".jpg") testing::write_text(e.path(), bytes);
}

std::string jpeg_of(int width, int height) {
  std::vector<uchar> bytes;
  cv::imencode(".jpg", cv::Mat(height, width, CV_8UC3, cv::Scalar(30, 60, 90)), bytes);
  return std::string(bytes.begin(), bytes.end());
}

TEST(CliHostileNative, HugeCameraInDriveYaml) {
  const testing::TempDir scratch;
  const fs::path drive = testing::copy_of_sample_drive(scratch);
  testing::replace_in_file(drive / "drive.yaml", "width: 480, height: 270", "width: 65536, height: 65536");
  expect_refused(project(drive, scratch / "out"), {"drive.yaml", "width", "FUSELABEL_MAX_IMAGE_SIDE"}, scratch / "out");
}

TEST(CliHostileNative, ImageSizeDiffersFromTheCameraModel) {
  const testing::TempDir scratch;
  const fs::path drive = testing::copy_of_sample_drive(scratch);
  replace_camera_images(drive, "CAM_FRONT", jpeg_of(400, 400));
  expect_refused(project(drive, scratch / "out"), {"CAM_FRONT", ".jpg", "400x400", "480x270"}, scratch / "out");
}

TEST(CliHostileNative, JpegCutInHalfLeavesThePreviousOutput) {
  const testing::TempDir scratch;
  const fs::path drive = testing::copy_of_sample_drive(scratch);
  const testing::CliProcess first = testing::run_cli_process(project(drive, scratch / "out"));
  ASSERT_EQ(first.exit_code, 0) << first.stderr_text;
  const std::string before = testing::read_text(scratch / "out/CAM_FRONT_points.csv");
  const std::string jpeg = jpeg_of(480, 270);
  replace_camera_images(drive, "CAM_FRONT_LEFT", jpeg.substr(0, jpeg.size() / 2));
  const testing::CliProcess run = testing::run_cli_process(project(drive, scratch / "out"));
  EXPECT_EQ(run.exit_code, 2) << run.stderr_text;
  EXPECT_NE(run.stderr_text.find("CAM_FRONT_LEFT"), std::string::npos) << run.stderr_text;
  EXPECT_EQ(std::count(run.stderr_text.begin(), run.stderr_text.end(), '\n'), 1) << run.stderr_text;
  EXPECT_EQ(testing::read_text(scratch / "out/CAM_FRONT_points.csv"), before);
  EXPECT_TRUE(is_complete_output_folder(scratch / "out"));
  fs::remove_all(scratch / "out");
  expect_refused(project(drive, scratch / "out"), {"CAM_FRONT_LEFT", ".jpg"}, scratch / "out");
}

TEST(CliHostileNative, IndexRowLeavingTheDrive) {
  const testing::TempDir scratch;
  const fs::path drive = testing::copy_of_sample_drive(scratch);
  testing::replace_in_file(drive / "sensors/LIDAR_TOP/index.csv", "sensors/LIDAR_TOP/000020.bin",
                           "../../../../../../../etc/hostname");
  expect_refused(project(drive, scratch / "out"), {"index.csv", "line 22", "leaves the drive root"}, scratch / "out");
}

TEST(CliHostileNative, BoxBeyondFloatRange) {
  const testing::TempDir scratch;
  const fs::path drive = testing::copy_of_sample_drive(scratch);
  testing::replace_in_file(drive / "labels/ground_truth.json", "\"center\": [19.682896349743515",
                           "\"center\": [1e300");
  expect_refused({"inspect", "--drive", drive.string(), "--frame", "0", "--out", (scratch / "out").string()},
                 {"ground_truth.json", "center"}, scratch / "out");
}

TEST(CliHostileNative, DuplicatedKeyInDriveYaml) {
  const testing::TempDir scratch;
  const fs::path drive = testing::copy_of_sample_drive(scratch);
  testing::replace_in_file(drive / "drive.yaml", "name: sample\n", "name: sample\nname: again\n");
  expect_refused({"info", "--drive", drive.string()}, {"drive.yaml", "line 4", "name"});
}

TEST(CliHostileNative, EmptySweepStillWritesItsDepthImage) {
  const testing::TempDir scratch;
  const fs::path drive = testing::copy_of_sample_drive(scratch);
  testing::write_text(drive / "sensors/LIDAR_TOP/000020.bin", "");
  const testing::CliProcess run = testing::run_cli_process(project(drive, scratch / "out"));
  ASSERT_EQ(run.exit_code, 0) << run.stderr_text;
  const cv::Mat depth = cv::imread((scratch / "out/CAM_FRONT_depth.png").string(), cv::IMREAD_UNCHANGED);
  ASSERT_FALSE(depth.empty());
  EXPECT_EQ(depth.cols, 480);
  EXPECT_EQ(cv::countNonZero(depth), 0);
}

TEST(CliHostileSimulate, ConfigValuesOutOfRange) {
  const testing::TempDir scratch;
  testing::write_text(scratch / "late.yaml", "start_time_us: 9223372036854775807\n");
  expect_refused({"simulate", "--config", (scratch / "late.yaml").string(), "--out", (scratch / "out").string()},
                 {"late.yaml", "start_time_us"}, scratch / "out");
  testing::write_text(scratch / "beams.yaml", "lidar:\n  elevations: []\n");
  expect_refused({"simulate", "--config", (scratch / "beams.yaml").string(), "--out", (scratch / "out").string()},
                 {"beams.yaml", "lidar.elevations", "line 2"}, scratch / "out");
}

TEST(CliHostileUsage, UsageErrorsExitTwoWithOneLine) {
  const testing::TempDir scratch;
  const std::string drive = (testing::source_dir() / "data-samples/drive").string();
  const std::string out = (scratch / "out").string();
  for (const char* seed : {"99999999999999999999999", "-1", "", "3x", "+4"})
    expect_refused({"simulate", "--seed", seed, "--out", out}, {"--seed"}, scratch / "out");
  expect_refused({"project", "--drive", drive, "--frame", "20", "--out", ""}, {"--out"});
  expect_refused({"project", "--drive", drive, "--frame", "20"}, {"--out"});
  expect_refused({"project", "--drive", drive, "--frame", "20", "--out", out, "--device", "tpu"}, {"--device"});
  expect_refused({"project", "--drive", drive, "--frame", "20", "--out", out, "--bogus"}, {"--bogus"});
  expect_refused({"inspect", "--drive", drive, "--frames", "0:3", "--batch", "0", "--out", out}, {"--batch"});
  expect_refused({"inspect", "--drive", drive, "--frames", "0:3", "--batch", "-1", "--out", out}, {"--batch"});
  expect_refused({"inspect", "--drive", drive, "--frames", "0:9999", "--out", out}, {"--frames"}, scratch / "out");
  expect_refused({"info", "--drive", ""}, {"--drive"});
  expect_refused({"info", "--drive", drive, "--labels", ""}, {"--labels"});
  expect_refused({"frobnicate"}, {"subcommand"});
  expect_refused({}, {"subcommand"});
}

TEST(CliHostileUsage, LimitsComeFromTheEnvironment) {
  const std::string drive = (testing::source_dir() / "data-samples/drive").string();
  ::setenv("FUSELABEL_MAX_IMAGE_SIDE", "lots", 1);
  expect_refused({"info", "--drive", drive}, {"FUSELABEL_MAX_IMAGE_SIDE", "positive integer"});
  ::setenv("FUSELABEL_MAX_IMAGE_SIDE", "256", 1);
  expect_refused({"info", "--drive", drive}, {"drive.yaml", "FUSELABEL_MAX_IMAGE_SIDE", "256"});
  ::unsetenv("FUSELABEL_MAX_IMAGE_SIDE");
  const testing::CliProcess fine = testing::run_cli_process({"info", "--drive", drive});
  EXPECT_EQ(fine.exit_code, 0) << fine.stderr_text;
}

}  // namespace
}  // namespace fuselabel
