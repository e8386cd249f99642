// Hostile KITTI label files and folders: any number beyond the coordinate range (1e300) in any
// column, box sizes and angles outside the devkit's ranges, track ids against the DontCare rule,
// too many label lines, and an object folder without calib/ are each one InputError naming the
// file, line and field (or the folder).
#include <gtest/gtest.h>

#include "io/common/input_limit_child.h"
#include "io/common/text_tokens.h"
#include "io/drive_reader.h"
#include "io/io_test_support.h"
#include "io/kitti/kitti_object.h"
#include "io/kitti/kitti_object_writer.h"
#include "io/kitti/kitti_tracking.h"

namespace fuselabel {
namespace {

using testing::expect_input_error;
using testing::TempDir;

const char* const kCarLine = "Car 0.00 0 -1.57 599.41 156.40 629.75 189.25 2.85 2.63 12.34 0.47 1.49 69.44 -1.56";
const char* const kColumns[] = {"type",   "truncated", "occluded", "alpha",      "bbox_left",  "bbox_top",
                                "bbox_right", "bbox_bottom", "height",   "width",      "length",     "location_x",
                                "location_y", "location_z",  "rotation_y", "score"};

// `line` with column `column` (0 = type) replaced by `value`.
std::string with_column(const std::string& line, size_t column, const std::string& value) {
  std::vector<std::string> tokens;
  for (const std::string_view t : split_whitespace(line)) tokens.emplace_back(t);
  tokens.at(column) = value;
  std::string out;
  for (const std::string& t : tokens) out += (out.empty() ? "" : " ") + t;
  return out;
}

class KittiHostileLabels : public ::testing::Test {
 protected:
  std::vector<KittiObjectLabel> read_object(const std::string& text) {
    testing::write_text(dir_ / "000000.txt", text);
    return read_kitti_object_labels(dir_ / "000000.txt");
  }
  void expect_object_error(const std::string& text, const std::vector<std::string>& mentions) {
    std::vector<std::string> all = mentions;
    all.push_back((dir_ / "000000.txt").string());
    expect_input_error([&] { read_object(text); }, all);
  }
  std::vector<KittiTrackingLabel> read_tracking(const std::string& text) {
    testing::write_text(dir_ / "0000.txt", text);
    return read_kitti_tracking_labels(dir_ / "0000.txt");
  }
  void expect_tracking_error(const std::string& text, const std::vector<std::string>& mentions) {
    std::vector<std::string> all = mentions;
    all.push_back((dir_ / "0000.txt").string());
    expect_input_error([&] { read_tracking(text); }, all);
  }
  TempDir dir_;
};

TEST_F(KittiHostileLabels, HugeNumberInAnyColumnNamesLineAndField) {
  const std::string scored = std::string(kCarLine) + " 0.93";
  for (size_t column = 1; column < 16; ++column) {
    SCOPED_TRACE(kColumns[column]);
    expect_object_error("\n" + with_column(scored, column, "1e300") + "\n",
                        {"line 2, field '" + std::string(kColumns[column]) + "'"});
  }
  expect_object_error(with_column(kCarLine, 12, "-1e300"), {"line 1, field 'location_y'", "-1e+300 is out of range"});
  expect_object_error(with_column(kCarLine, 3, "1e300"),
                      {"field 'alpha'", "1e+300 is out of range: coordinates lie within +-100000000"});
}

TEST_F(KittiHostileLabels, BoxSizesLieInTheSizeRange) {
  expect_object_error(with_column(kCarLine, 10, "20000"),
                      {"line 1, field 'length'", "20000 is not a box size: sizes lie in (0, 10000] m"});
  expect_object_error(with_column(kCarLine, 9, "0"), {"field 'width'", "0 is not a box size"});
  EXPECT_EQ(read_object(with_column(kCarLine, 10, "10000")).at(0).length, 10000);
}

TEST_F(KittiHostileLabels, AnglesLieInMinusPiToPi) {
  expect_object_error(with_column(kCarLine, 3, "3.50"), {"field 'alpha'", "must be an angle in [-pi, pi], got 3.50"});
  expect_object_error(with_column(kCarLine, 14, "-6.28"), {"field 'rotation_y'", "must be an angle in [-pi, pi]"});
  // Rounding of a writer of 3, 4 or 6 decimals; detector output (a score) may be unwrapped.
  EXPECT_NO_THROW(read_object(with_column(with_column(kCarLine, 3, "3.142"), 14, "-3.141593")));
  EXPECT_NO_THROW(read_object(with_column(kCarLine, 3, "4.00") + " 0.87"));
}

TEST_F(KittiHostileLabels, DontCarePlaceholdersAreNotABox) {
  const std::vector<KittiObjectLabel> labels = read_object(testing::sample_label_text());
  EXPECT_EQ(labels.back().type, "DontCare");
  EXPECT_EQ(labels.back().location.x, -1000);
  expect_object_error("DontCare -1 -1 -10 503.89 169.71 590.61 190.13 -1 -1 -1 -1000 -1e300 -1000 -10",
                      {"line 1, field 'location_y'", "out of range"});
}

TEST_F(KittiHostileLabels, TrackingTrackIdsFollowTheDontCareRule) {
  const std::string car = with_column(kCarLine, 1, "0");  // tracking truncation is a level
  const char* const dont_care = "0 -1 DontCare -1 -1 -10.000000 219.310000 188.490000 245.500000 218.560000 "
                                "-1000.000000 -1000.000000 -1000.000000 -10.000000 -1.000000 -1.000000 -1.000000";
  EXPECT_EQ(read_tracking(dont_care).at(0).track_id, -1);
  expect_tracking_error("0 3 " + car + "\n" +
                            "1 7 DontCare -1 -1 -10 219.31 188.49 245.50 218.56 -1000 -1000 -1000 -10 -1 -1 -1\n",
                        {"line 2, field 'track_id'", "DontCare regions belong to no track (-1), got 7"});
  expect_tracking_error("0 -1 " + car, {"line 1, field 'track_id'", "only DontCare regions have -1"});
  expect_tracking_error("0 2 " + with_column(car, 1, "3"), {"line 1, field 'truncated'", "must be 0, 1, 2 or -1"});
  expect_tracking_error("0 2 " + with_column(car, 2, "4"), {"line 1, field 'occluded'", "must be 0, 1, 2, 3 or -1"});
  expect_tracking_error("0 2 " + with_column(car, 0, "Bus"), {"line 1, field 'type'", "unknown type 'Bus'"});
  expect_tracking_error("0 2 " + with_column(car, 13, "1e300"), {"line 1, field 'location_z'", "out of range"});
}

TEST_F(KittiHostileLabels, LabelLinesBeyondTheLimit) {
  // Blank lines are not labels: the count is 3.
  const std::string three = std::string(kCarLine) + "\n\n" + kCarLine + "\n" + kCarLine + "\n\n";
  testing::expect_input_error_under_limit("FUSELABEL_MAX_LABELS_PER_FILE", "2", [&] { read_object(three); },
                                          {"000000.txt", "labels 3 exceeds the limit of 2", "FUSELABEL_MAX_LABELS_PER_FILE"});
  testing::expect_input_error_under_limit(
      "FUSELABEL_MAX_LABELS_PER_FILE", "2",
      [&] { read_tracking("0 0 " + std::string(kCarLine) + "\n1 0 " + kCarLine + "\n2 0 " + kCarLine); },
      {"0000.txt", "labels 3 exceeds the limit of 2"});
}

TEST(KittiObjectFolder, WithoutCalibIsAnInputErrorNamingTheFolder) {
  TempDir dir;
  testing::write_text(dir / "label_2" / "000000.txt", std::string(kCarLine) + "\n");
  expect_input_error([&] { open_drive(dir.path()); },
                     {(dir / "calib").string(), "missing folder: a KITTI object folder needs calib/"});
  std::filesystem::create_directories(dir / "calib");
  testing::write_text(dir / "calib" / "README.txt", "not a frame");
  expect_input_error([&] { open_drive(dir.path()); }, {(dir / "calib").string(), "no frames: calib/ holds no ID.txt"});
  write_kitti_calib(dir / "calib" / "000000.txt", testing::orthonormal_calib());
  EXPECT_EQ(open_drive(dir.path())->frame_ids(), (std::vector<std::string>{"000000"}));
}

TEST(KittiObjectFolder, ImagesWithoutCalibAreAKittiObjectFolderToo) {
  TempDir dir;
  std::filesystem::create_directories(dir / "image_2");
  std::filesystem::create_directories(dir / "velodyne");
  expect_input_error([&] { open_drive(dir.path()); }, {"calib", "missing folder"});
}

}  // namespace
}  // namespace fuselabel
