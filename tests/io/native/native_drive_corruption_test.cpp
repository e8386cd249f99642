// Corrupt native drives: each defect is one InputError naming the file and the field.
#include <gtest/gtest.h>

#include "io/native/native_drive.h"
#include "io/native/native_drive_reader.h"
#include "io/common/text_tokens.h"
#include "io/io_test_support.h"
#include "native_drive_fixture.h"

namespace fuselabel {
namespace {

using testing::expect_input_error;

class NativeDriveCorruption : public ::testing::Test {
 protected:
  void SetUp() override { sample_ = testing::write_sample_drive(dir_.path()); }

  // Replaces the first occurrence of `from` in a drive file (which must contain it).
  void edit(const std::string& file, const std::string& from, const std::string& to) {
    std::string text = testing::read_text(dir_ / file);
    const size_t at = text.find(from);
    ASSERT_NE(at, std::string::npos) << "'" << from << "' not in " << file;
    testing::write_text(dir_ / file, text.replace(at, from.size(), to));
  }
  // Replaces the contents of the `occurrence`-th "key: [...]" list of drive.yaml.
  void edit_yaml_list(const std::string& key, int occurrence, const std::string& contents) {
    std::string text = testing::read_text(dir_ / "drive.yaml");
    size_t at = 0;
    for (int i = 0; i <= occurrence; ++i) at = text.find(key + ": [", i ? at + 1 : 0);
    ASSERT_NE(at, std::string::npos);
    const size_t open = at + key.size() + 3, close = text.find(']', open);
    testing::write_text(dir_ / "drive.yaml", text.replace(open, close - open, contents));
  }
  // Keeps the first `count` lines of a text file.
  void keep_lines(const std::string& file, size_t count) {
    const std::string text = testing::read_text(dir_ / file);
    std::string kept;
    const std::vector<std::string_view> lines = split_lines(text);
    for (size_t i = 0; i < count && i < lines.size(); ++i) kept += std::string(lines[i]) + "\n";
    testing::write_text(dir_ / file, kept);
  }
  void expect_drive_error(const std::vector<std::string>& mentions) {
    expect_input_error([&] { read_native_drive(dir_.path()); }, mentions);
  }
  void expect_reader_error(const std::vector<std::string>& mentions, const std::string& frame = "") {
    expect_input_error(
        [&] {
          NativeDriveReader reader(dir_.path());
          if (!frame.empty()) reader.load_frame(frame);
        },
        mentions);
  }

