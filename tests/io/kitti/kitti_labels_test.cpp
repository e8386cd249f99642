#include <gtest/gtest.h>

#include "io/kitti/kitti_object.h"
#include "io/kitti/kitti_object_writer.h"
#include "io/io_test_support.h"

namespace fuselabel {
namespace {

using testing::expect_input_error;
using testing::TempDir;

// A sample file with line `line_no` (1-based) replaced.
std::string with_line(int line_no, const std::string& replacement) {
  std::string text = testing::sample_label_text(), out;
  int n = 1;
  for (size_t start = 0; start < text.size(); ++n) {
    const size_t end = text.find('\n', start);
    out += (n == line_no ? replacement : text.substr(start, end - start)) + "\n";
    start = end + 1;
  }
  return out;
}

TEST(KittiLabels, ParsesEveryColumn) {
  TempDir dir;
  testing::write_text(dir / "000001.txt", testing::sample_label_text());
  const auto labels = read_kitti_object_labels(dir / "000001.txt");
  ASSERT_EQ(labels.size(), 4u);
  const KittiObjectLabel& ped = labels[1];
  EXPECT_EQ(ped.type, "Pedestrian");
  EXPECT_EQ(ped.line, 2);
  EXPECT_EQ(ped.truncated, 0.12);
  EXPECT_EQ(ped.occluded, 1);
  EXPECT_EQ(ped.alpha, 0.21);
  EXPECT_EQ(ped.box2d.x1, 423.17);
  EXPECT_EQ(ped.box2d.y1, 173.67);
  EXPECT_EQ(ped.box2d.x2, 433.17);
  EXPECT_EQ(ped.box2d.y2, 224.03);
  EXPECT_EQ(ped.height, 1.60);
  EXPECT_EQ(ped.width, 0.38);
  EXPECT_EQ(ped.length, 0.30);
  EXPECT_EQ(ped.location.x, -5.12);
  EXPECT_EQ(ped.location.y, 1.71);
  EXPECT_EQ(ped.location.z, 18.76);
  EXPECT_EQ(ped.rotation_y, 0.13);
  EXPECT_FALSE(ped.score);
  EXPECT_EQ(labels[3].type, "DontCare");
  EXPECT_EQ(labels[3].height, -1);
  EXPECT_EQ(labels[3].location.z, -1000);
}

TEST(KittiLabels, WriteReadRoundTrip) {
  TempDir dir;
  testing::write_text(dir / "in.txt", testing::sample_label_text());
  auto labels = read_kitti_object_labels(dir / "in.txt");
  labels[0].score = 0.8731;
  write_kitti_object_labels(dir / "out.txt", labels);
  const auto read = read_kitti_object_labels(dir / "out.txt");
  ASSERT_EQ(read.size(), labels.size());
  for (size_t i = 0; i < labels.size(); ++i) {
    const KittiObjectLabel &a = labels[i], &b = read[i];
    EXPECT_EQ(a.type, b.type);
    EXPECT_EQ(a.line, b.line);
    EXPECT_EQ(a.truncated, b.truncated);
    EXPECT_EQ(a.occluded, b.occluded);
    EXPECT_EQ(a.alpha, b.alpha);
    EXPECT_EQ(a.box2d.x1, b.box2d.x1);
    EXPECT_EQ(a.box2d.y2, b.box2d.y2);
    EXPECT_EQ(a.height, b.height);
    EXPECT_EQ(a.width, b.width);
    EXPECT_EQ(a.length, b.length);
    EXPECT_EQ(a.location.x, b.location.x);
    EXPECT_EQ(a.location.y, b.location.y);
    EXPECT_EQ(a.location.z, b.location.z);
    EXPECT_EQ(a.rotation_y, b.rotation_y);
    EXPECT_EQ(a.score, b.score);
  }
  EXPECT_EQ(testing::read_text(dir / "out.txt").substr(0, 90),
            "Car 0.00 0 -1.57 599.41 156.40 629.75 189.25 2.85 2.63 12.34 0.47 1.49 69.44 -1.56 0.8731\n");
}

TEST(KittiLabels, EmptyFileAndBlankTrailingLines) {
  TempDir dir;
  testing::write_text(dir / "empty.txt", "");
  EXPECT_TRUE(read_kitti_object_labels(dir / "empty.txt").empty());
  testing::write_text(dir / "trailing.txt", testing::sample_label_text() + "\n  \n\r\n");
  EXPECT_EQ(read_kitti_object_labels(dir / "trailing.txt").size(), 4u);
}

TEST(KittiLabels, ScoreColumnIsRead) {
  TempDir dir;
  testing::write_text(dir / "det.txt",
                      "Car -1 -1 -1.57 599.41 156.40 629.75 189.25 2.85 2.63 12.34 0.47 1.49 69.44 -1.56 0.92\n");
  const auto labels = read_kitti_object_labels(dir / "det.txt");
  ASSERT_EQ(labels.size(), 1u);
  EXPECT_EQ(labels[0].score, 0.92);
  EXPECT_EQ(labels[0].truncated, -1);
}

TEST(KittiLabels, FourteenColumnsNamesTheLine) {
  TempDir dir;
  testing::write_text(
      dir / "000003.txt",
      with_line(3, "Cyclist 0.00 2 -2.90 1019.50 186.33 1100.21 270.37 1.72 0.58 1.77 8.45 1.70 13.44"));
  expect_input_error([&] { read_kitti_object_labels(dir / "000003.txt"); },
                     {"000003.txt", "line 3", "expected 15 columns (16 with score), found 14"});
}

TEST(KittiLabels, UnknownTypeNamesTheField) {
  TempDir dir;
  testing::write_text(
      dir / "type.txt",
      with_line(2, "Bicycle 0.12 1 0.21 423.17 173.67 433.17 224.03 1.60 0.38 0.30 -5.12 1.71 18.76 0.13"));
  expect_input_error([&] { read_kitti_object_labels(dir / "type.txt"); },
                     {"type.txt", "line 2, field 'type'", "unknown type 'Bicycle'", "Person_sitting"});
}

TEST(KittiLabels, NegativeHeightNamesTheField) {
  TempDir dir;
  testing::write_text(
      dir / "height.txt",
      with_line(1, "Car 0.00 0 -1.57 599.41 156.40 629.75 189.25 -2.85 2.63 12.34 0.47 1.49 69.44 -1.56"));
  expect_input_error([&] { read_kitti_object_labels(dir / "height.txt"); },
                     {"height.txt", "line 1, field 'height'", "is not a box size"});
}

TEST(KittiLabels, NonNumericAndNaNFieldsAreNamed) {
  TempDir dir;
  testing::write_text(
      dir / "ry.txt",
      with_line(3, "Cyclist 0.00 2 -2.90 1019.50 186.33 1100.21 270.37 1.72 0.58 1.77 8.45 1.70 13.44 -2.3S"));
  expect_input_error([&] { read_kitti_object_labels(dir / "ry.txt"); },
                     {"ry.txt", "line 3, field 'rotation_y'", "'-2.3S' is not a finite number"});
  testing::write_text(
      dir / "nan.txt",
      with_line(1, "Car 0.00 0 -1.57 599.41 156.40 629.75 189.25 2.85 2.63 12.34 nan 1.49 69.44 -1.56"));
  expect_input_error([&] { read_kitti_object_labels(dir / "nan.txt"); }, {"nan.txt", "line 1, field 'location_x'"});
  testing::write_text(
      dir / "occ.txt",
      with_line(1, "Car 0.00 0.5 -1.57 599.41 156.40 629.75 189.25 2.85 2.63 12.34 0.47 1.49 69.44 -1.56"));
  expect_input_error([&] { read_kitti_object_labels(dir / "occ.txt"); },
                     {"occ.txt", "line 1, field 'occluded'", "not an integer"});
}

TEST(KittiLabels, OutOfRangeValuesAreNamed) {
  TempDir dir;
  testing::write_text(
      dir / "box.txt",
      with_line(2, "Pedestrian 0.12 1 0.21 433.17 173.67 423.17 224.03 1.60 0.38 0.30 -5.12 1.71 18.76 0.13"));
  expect_input_error([&] { read_kitti_object_labels(dir / "box.txt"); }, {"box.txt", "line 2, field 'bbox_right'"});
  testing::write_text(
      dir / "boxy.txt",
      with_line(2, "Pedestrian 0.12 1 0.21 423.17 273.67 433.17 224.03 1.60 0.38 0.30 -5.12 1.71 18.76 0.13"));
  expect_input_error([&] { read_kitti_object_labels(dir / "boxy.txt"); }, {"boxy.txt", "line 2, field 'bbox_bottom'"});
  testing::write_text(
      dir / "trunc.txt",
      with_line(2, "Pedestrian 1.5 1 0.21 423.17 173.67 433.17 224.03 1.60 0.38 0.30 -5.12 1.71 18.76 0.13"));
  expect_input_error([&] { read_kitti_object_labels(dir / "trunc.txt"); }, {"trunc.txt", "line 2, field 'truncated'"});
  testing::write_text(
      dir / "occ.txt",
      with_line(2, "Pedestrian 0.1 4 0.21 423.17 173.67 433.17 224.03 1.60 0.38 0.30 -5.12 1.71 18.76 0.13"));
  expect_input_error([&] { read_kitti_object_labels(dir / "occ.txt"); }, {"occ.txt", "line 2, field 'occluded'"});
  testing::write_text(dir / "zero.txt",
                      with_line(1, "Van 0.00 0 -1.57 599.41 156.40 629.75 189.25 2.85 0 12.34 0.47 1.49 69.44 -1.56"));
  expect_input_error([&] { read_kitti_object_labels(dir / "zero.txt"); }, {"zero.txt", "line 1, field 'width'"});
}

TEST(KittiLabels, MissingFileIsAnInputError) {
  TempDir dir;
  expect_input_error([&] { read_kitti_object_labels(dir / "000077.txt"); }, {"000077.txt", "no such file"});
}

TEST(KittiLabels, WriterRejectsTypesThatAreNotOneColumn) {
  TempDir dir;
  KittiObjectLabel label = testing::make_label("Police car", {1, 2, 3}, 1.5, 1.6, 4.0, 0.1);
  EXPECT_THROW(write_kitti_object_labels(dir / "out.txt", {label}), std::invalid_argument);
  label.type = "";
  EXPECT_THROW(write_kitti_object_labels(dir / "out.txt", {label}), std::invalid_argument);
  EXPECT_FALSE(std::filesystem::exists(dir / "out.txt"));
}

TEST(KittiLabels, RealFrame000008) {
  FL_REQUIRE_SHARED_DATA("kitti-object/training/label_2/000008.txt");
  const auto labels = read_kitti_object_labels(testing::shared_data("kitti-object/training/label_2/000008.txt"));
  ASSERT_EQ(labels.size(), 10u);
  int cars = 0, dont_care = 0;
  for (const auto& label : labels) {
    cars += label.type == "Car";
    dont_care += label.type == "DontCare";
  }
  EXPECT_EQ(cars, 6);
  EXPECT_EQ(dont_care, 4);
  EXPECT_EQ(labels[0].location.x, -2.70);
  EXPECT_EQ(labels[0].occluded, 3);
  EXPECT_EQ(labels[9].line, 10);
}

}  // namespace
}  // namespace fuselabel
