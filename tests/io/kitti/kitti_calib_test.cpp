#include <gtest/gtest.h>

#include <cmath>
#include <regex>

#include "io/kitti/kitti_object.h"
#include "io/kitti/kitti_object_writer.h"
#include "io/io_test_support.h"

namespace fuselabel {
namespace {

using testing::expect_input_error;
using testing::TempDir;

// The lines of a valid calib file, for tests that break one of them.
std::string valid_calib_text(const TempDir& dir) {
  write_kitti_calib(dir / "valid.txt", testing::orthonormal_calib());
  return testing::read_text(dir / "valid.txt");
}

std::string replace_line(const std::string& text, const std::string& key, const std::string& new_line) {
  return std::regex_replace(text, std::regex("(^|\n)" + key + ":[^\n]*"), "$1" + new_line);
}

void expect_near_relative(double a, double b, double tolerance) {
  EXPECT_LE(std::abs(a - b), tolerance * std::max(1.0, std::abs(b))) << a << " vs " << b;
}

TEST(KittiCalib, WriteReadRoundTrip) {
  TempDir dir;
  const KittiCalib calib = testing::orthonormal_calib();
  write_kitti_calib(dir / "calib.txt", calib);
  const KittiCalib read = read_kitti_calib(dir / "calib.txt");
  // "%.12e" keeps 13 significant digits.
  for (int p = 0; p < 4; ++p)
    for (int i = 0; i < 12; ++i) expect_near_relative(read.P[p][i], calib.P[p][i], 1e-12);
  for (int i = 0; i < 9; ++i) {
    expect_near_relative(read.R_rect.m[i], calib.R_rect.m[i], 1e-12);
    expect_near_relative(read.T_cam0_velo.R.m[i], calib.T_cam0_velo.R.m[i], 1e-12);
    expect_near_relative(read.T_velo_imu->R.m[i], calib.T_velo_imu->R.m[i], 1e-12);
  }
  expect_near_relative(read.T_cam0_velo.t.z, calib.T_cam0_velo.t.z, 1e-12);
  expect_near_relative(read.T_velo_imu->t.x, calib.T_velo_imu->t.x, 1e-12);
}

TEST(KittiCalib, WriterUsesKittiSpelling) {
  TempDir dir;
  const std::string text = valid_calib_text(dir);
  EXPECT_EQ(text.rfind("P0: 7.215377000000e+02 0.000000000000e+00 6.095593000000e+02 ", 0), 0u) << text;
  for (const char* key : {"\nP1: ", "\nP2: ", "\nP3: ", "\nR0_rect: ", "\nTr_velo_to_cam: ", "\nTr_imu_to_velo: "})
    EXPECT_NE(text.find(key), std::string::npos) << key;
}

TEST(KittiCalib, AbsentImuTransformIsWrittenAsIdentity) {
  TempDir dir;
  KittiCalib calib = testing::orthonormal_calib();
  calib.T_velo_imu.reset();
  write_kitti_calib(dir / "calib.txt", calib);
  const KittiCalib read = read_kitti_calib(dir / "calib.txt");
  ASSERT_TRUE(read.T_velo_imu);
  EXPECT_EQ(orthonormality_error(read.T_velo_imu->R), 0.0);
  EXPECT_EQ(read.T_velo_imu->R(0, 0), 1.0);
}

TEST(KittiCalib, TrackingSpellingsWithoutColonAreAccepted) {
  TempDir dir;
  std::string text = valid_calib_text(dir);
  text = std::regex_replace(text, std::regex("R0_rect:"), "R_rect");
  text = std::regex_replace(text, std::regex("Tr_velo_to_cam:"), "Tr_velo_cam");
  text = std::regex_replace(text, std::regex("Tr_imu_to_velo:"), "Tr_imu_velo");
  text = std::regex_replace(text, std::regex("\n"), "  \r\n");  // trailing blanks, CRLF
  testing::write_text(dir / "tracking.txt", text + "\r\n\r\n");
  const KittiCalib read = read_kitti_calib(dir / "tracking.txt");
  const KittiCalib expected = read_kitti_calib(dir / "valid.txt");
  for (int i = 0; i < 9; ++i) EXPECT_EQ(read.R_rect.m[i], expected.R_rect.m[i]);
  EXPECT_EQ(read.T_cam0_velo.t.y, expected.T_cam0_velo.t.y);
  EXPECT_TRUE(read.T_velo_imu);
}

TEST(KittiCalib, ImuTransformIsOptionalAndUnknownKeysAreIgnored) {
  TempDir dir;
  std::string text = replace_line(valid_calib_text(dir), "Tr_imu_to_velo", "calib_time: 09-Jan-2012 13:57:47");
  testing::write_text(dir / "no_imu.txt", text);
  EXPECT_FALSE(read_kitti_calib(dir / "no_imu.txt").T_velo_imu);
}

TEST(KittiCalib, MissingVeloToCamIsNamed) {
  TempDir dir;
  testing::write_text(dir / "000042.txt", replace_line(valid_calib_text(dir), "Tr_velo_to_cam", ""));
  expect_input_error([&] { read_kitti_calib(dir / "000042.txt"); },
                     {"000042.txt", "key Tr_velo_to_cam", "missing", "Tr_velo_cam"});
}

TEST(KittiCalib, MissingProjectionOrRectificationIsNamed) {
  TempDir dir;
  const std::string text = valid_calib_text(dir);
  testing::write_text(dir / "no_p3.txt", replace_line(text, "P3", ""));
  expect_input_error([&] { read_kitti_calib(dir / "no_p3.txt"); }, {"no_p3.txt", "key P3", "missing"});
  testing::write_text(dir / "no_rect.txt", replace_line(text, "R0_rect", ""));
  expect_input_error([&] { read_kitti_calib(dir / "no_rect.txt"); }, {"no_rect.txt", "key R0_rect", "missing"});
}

TEST(KittiCalib, WrongValueCountNamesLineAndKey) {
  TempDir dir;
  testing::write_text(dir / "short.txt", replace_line(valid_calib_text(dir), "R0_rect", "R0_rect: 1 0 0 0 1 0 0 0"));
  expect_input_error([&] { read_kitti_calib(dir / "short.txt"); },
                     {"short.txt", "line 5, key R0_rect", "expected 9 values, found 8"});
}

TEST(KittiCalib, NonNumericTokenNamesLineKeyAndValue) {
  TempDir dir;
  testing::write_text(dir / "word.txt", replace_line(valid_calib_text(dir), "P2",
                                                     "P2: 721.5 0 609.5 44.8 0 721.5 172.8 0.2 0 0 one 0.003"));
  expect_input_error([&] { read_kitti_calib(dir / "word.txt"); },
                     {"word.txt", "line 3, key P2", "value 11 'one' is not a finite number"});
}

TEST(KittiCalib, NaNIsRejected) {
  TempDir dir;
  testing::write_text(dir / "nan.txt", replace_line(valid_calib_text(dir), "Tr_velo_to_cam",
                                                    "Tr_velo_to_cam: 0 -1 0 0 0 0 -1 0 1 0 nan 0"));
  expect_input_error([&] { read_kitti_calib(dir / "nan.txt"); },
                     {"nan.txt", "line 6, key Tr_velo_to_cam", "value 11 'nan'"});
}

TEST(KittiCalib, NonOrthonormalRotationIsRejected) {
  TempDir dir;
  const std::string text = valid_calib_text(dir);
  testing::write_text(dir / "scaled.txt",
                      replace_line(text, "Tr_velo_to_cam", "Tr_velo_to_cam: 0 -1.1 0 0 0 0 -1 0 1 0 0 0"));
  expect_input_error([&] { read_kitti_calib(dir / "scaled.txt"); },
                     {"scaled.txt", "line 6, key Tr_velo_to_cam", "not orthonormal"});
  testing::write_text(dir / "mirror.txt", replace_line(text, "R0_rect", "R0_rect: 1 0 0 0 1 0 0 0 -1"));
  expect_input_error([&] { read_kitti_calib(dir / "mirror.txt"); },
                     {"mirror.txt", "line 5, key R0_rect", "reflection"});
  testing::write_text(dir / "imu.txt", replace_line(text, "Tr_imu_to_velo", "Tr_imu_velo 1 0 0 0 0 1 0 0 0 0 0 0"));
  expect_input_error([&] { read_kitti_calib(dir / "imu.txt"); },
                     {"imu.txt", "line 7, key Tr_imu_velo", "not orthonormal"});
}

TEST(KittiCalib, DuplicateKeyIsRejectedEvenUnderItsAlias) {
  TempDir dir;
  testing::write_text(dir / "twice.txt", valid_calib_text(dir) + "R_rect: 1 0 0 0 1 0 0 0 1\n");
  expect_input_error([&] { read_kitti_calib(dir / "twice.txt"); },
                     {"twice.txt", "line 8, key R_rect", "duplicate", "line 5"});
}

TEST(KittiCalib, SingularProjectionIsRejected) {
  TempDir dir;
  testing::write_text(dir / "zero.txt", replace_line(valid_calib_text(dir), "P1", "P1: 0 0 0 0 0 0 0 0 0 0 0 0"));
  expect_input_error([&] { read_kitti_calib(dir / "zero.txt"); }, {"zero.txt", "line 2, key P1", "singular"});
}

TEST(KittiCalib, MissingFileIsAnInputError) {
  TempDir dir;
  expect_input_error([&] { read_kitti_calib(dir / "000123.txt"); }, {"000123.txt", "no such file"});
}

TEST(KittiCalib, RealObjectCalibration) {
  FL_REQUIRE_SHARED_DATA("kitti-object/training/calib/000008.txt");
  const KittiCalib calib = read_kitti_calib(testing::shared_data("kitti-object/training/calib/000008.txt"));
  EXPECT_EQ(calib.P[2][0], 721.5377);
  EXPECT_EQ(calib.P[2][3], 44.85728);
  EXPECT_EQ(calib.P[3][11], 2.729905e-03);
  EXPECT_EQ(calib.R_rect(0, 1), 9.837759658694e-03);
  EXPECT_EQ(calib.T_cam0_velo.R(0, 1), -9.999713897705e-01);
  EXPECT_EQ(calib.T_cam0_velo.t.z, -2.717806100845e-01);
  ASSERT_TRUE(calib.T_velo_imu);
  EXPECT_EQ(calib.T_velo_imu->t.x, -8.086758852005e-01);
  // How far from orthonormal real calibrations are (documented in kitti_calib.cpp).
  const double rect_error = orthonormality_error(calib.R_rect);
  const double velo_error = orthonormality_error(calib.T_cam0_velo.R);
  RecordProperty("R0_rect_orthonormality_error", std::to_string(rect_error));
  RecordProperty("Tr_velo_to_cam_orthonormality_error", std::to_string(velo_error));
  EXPECT_GT(velo_error, 1e-9);  // genuinely not orthonormal (8.2e-8) ...
  EXPECT_LT(velo_error, 1e-6);  // ... but far inside the reader's tolerance
  EXPECT_GT(rect_error, 1e-9);
  EXPECT_LT(rect_error, 1e-6);
}

TEST(KittiCalib, RealTrackingCalibrations) {
  FL_REQUIRE_SHARED_DATA("kitti-tracking/training/calib");
  int files = 0;
  for (const auto& entry : std::filesystem::directory_iterator(testing::shared_data("kitti-tracking/training/calib"))) {
    const KittiCalib calib = read_kitti_calib(entry.path());
    EXPECT_EQ(calib.P[0][0], 721.5377) << entry.path();
    EXPECT_LT(orthonormality_error(calib.T_cam0_velo.R), 1e-6) << entry.path();
    ++files;
  }
  EXPECT_GT(files, 0);
}

}  // namespace
}  // namespace fuselabel
