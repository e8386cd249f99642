// Every broken or missing part of a KITTI tracking sequence gives one InputError naming the
// file and the line, field or key.
#include <gtest/gtest.h>

#include <filesystem>
#include <string>

#include "kitti_tracking_test_fixture.h"

namespace fuselabel {
namespace {

using testing::expect_input_error;
using testing::open_sequence;
using testing::TempDir;
using testing::write_sequence;

// The fixture's files with line `line_no` (1-based) of `file` replaced.
void replace_line(const std::filesystem::path& file, int line_no, const std::string& replacement) {
  const std::string text = testing::read_text(file);
  std::string out;
  int n = 1;
  for (size_t start = 0; start < text.size(); ++n) {
    const size_t end = text.find('\n', start);
    out += (n == line_no ? replacement : text.substr(start, end - start)) + "\n";
    start = end + 1;
  }
  testing::write_text(file, out);
}

class KittiTrackingCorruption : public ::testing::Test {
 protected:
  void SetUp() override { write_sequence(dir.path(), "0003", {}); }
  void expect_open_fails(const std::vector<std::string>& mentions) {
    expect_input_error([&] { open_sequence(dir.path(), "0003"); }, mentions);
  }
  TempDir dir;
};

TEST_F(KittiTrackingCorruption, LabelLineWithTooFewColumns) {
  replace_line(dir / "label_02/0003.txt", 2, "0 0 Car 0 0 -1.57 599.41 156.40 629.75 189.25 2.85 2.63 12.34 0.47 1.49");
  expect_open_fails({"label_02/0003.txt", "line 2", "expected 17 columns (18 with score), found 15"});
}

TEST_F(KittiTrackingCorruption, NonIntegerFrame) {
  replace_line(dir / "label_02/0003.txt", 3,
               "0x1 1 Pedestrian 1 1 0.21 423.17 173.67 433.17 224.03 1.60 0.38 0.30 -5.12 1.71 18.76 0.13");
  expect_open_fails({"label_02/0003.txt", "line 3, field 'frame'", "'0x1' is not an integer"});
}

TEST_F(KittiTrackingCorruption, UnknownClass) {
  replace_line(dir / "label_02/0003.txt", 4,
               "2 0 Lorry 0 0 -1.57 600.00 156.00 630.00 189.00 2.85 2.63 12.34 0.47 1.49 68.44 -1.56");
  expect_open_fails({"label_02/0003.txt", "line 4, field 'type'", "unknown type 'Lorry'"});
}

TEST_F(KittiTrackingCorruption, MissingLabelFile) {
  std::filesystem::remove(dir / "label_02/0003.txt");
  expect_open_fails({"label_02/0003.txt", "sequence '0003'", "no such sequence: label_02/ holds none"});
}

TEST_F(KittiTrackingCorruption, MissingCalibKey) {
  const std::filesystem::path calib = dir / "calib/0003.txt";
  std::string text = testing::read_text(calib);
  const size_t start = text.find("Tr_velo_to_cam");
  text.erase(start, text.find('\n', start) + 1 - start);
  testing::write_text(calib, text);
  expect_open_fails({"calib/0003.txt", "key Tr_velo_to_cam", "missing (also accepted as Tr_velo_cam)"});
}

TEST_F(KittiTrackingCorruption, MissingCalibFile) {
  std::filesystem::remove(dir / "calib/0003.txt");
  expect_open_fails({"calib/0003.txt", "no such file"});
}

TEST_F(KittiTrackingCorruption, OxtsNeedTheImuCalibration) {
  const std::filesystem::path calib = dir / "calib/0003.txt";
  std::string text = testing::read_text(calib);
  text.erase(text.find("Tr_imu_to_velo"));  // the last line
  testing::write_text(calib, text);
  expect_open_fails({"calib/0003.txt", "key Tr_imu_to_velo", "oxts/0003.txt"});
  std::filesystem::remove(dir / "oxts/0003.txt");  // without packets the key is optional
  EXPECT_FALSE(testing::as_tracking(open_sequence(dir.path(), "0003")).T_ego_lidar());
}

TEST_F(KittiTrackingCorruption, TruncatedPointFile) {
  std::filesystem::resize_file(dir / "velodyne/0003/000002.bin", 30 * 16 - 3);
  const auto drive = open_sequence(dir.path(), "0003");
  expect_input_error([&] { drive->load_frame("2"); }, {"velodyne/0003/000002.bin", "truncated"});
  EXPECT_NO_THROW(drive->load_frame("2", false));  // the points are not read
}

TEST_F(KittiTrackingCorruption, UndecodableImage) {
  testing::write_text(dir / "image_02/0003/000001.png", "not a png");
  const auto drive = open_sequence(dir.path(), "0003");
  expect_input_error([&] { drive->load_frame("1"); }, {"image_02/0003/000001.png", "cannot decode"});
  testing::write_text(dir / "image_02/0003/000000.png", "not a png");  // the sequence's image size comes from it
  expect_open_fails({"image_02/0003/000000.png", "cannot decode"});
}

TEST_F(KittiTrackingCorruption, OxtsLineWith29Values) {
  const std::filesystem::path oxts = dir / "oxts/0003.txt";
  const std::string text = testing::read_text(oxts);
  const size_t line3 = text.find('\n', text.find('\n') + 1) + 1;
  const size_t end3 = text.find('\n', line3);
  const std::string shortened = text.substr(line3, end3 - line3);
  replace_line(oxts, 3, shortened.substr(0, shortened.rfind(' ')));
  expect_open_fails({"oxts/0003.txt", "line 3", "expected 30 values, found 29"});
}

TEST_F(KittiTrackingCorruption, OxtsWithFewerPacketsThanFrames) {
  testing::write_text(dir / "oxts/0003.txt", testing::oxts_text(3));
  expect_open_fails({"oxts/0003.txt", "line 4", "one packet per frame", "4 frames", "3 packets"});
}

TEST(KittiTrackingLayout, RecognisedBeforeTheObjectLayout) {
  TempDir dir;
  write_sequence(dir.path(), "0003", {});
  std::filesystem::remove_all(dir / "label_02");
  std::filesystem::remove_all(dir / "oxts");
  // calib/ + velodyne/ alone would pass the object layout's test: velodyne/SSSS/ decides, and
  // the folder opens as an unlabelled tracking sequence (the testing split).
  EXPECT_EQ(open_sequence(dir.path(), "0003")->format(), "kitti-tracking");
  EXPECT_TRUE(KittiTrackingDrive::recognises(dir.path()));
  std::filesystem::remove_all(dir / "velodyne");
  EXPECT_TRUE(KittiTrackingDrive::recognises(dir.path()));  // image_02/0003/
  std::filesystem::remove_all(dir / "image_02");
  EXPECT_FALSE(KittiTrackingDrive::recognises(dir.path()));
  testing::write_text(dir / "oxts/data/0000000000.txt", testing::oxts_text(1));  // a KITTI raw drive's
  EXPECT_FALSE(KittiTrackingDrive::recognises(dir.path()));
  testing::write_text(dir / "oxts/0003.txt", testing::oxts_text(1));
  EXPECT_TRUE(KittiTrackingDrive::recognises(dir.path()));
}

}  // namespace
}  // namespace fuselabel