  testing::TempDir dir_;
  testing::SampleDrive sample_;
};

TEST_F(NativeDriveCorruption, MissingKeys) {
  edit("drive.yaml", "world_frame: UTM\n", "");
  expect_drive_error({"drive.yaml", "world_frame", "missing"});
}

TEST_F(NativeDriveCorruption, MissingSensorKey) {
  edit("drive.yaml", "    index: sensors/RADAR_FRONT/index.csv\n", "");
  expect_drive_error({"drive.yaml", "sensors[3].index", "missing"});
}

TEST_F(NativeDriveCorruption, MissingLabelKey) {
  edit("labels/ground_truth.json", "\"size\": [4.5, 1.9, 1.6], ", "");
  expect_reader_error({"ground_truth.json", "boxes[0].size", "missing"});
}

TEST_F(NativeDriveCorruption, MisspeltKeysAreErrors) {
  edit("drive.yaml", "world_frame:", "world_fram:");
  expect_drive_error({"drive.yaml", "world_fram", "unknown key"});
}

TEST_F(NativeDriveCorruption, MisspeltCameraKey) {
  edit("drive.yaml", "fy: ", "fyy: ");
  expect_drive_error({"drive.yaml", "sensors[1].model.fyy", "unknown key"});
}

TEST_F(NativeDriveCorruption, MisspeltLabelKey) {
  edit("labels/ground_truth.json", "\"confidence\"", "\"confidance\"");
  expect_reader_error({"ground_truth.json", "boxes[0].confidance", "unknown key"});
}

TEST_F(NativeDriveCorruption, BadQuaternionInExtrinsics) {
  edit_yaml_list("rotation", 0, "1, 0.1, 0, 0");
  expect_drive_error({"drive.yaml", "sensors[0].T_ego_sensor.rotation", "unit quaternion"});
}

TEST_F(NativeDriveCorruption, NearUnitQuaternionIsAccepted) {
  edit_yaml_list("rotation", 0, "1, 0.0001, 0, 0");  // norm 1 + 5e-9
  const NativeDrive drive = read_native_drive(dir_.path());
  EXPECT_NEAR(drive.lidar().T_ego_sensor.R(1, 2), -2e-4, 1e-9);
}

TEST_F(NativeDriveCorruption, BadQuaternionInEgoPoses) {
  const std::string text = testing::read_text(dir_ / "ego_poses.csv");
  const std::string row = std::string(split_lines(text)[2]);
  const std::string broken = row.substr(0, row.rfind(',', row.rfind(',', row.rfind(',') - 1) - 1)) + ",0.2,0.1,0.1";
  edit("ego_poses.csv", row, broken);
  expect_drive_error({"ego_poses.csv", "line 3", "qw", "unit quaternion"});
}

TEST_F(NativeDriveCorruption, BadQuaternionInLabels) {
  std::string text = testing::read_text(dir_ / "labels/ground_truth.json");
  const size_t second_box = text.find("\"rotation\": [", text.find("\"rotation\": [") + 1);
  text.replace(second_box + 13, text.find(']', second_box) - second_box - 13, "1, 0.01, 0, 0");
  testing::write_text(dir_ / "labels/ground_truth.json", text);
  expect_reader_error({"ground_truth.json", "boxes[1].rotation", "unit quaternion"});
}

TEST_F(NativeDriveCorruption, NonIncreasingPoseTimestamps) {
  const std::string text = testing::read_text(dir_ / "ego_poses.csv");
  const std::vector<std::string_view> lines = split_lines(text);
  edit("ego_poses.csv", std::string(lines[3]) + "\n" + std::string(lines[4]), std::string(lines[4]) + "\n" + std::string(lines[3]));
  expect_drive_error({"ego_poses.csv", "line 5", "timestamp_us", "does not increase"});
}

TEST_F(NativeDriveCorruption, RepeatedIndexTimestamp) {
  edit("sensors/CAM_FRONT/index.csv", "1700000000133000,", "1700000000033000,");
  expect_drive_error({"CAM_FRONT/index.csv", "line 3", "timestamp_us"});
}

TEST_F(NativeDriveCorruption, UnknownTrackInBoxes) {
  edit("labels/ground_truth.json", "\"track_id\": \"ped-1\", \"frame\"", "\"track_id\": \"ped-9\", \"frame\"");
  expect_reader_error({"ground_truth.json", "boxes[2].track_id", "unknown track id 'ped-9'"});
}

TEST_F(NativeDriveCorruption, UnknownCameraModelType) {
  edit("drive.yaml", "type: fisheye", "type: fishey");
  expect_drive_error({"drive.yaml", "sensors[2].model.type", "unknown camera model type 'fishey'"});
}

TEST_F(NativeDriveCorruption, WrongDistortionCount) {
  edit_yaml_list("distortion", 1, "0.031, -0.012, 0.0021");
  expect_drive_error({"drive.yaml", "sensors[2].model.distortion", "4 coefficients"});
}

TEST_F(NativeDriveCorruption, WrongBrownConradyDistortionCount) {
  edit_yaml_list("distortion", 0, "-0.12, 0.031, 0.00012, -0.00034, -0.004, 0.05");
  expect_drive_error({"drive.yaml", "sensors[1].model.distortion", "5 (k1 k2 p1 p2 k3) or 8"});
}

TEST_F(NativeDriveCorruption, TruncatedPointFiles) {
  const std::string lidar = testing::read_text(dir_ / "sensors/LIDAR_TOP/1.bin");
  testing::write_text(dir_ / "sensors/LIDAR_TOP/1.bin", lidar.substr(0, lidar.size() - 3));
  expect_reader_error({"LIDAR_TOP/1.bin", "truncated"}, "1");
  const std::string radar = testing::read_text(dir_ / "sensors/RADAR_FRONT/2.bin");
  testing::write_text(dir_ / "sensors/RADAR_FRONT/2.bin", radar.substr(0, radar.size() - 4));
  expect_reader_error({"RADAR_FRONT/2.bin", "truncated"}, "2");
}

TEST_F(NativeDriveCorruption, MissingIndexFile) {
  std::filesystem::remove(dir_ / "sensors/RADAR_FRONT/index.csv");
  expect_drive_error({"RADAR_FRONT/index.csv", "no such file"});
}

TEST_F(NativeDriveCorruption, TwoLidars) {
  edit("drive.yaml", "kind: radar", "kind: lidar");
  expect_drive_error({"drive.yaml", "sensors[3].kind", "second lidar ('LIDAR_TOP'"});
}

TEST_F(NativeDriveCorruption, NoLidar) {
  edit("drive.yaml", "kind: lidar", "kind: radar");
  expect_drive_error({"drive.yaml", "sensors", "no sensor of kind lidar"});
}

TEST_F(NativeDriveCorruption, DuplicateSensorName) {
  edit("drive.yaml", "name: CAM_LEFT", "name: CAM_FRONT");
  expect_drive_error({"drive.yaml", "sensors[2].name", "duplicate sensor name"});
}

TEST_F(NativeDriveCorruption, ModelOnARadar) {
  std::string text = testing::read_text(dir_ / "drive.yaml");
  const size_t model = text.find("    model: {type: fisheye");
  const std::string line = text.substr(model, text.find('\n', model) + 1 - model);
  edit("drive.yaml", "    index: sensors/RADAR_FRONT", line + "    index: sensors/RADAR_FRONT");
  expect_drive_error({"drive.yaml", "sensors[3].model", "only cameras"});
}

TEST_F(NativeDriveCorruption, DuplicateBoxOfTrackInFrame) {
  edit("labels/ground_truth.json", "\"track_id\": \"ped-1\", \"frame\": 1,", "\"track_id\": \"car-1\", \"frame\": 1,");
  expect_reader_error({"ground_truth.json", "boxes[2]", "second box of track 'car-1' in frame 1 (first: boxes[1])"});
}

TEST_F(NativeDriveCorruption, InvalidBoxValues) {
  edit("labels/ground_truth.json", "\"size\": [4.5, 1.9, 1.6]", "\"size\": [4.5, 0, 1.6]");
  expect_reader_error({"ground_truth.json", "boxes[0].size", "is not a box size"});
}

TEST_F(NativeDriveCorruption, InvertedImageBox) {
  edit("labels/ground_truth.json", "[700.25, 400.5, 900.75, 520]", "[900.75, 400.5, 700.25, 520]");
  expect_reader_error({"ground_truth.json", "boxes_2d[0].box", "x2 >= x1"});
}

TEST_F(NativeDriveCorruption, LabelsReferringToAbsentFramesAndCameras) {
  edit("labels/ground_truth.json", "\"frame\": 3,", "\"frame\": 4,");
  expect_reader_error({"ground_truth.json", "boxes[5].frame", "no such LiDAR frame"});
  edit("labels/ground_truth.json", "\"frame\": 4,", "\"frame\": 2,");
  expect_reader_error({"ground_truth.json", "boxes[5].timestamp_us", "not the time of LiDAR frame 2"});
  edit("labels/ground_truth.json", "\"frame\": 2, \"timestamp_us\": 1700000000300000", "\"frame\": 3, \"timestamp_us\": 1700000000300000");
  edit("labels/ground_truth.json", "\"camera\": \"CAM_LEFT\"", "\"camera\": \"CAM_BACK\"");
  expect_reader_error({"ground_truth.json", "boxes_2d[", ".camera", "no camera named 'CAM_BACK'"});
}

TEST_F(NativeDriveCorruption, DuplicateJsonKeyAndBrokenSyntax) {
  edit("labels/ground_truth.json", "\"confidence\": 1}", "\"confidence\": 1, \"confidence\": 0.5}");
  expect_reader_error({"ground_truth.json", "confidence", "duplicate key"});
  edit("labels/ground_truth.json", "\"taxonomy\":", "\"taxonomy\"");
  expect_reader_error({"ground_truth.json", "not valid JSON"});
  edit("drive.yaml", "sensors:\n", "sensors: [\n");
  expect_drive_error({"drive.yaml", "line", "not valid YAML"});
}

TEST_F(NativeDriveCorruption, UnknownLabelSetListsTheAvailableOnes) {
  expect_input_error([&] { NativeDriveReader(dir_.path(), "prelabels"); },
                     {"drive.yaml", "label_sets", "no label set 'prelabels'", "available: ground_truth, keyframes"});
}

TEST_F(NativeDriveCorruption, UnknownFrameIds) {
  const NativeDriveReader reader(dir_.path());
  for (const std::string id : {"4", "01", "-1", "x", "", "99999999999999999999999"})
    expect_input_error([&] { reader.load_frame(id); }, {"LIDAR_TOP/index.csv", "frame '" + id + "'", "unknown frame id"});
}

TEST_F(NativeDriveCorruption, PoseLookupOutsideTheEgoPoses) {
  keep_lines("ego_poses.csv", 31);  // poses up to +240 ms; frame 3 is at +300 ms, 60 ms past them
  expect_reader_error({"ego_poses.csv", "t = 1700000000300000 us", "after the last pose"}, "3");
}

TEST_F(NativeDriveCorruption, PointTimesFarFromTheSweep) {
  write_float_records(dir_ / "sensors/LIDAR_TOP/0.bin", {1, 2, 3, 4, 2.5f}, 5);
  expect_reader_error({"LIDAR_TOP/0.bin", "t_offset", "within 1 s"}, "0");
}

TEST_F(NativeDriveCorruption, WrongFormatOrVersion) {
  edit("drive.yaml", "version: 1", "version: 2");
  expect_drive_error({"drive.yaml", "version", "unsupported version 2"});
  edit("drive.yaml", "version: 2", "version: 1");
  edit("drive.yaml", "format: fuselabel-drive", "format: other");
  expect_drive_error({"drive.yaml", "format", "fuselabel-drive"});
}

TEST_F(NativeDriveCorruption, AbsoluteOrMissingFileReferences) {
  edit("sensors/CAM_LEFT/index.csv", "sensors/CAM_LEFT/1.png", "/tmp/1.png");
  expect_drive_error({"CAM_LEFT/index.csv", "line 3", "file", "relative"});
  edit("sensors/CAM_LEFT/index.csv", "/tmp/1.png", "");
  expect_drive_error({"CAM_LEFT/index.csv", "line 3", "file", "empty"});
}

}  // namespace
}  // namespace fuselabel
