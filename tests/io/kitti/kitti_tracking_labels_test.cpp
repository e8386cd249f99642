#include <gtest/gtest.h>

#include "io/kitti/kitti_tracking.h"
#include "io/io_test_support.h"

namespace fuselabel {
namespace {

using testing::expect_input_error;
using testing::TempDir;

// Lines as KITTI's label_02 files spell them (DontCare with -1 placeholders, six decimals).
const char* const kValidLines =
    "0 -1 DontCare -1 -1 -10.000000 219.310000 188.490000 245.500000 218.560000 -1000.000000 -1000.000000 "
    "-1000.000000 -10.000000 -1.000000 -1.000000 -1.000000\n"
    "0 0 Van 0 0 -1.793451 296.744956 161.752147 455.226042 292.372804 2.000000 1.823255 4.433886 -4.552284 "
    "1.858523 13.410495 -2.115488\n"
    "1 0 Van 2 1 -1.8 290.0 160.0 450.0 290.0 2.0 1.82 4.43 -4.6 1.86 13.2 -2.1\n"
    "1 7 Person 1 3 0.5 700.0 150.0 720.0 210.0 1.2 0.6 0.8 2.0 1.6 20.0 0.4 0.87\n";

std::filesystem::path write_labels(const TempDir& dir, const std::string& text) {
  const std::filesystem::path file = dir / "label_02/0004.txt";
  testing::write_text(file, text);
  return file;
}

TEST(KittiTrackingLabels, ParsesFrameTrackAndObjectColumns) {
  TempDir dir;
  const auto labels = read_kitti_tracking_labels(write_labels(dir, kValidLines));
  ASSERT_EQ(labels.size(), 4u);
  EXPECT_EQ(labels[0].frame, 0);
  EXPECT_EQ(labels[0].track_id, -1);
  EXPECT_EQ(labels[0].object.type, "DontCare");
  EXPECT_EQ(labels[0].object.truncated, -1);
  EXPECT_EQ(labels[0].object.box2d.x2, 245.5);

  const KittiTrackingLabel& van = labels[1];
  EXPECT_EQ(van.frame, 0);
  EXPECT_EQ(van.track_id, 0);
  EXPECT_EQ(van.object.line, 2);
  EXPECT_EQ(van.object.type, "Van");
  EXPECT_EQ(van.object.occluded, 0);
  EXPECT_EQ(van.object.alpha, -1.793451);
  EXPECT_EQ(van.object.box2d.y2, 292.372804);
  EXPECT_EQ(van.object.height, 2.0);
  EXPECT_EQ(van.object.width, 1.823255);
  EXPECT_EQ(van.object.length, 4.433886);
  EXPECT_EQ(van.object.location.x, -4.552284);
  EXPECT_EQ(van.object.location.z, 13.410495);
  EXPECT_EQ(van.object.rotation_y, -2.115488);
  EXPECT_FALSE(van.object.score);

  EXPECT_EQ(labels[2].object.truncated, 2);  // a truncation level, not a fraction
  EXPECT_EQ(labels[3].object.type, "Person");  // the tracking files' name for a sitting person
  EXPECT_EQ(labels[3].object.occluded, 3);
  ASSERT_TRUE(labels[3].object.score);
  EXPECT_EQ(*labels[3].object.score, 0.87);
}

TEST(KittiTrackingLabels, EmptyFileAndBlankLinesAreFine) {
  TempDir dir;
  EXPECT_TRUE(read_kitti_tracking_labels(write_labels(dir, "")).empty());
  const auto labels = read_kitti_tracking_labels(write_labels(dir, std::string("\n") + kValidLines + "\r\n\n"));
  ASSERT_EQ(labels.size(), 4u);
  EXPECT_EQ(labels[1].object.line, 3);
}

struct Corruption {
  const char* line;  // replaces the second line of kValidLines
  const char* field;  // expected in the message, after "line 2"
  const char* problem;
};

TEST(KittiTrackingLabels, EveryCorruptionNamesFileLineAndField) {
  const Corruption corruptions[] = {
      {"0 0 Van 0 0 -1.79 296.7 161.7 455.2 292.3 2.0 1.8 4.4 -4.5 1.8 13.4", "", "expected 17 columns (18 with score), found 16"},
      {"0.5 0 Van 0 0 -1.79 296.7 161.7 455.2 292.3 2.0 1.8 4.4 -4.5 1.8 13.4 -2.1", ", field 'frame'", "is not an integer"},
      {"-3 0 Van 0 0 -1.79 296.7 161.7 455.2 292.3 2.0 1.8 4.4 -4.5 1.8 13.4 -2.1", ", field 'frame'", "must be in 0..999999"},
      {"1000000 0 Van 0 0 -1.79 296.7 161.7 455.2 292.3 2.0 1.8 4.4 -4.5 1.8 13.4 -2.1", ", field 'frame'", "must be in"},
      {"0 x Van 0 0 -1.79 296.7 161.7 455.2 292.3 2.0 1.8 4.4 -4.5 1.8 13.4 -2.1", ", field 'track_id'", "not an integer"},
      {"0 -1 Van 0 0 -1.79 296.7 161.7 455.2 292.3 2.0 1.8 4.4 -4.5 1.8 13.4 -2.1", ", field 'track_id'", "only DontCare"},
      {"0 4 DontCare -1 -1 -10 1 2 3 4 -1 -1 -1 -1000 -1000 -1000 -10", ", field 'track_id'", "belong to no track"},
      {"0 0 Bus 0 0 -1.79 296.7 161.7 455.2 292.3 2.0 1.8 4.4 -4.5 1.8 13.4 -2.1", ", field 'type'", "unknown type 'Bus'"},
      {"0 0 Van 0.5 0 -1.79 296.7 161.7 455.2 292.3 2.0 1.8 4.4 -4.5 1.8 13.4 -2.1", ", field 'truncated'", "not an integer"},
      {"0 0 Van 3 0 -1.79 296.7 161.7 455.2 292.3 2.0 1.8 4.4 -4.5 1.8 13.4 -2.1", ", field 'truncated'", "must be 0, 1, 2 or -1"},
      {"0 0 Van 0 4 -1.79 296.7 161.7 455.2 292.3 2.0 1.8 4.4 -4.5 1.8 13.4 -2.1", ", field 'occluded'", "must be"},
      {"0 0 Van 0 0 -1.79 296.7 161.7 455.2 292.3 0 1.8 4.4 -4.5 1.8 13.4 -2.1", ", field 'height'", "is not a box size"},
      {"0 0 Van 0 0 -1.79 296.7 161.7 455.2 292.3 2.0 1.8 4.4 nan 1.8 13.4 -2.1", ", field 'location_x'", "not a finite number"},
      {"0 0 Van 0 0 -1.79 500.0 161.7 455.2 292.3 2.0 1.8 4.4 -4.5 1.8 13.4 -2.1", ", field 'bbox_right'", "left of"},
      {"0 0 Van 0 0 -1.79 296.7 161.7 455.2 292.3 2.0 1.8 4.4 -4.5 1.8 13.4 -2.1 high", ", field 'score'", "not a finite"},
  };
  for (const Corruption& c : corruptions) {
    SCOPED_TRACE(c.line);
    TempDir dir;
    const auto file = write_labels(dir, std::string(
        "0 -1 DontCare -1 -1 -10 219.31 188.49 245.5 218.56 -1 -1 -1 -1000 -1000 -1000 -10\n") + c.line + "\n");
    expect_input_error([&] { read_kitti_tracking_labels(file); },
                       {"label_02/0004.txt", std::string("line 2") + c.field, c.problem});
  }
}

TEST(KittiTrackingLabels, TrackWithTwoBoxesInOneFrameNamesBothLines) {
  TempDir dir;
  const auto file = write_labels(dir, std::string(kValidLines) +
                                          "1 7 Person 0 0 0.5 10 20 30 40 1.2 0.6 0.8 2.0 1.6 20.0 0.4\n");
  expect_input_error([&] { read_kitti_tracking_labels(file); },
                     {"label_02/0004.txt", "line 5, field 'track_id'", "track 7 already has a box in frame 1 (line 4)"});
}

TEST(KittiTrackingLabels, MissingFileIsNamed) {
  TempDir dir;
  expect_input_error([&] { read_kitti_tracking_labels(dir / "label_02/0009.txt"); }, {"0009.txt", "no such file"});
}

// Cut anywhere, a file is either still valid or one InputError -- never another exception.
TEST(KittiTrackingLabels, EveryTruncationIsValidOrAnInputError) {
  TempDir dir;
  const std::string text = kValidLines;
  int valid = 0;
  for (size_t size = 0; size <= text.size(); ++size) {
    const auto file = write_labels(dir, text.substr(0, size));
    try {
      read_kitti_tracking_labels(file);
      ++valid;
    } catch (const InputError&) {
    } catch (const std::exception& e) {
      ADD_FAILURE() << "cut at " << size << ": " << e.what();
    }
  }
  EXPECT_GT(valid, 4);  // at least the cuts at line ends
  EXPECT_LT(valid, int(text.size()));
}

// The column parser is shared: the object benchmark keeps its own rules.
TEST(KittiTrackingLabels, ObjectFlavourKeepsObjectRules) {
  TempDir dir;
  testing::write_text(dir / "person.txt", "Person 0.00 0 0.5 700 150 720 210 1.2 0.6 0.8 2.0 1.6 20.0 0.4\n");
  expect_input_error([&] { read_kitti_object_labels(dir / "person.txt"); }, {"line 1, field 'type'", "unknown type"});
  testing::write_text(dir / "level.txt", "Car 2 0 0.5 700 150 720 210 1.2 0.6 0.8 2.0 1.6 20.0 0.4\n");
  expect_input_error([&] { read_kitti_object_labels(dir / "level.txt"); }, {"line 1, field 'truncated'", "[0, 1]"});
  testing::write_text(dir / "fraction.txt", "Car 0.25 0 0.5 700 150 720 210 1.2 0.6 0.8 2.0 1.6 20.0 0.4\n");
  EXPECT_EQ(read_kitti_object_labels(dir / "fraction.txt").at(0).truncated, 0.25);
}

}  // namespace
}  // namespace fuselabel
