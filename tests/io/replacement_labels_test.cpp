// DriveReader::read_replacement_labels (prelabel --labels): native drives by label set name or
// JSON file, KITTI tracking drives by a file of label_02 lines, checked against the drive; the
// other formats refuse.
#include <gtest/gtest.h>

#include <filesystem>
#include <string>

#include "io/drive_reader.h"
#include "io/io_test_support.h"
#include "io/kitti/kitti_object_writer.h"
#include "io/kitti/kitti_tracking_test_fixture.h"
#include "io/native/native_drive_fixture.h"
#include "io/native/native_drive_reader.h"
#include "io/nuscenes/nuscenes_fixture.h"

namespace fuselabel {
namespace {

using testing::expect_input_error;
using testing::TempDir;

void expect_same_box(const Cuboidd& a, const Cuboidd& b) {
  EXPECT_EQ(a.center.x, b.center.x);
  EXPECT_EQ(a.center.y, b.center.y);
  EXPECT_EQ(a.center.z, b.center.z);
  EXPECT_EQ(a.size.x, b.size.x);
  EXPECT_EQ(a.size.y, b.size.y);
  EXPECT_EQ(a.size.z, b.size.z);
  EXPECT_EQ(a.rotation.w, b.rotation.w);
  EXPECT_EQ(a.rotation.x, b.rotation.x);
  EXPECT_EQ(a.rotation.y, b.rotation.y);
  EXPECT_EQ(a.rotation.z, b.rotation.z);
}

// Every field of both sets, exactly.
void expect_same_labels(const LabelSet& a, const LabelSet& b) {
  EXPECT_EQ(a.name, b.name);
  EXPECT_EQ(a.taxonomy, b.taxonomy);
  EXPECT_EQ(a.frame, b.frame);
  ASSERT_EQ(a.tracks.size(), b.tracks.size());
  for (size_t i = 0; i < a.tracks.size(); ++i) {
    EXPECT_EQ(a.tracks[i].track_id, b.tracks[i].track_id);
    EXPECT_EQ(a.tracks[i].class_name, b.tracks[i].class_name);
    EXPECT_EQ(a.tracks[i].attributes, b.tracks[i].attributes);
  }
  ASSERT_EQ(a.boxes.size(), b.boxes.size());
  for (size_t i = 0; i < a.boxes.size(); ++i) {
    const CuboidLabel &x = a.boxes[i], &y = b.boxes[i];
    EXPECT_EQ(x.id, y.id);
    EXPECT_EQ(x.track_id, y.track_id);
    EXPECT_EQ(x.class_name, y.class_name);
    EXPECT_EQ(x.frame, y.frame);
    EXPECT_EQ(x.timestamp_us, y.timestamp_us);
    expect_same_box(x.box, y.box);
    EXPECT_EQ(x.source, y.source);
    EXPECT_EQ(x.confidence, y.confidence);
    EXPECT_EQ(x.velocity.has_value(), y.velocity.has_value());
    EXPECT_EQ(x.attributes, y.attributes);
  }
  ASSERT_EQ(a.boxes_2d.size(), b.boxes_2d.size());
  for (size_t i = 0; i < a.boxes_2d.size(); ++i) {
    const ImageBoxLabel &x = a.boxes_2d[i], &y = b.boxes_2d[i];
    EXPECT_EQ(x.id, y.id);
    EXPECT_EQ(x.track_id, y.track_id);
    EXPECT_EQ(x.class_name, y.class_name);
    EXPECT_EQ(x.camera, y.camera);
    EXPECT_EQ(x.timestamp_us, y.timestamp_us);
    EXPECT_EQ(x.box.x1, y.box.x1);
    EXPECT_EQ(x.box.y1, y.box.y1);
    EXPECT_EQ(x.box.x2, y.box.x2);
    EXPECT_EQ(x.box.y2, y.box.y2);
    EXPECT_EQ(x.cuboid_id, y.cuboid_id);
    EXPECT_EQ(x.frame, y.frame);
  }
}

class NativeReplacementLabels : public ::testing::Test {
 protected:
  void SetUp() override { sample_ = testing::write_sample_drive(dir_ / "drive"); }
  TempDir dir_;
  testing::SampleDrive sample_;
};

TEST_F(NativeReplacementLabels, ByLabelSetName) {
  const NativeDriveReader reader(dir_ / "drive");  // opened with its default set, ground_truth
  const LabelSet keyframes = reader.read_replacement_labels("keyframes");
  expect_same_labels(keyframes, NativeDriveReader(dir_ / "drive", "keyframes").drive().labels);
  EXPECT_EQ(keyframes.name, "keyframes");
  EXPECT_EQ(keyframes.frame, LabelFrame::World);
  ASSERT_FALSE(keyframes.boxes.empty());
  EXPECT_LT(keyframes.boxes.size(), sample_.ground_truth.boxes.size());
  for (const CuboidLabel& b : keyframes.boxes) EXPECT_EQ(b.source, LabelSource::Keyframe);
  EXPECT_EQ(reader.drive().labels.name, "ground_truth");  // the drive's own labels are untouched
}

TEST_F(NativeReplacementLabels, ByJsonFileOutsideTheDrive) {
  const std::filesystem::path file = dir_ / "elsewhere/detector_keyframes.json";
  std::filesystem::create_directories(file.parent_path());
  std::filesystem::copy_file(dir_ / "drive/labels/keyframes.json", file);
  const NativeDriveReader reader(dir_ / "drive");
  LabelSet expected = reader.read_replacement_labels("keyframes");
  expected.name = "detector_keyframes";  // a file's set is named by its stem
  expect_same_labels(reader.read_replacement_labels(file.string()), expected);
}

TEST_F(NativeReplacementLabels, JsonFileIsCheckedAgainstTheDrive) {
  LabelSet labels = sample_.ground_truth;
  labels.boxes.back().frame = 9;  // written last (boxes are sorted by frame)
  const std::filesystem::path file = dir_ / "beyond.json";
  write_label_set(file, labels);
  const NativeDriveReader reader(dir_ / "drive");
  expect_input_error([&] { reader.read_replacement_labels(file.string()); },
                     {file.string(), "boxes[" + std::to_string(labels.boxes.size() - 1) + "].frame", "no such LiDAR frame"});
}

TEST_F(NativeReplacementLabels, UnknownNameListsTheDrivesSets) {
  const NativeDriveReader reader(dir_ / "drive");
  for (const std::string& value : std::vector<std::string>{"detections", "", (dir_ / "missing.json").string()})
    expect_input_error([&] { reader.read_replacement_labels(value); },
                       {"drive.yaml", "'" + value + "'", "available: ground_truth, keyframes", "JSON file"});
}

TEST_F(NativeReplacementLabels, KittiLinesAreNotJson) {
  const std::filesystem::path file = dir_ / "label_02.txt";
  testing::write_text(file, testing::kTrackingLabels);
  const NativeDriveReader reader(dir_ / "drive");
  expect_input_error([&] { reader.read_replacement_labels(file.string()); }, {file.string(), "not valid JSON", "line 1"});
}

class KittiTrackingReplacementLabels : public ::testing::Test {
 protected:
  void SetUp() override {
    testing::write_sequence(dir_.path(), "0003", {});
    drive_ = testing::open_sequence(dir_.path(), "0003");
  }
  // Writes `text` outside the drive and returns the file.
  std::string replacement(const std::string& text) const {
    testing::write_text(dir_ / "keyframes.txt", text);
    return (dir_ / "keyframes.txt").string();
  }
  TempDir dir_;
  std::unique_ptr<DriveReader> drive_;
};

TEST_F(KittiTrackingReplacementLabels, TheDrivesOwnFileGivesExactlyItsLabels) {
  const LabelSet& own = drive_->drive().labels;
  ASSERT_EQ(own.boxes.size(), 4u);
  expect_same_labels(drive_->read_replacement_labels((dir_ / "label_02/0003.txt").string()), own);
  expect_same_labels(drive_->read_replacement_labels(replacement(testing::kTrackingLabels)), own);
}

TEST_F(KittiTrackingReplacementLabels, KeyframesKeepTheLabelIdScheme) {
  const LabelSet labels = drive_->read_replacement_labels(
      replacement("\n3 0 Car 0 0 -1.57 601.00 156.00 631.00 189.00 2.85 2.63 12.34 0.47 1.49 67.44 -1.56\n"));
  ASSERT_EQ(labels.boxes.size(), 1u);
  EXPECT_EQ(labels.boxes[0].id, "0003:3:2");  // sequence:frame:line of the given file
  EXPECT_EQ(labels.boxes[0].frame, 3);
  EXPECT_EQ(labels.boxes[0].timestamp_us, 3 * KittiTrackingDrive::kFramePeriodUs);
  EXPECT_EQ(labels.frame, LabelFrame::Lidar);
  ASSERT_EQ(labels.tracks.size(), 1u);
  EXPECT_EQ(labels.tracks[0].track_id, "0");
  EXPECT_EQ(labels.tracks[0].class_name, "Car");
  ASSERT_EQ(labels.boxes_2d.size(), 1u);
  EXPECT_EQ(labels.boxes_2d[0].cuboid_id, "0003:3:2");
}

TEST_F(KittiTrackingReplacementLabels, FrameTheSequenceLacks) {
  const std::string file = replacement(
      "0 0 Car 0 0 -1.57 599.41 156.40 629.75 189.25 2.85 2.63 12.34 0.47 1.49 69.44 -1.56\n"
      "812 0 Car 0 0 -1.57 600.00 156.00 630.00 189.00 2.85 2.63 12.34 0.47 1.49 68.44 -1.56\n");
  expect_input_error([&] { drive_->read_replacement_labels(file); },
                     {file, "line 2, field 'frame'", "frame 812 is beyond sequence 0003's frames 0..3"});
}

TEST_F(KittiTrackingReplacementLabels, MalformedLines) {
  const std::string car = "0 0 Car 0 0 -1.57 599.41 156.40 629.75 189.25 2.85 2.63 12.34 0.47 1.49 69.44 -1.56\n";
  std::string file = replacement(car + "2 0 Car 0 0 -1.57 600.00 156.00 630.00 189.00 2.85 2.63 12.34\n");
  expect_input_error([&] { drive_->read_replacement_labels(file); }, {file, "line 2", "expected 17 columns"});
  file = replacement(car + "two 1 Car 0 0 -1.57 600.00 156.00 630.00 189.00 2.85 2.63 12.34 0.47 1.49 68.44 -1.56\n");
  expect_input_error([&] { drive_->read_replacement_labels(file); }, {file, "line 2, field 'frame'", "not an integer"});
  file = replacement(car + car);
  expect_input_error([&] { drive_->read_replacement_labels(file); }, {file, "line 2, field 'track_id'", "(line 1)"});
}

TEST_F(KittiTrackingReplacementLabels, LabelSetJsonIsRefusedAtLine1) {
  const std::filesystem::path file = dir_ / "keyframes.json";
  write_label_set(file, testing::sample_labels(testing::write_sample_drive(dir_ / "native").drive));
  expect_input_error([&] { drive_->read_replacement_labels(file.string()); },
                     {file.string(), "line 1", "a JSON file, not KITTI tracking label lines"});
}

TEST_F(KittiTrackingReplacementLabels, MissingFile) {
  const std::string file = (dir_ / "nothing.txt").string();
  expect_input_error([&] { drive_->read_replacement_labels(file); }, {file});
  expect_input_error([&] { drive_->read_replacement_labels(""); }, {"--labels", "empty"});
}

TEST(ReplacementLabels, KittiObjectDriveRefuses) {
  TempDir dir;
  write_kitti_calib(dir / "calib/000000.txt", testing::orthonormal_calib());
  testing::write_text(dir / "label_2/000000.txt", testing::sample_label_text());
  const auto drive = open_drive(dir.path());
  ASSERT_EQ(drive->format(), "kitti-object");
  expect_input_error([&] { drive->read_replacement_labels((dir / "label_2/000000.txt").string()); },
                     {dir.path().string(), "--labels", "a kitti-object drive takes --labels as an OpenLABEL file only"});
}

TEST(ReplacementLabels, NuscenesDriveRefuses) {
  TempDir dir;
  testing::NuscenesFixture fixture;
  fixture.root = dir.path();
  testing::write_nuscenes_fixture(fixture);
  const auto drive = open_drive(fixture.scene_options());
  expect_input_error([&] { drive->read_replacement_labels("keyframes.json"); },
                     {dir.path().string(), "--labels keyframes.json", "a nuscenes drive takes --labels as an OpenLABEL file only"});
}

}  // namespace
}  // namespace fuselabel
