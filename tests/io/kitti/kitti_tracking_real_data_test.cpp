// KITTI's own tracking training labels (../shared/data/kitti-tracking/training: label_02 and
// calib of sequences 0000..0010); skipped when absent.
#include <gtest/gtest.h>

#include <algorithm>
#include <fstream>
#include <set>
#include <sstream>
#include <string>

#include "io/kitti/kitti_object_writer.h"
#include "io/kitti/kitti_tracking_drive.h"
#include "io/io_test_support.h"

namespace fuselabel {
namespace {

const char* const kRoot = "kitti-tracking/training";

std::unique_ptr<DriveReader> open_sequence(const std::string& sequence) {
  DriveOptions options;
  options.path = testing::shared_data(kRoot);
  options.selectors["sequence"] = sequence;
  return open_drive(options);
}

// Counted straight from the text, independently of the reader.
struct FileCounts {
  int64_t lines = 0, dont_care = 0, frames = 0;
  std::set<std::string> tracks;
};

FileCounts count_lines(const std::filesystem::path& file) {
  std::ifstream in(file);
  FileCounts counts;
  std::string line;
  while (std::getline(in, line)) {
    std::istringstream columns(line);
    std::string frame, track, type;
    if (!(columns >> frame >> track >> type)) continue;
    ++counts.lines;
    if (type == "DontCare") ++counts.dont_care;
    else counts.tracks.insert(track);
    counts.frames = std::max<int64_t>(counts.frames, std::stoll(frame) + 1);
  }
  return counts;
}

TEST(KittiTrackingRealData, AllElevenSequencesLoadWithTheirLabelCounts) {
  FL_REQUIRE_SHARED_DATA(kRoot);
  const std::vector<std::string> sequences = KittiTrackingDrive::sequences(testing::shared_data(kRoot));
  ASSERT_EQ(sequences.size(), 11u);
  for (int s = 0; s <= 10; ++s) {
    const std::string sequence = (s < 10 ? "000" : "00") + std::to_string(s);
    SCOPED_TRACE(sequence);
    EXPECT_EQ(sequences.at(size_t(s)), sequence);
    const FileCounts expected = count_lines(testing::shared_data(kRoot) / "label_02" / (sequence + ".txt"));
    const auto drive = open_sequence(sequence);
    const DriveSummary summary = drive->summarize();
    EXPECT_EQ(summary.format, "kitti-tracking");
    EXPECT_EQ(summary.image_box_labels, expected.lines);
    EXPECT_EQ(summary.cuboid_labels, expected.lines - expected.dont_care);
    EXPECT_EQ(summary.labels_per_class.at("DontCare"), expected.dont_care);
    EXPECT_EQ(summary.tracks, int64_t(expected.tracks.size()));
    EXPECT_EQ(int64_t(summary.frame_ids.size()), expected.frames);  // labels + calib only

    // Every frame loads, and together they hold every label once.
    int64_t cuboids = 0, boxes = 0;
    for (const std::string& id : drive->frame_ids()) {
      const FrameData frame = drive->load_frame(id);
      cuboids += int64_t(frame.cuboids.size());
      boxes += int64_t(frame.image_boxes.size());
    }
    EXPECT_EQ(cuboids, summary.cuboid_labels);
    EXPECT_EQ(boxes, summary.image_box_labels);
  }
}

TEST(KittiTrackingRealData, KnownSequenceFacts) {
  FL_REQUIRE_SHARED_DATA(kRoot);
  // KITTI tracking 0000: 154 frames, 15 tracks; 0006 has one unlabelled frame (268 of 0..268).
  const DriveSummary first = open_sequence("0000")->summarize();
  EXPECT_EQ(first.frame_ids.size(), 154u);
  EXPECT_EQ(first.tracks, 15);
  EXPECT_EQ(first.image_box_labels, 1089);
  EXPECT_EQ(open_sequence("0006")->summarize().frame_ids.size(), 270u);
}

// Sequence 0000, frame 0, line 3:
// 0 0 Van 0 0 -1.793451 296.744956 161.752147 455.226042 292.372804 2.000000 1.823255 4.433886
//   -4.552284 1.858523 13.410495 -2.115488
TEST(KittiTrackingRealData, AKnownLabelRoundTripsThroughTheLidarFrame) {
  FL_REQUIRE_SHARED_DATA(kRoot);
  const auto drive = open_sequence("0000");
  const FrameData frame = drive->load_frame("0");
  const CuboidLabel* van = nullptr;
  for (const CuboidLabel& cuboid : frame.cuboids)
    if (cuboid.id == "0000:0:3") van = &cuboid;
  ASSERT_NE(van, nullptr);
  EXPECT_EQ(van->track_id, "0");
  EXPECT_EQ(van->class_name, "Van");
  EXPECT_EQ(van->box.size.x, 4.433886);
  EXPECT_EQ(van->box.size.y, 1.823255);
  EXPECT_EQ(van->box.size.z, 2.0);
  // 13.4 m ahead of the camera, 4.6 m to its left, standing on the road ~1.7 m below the LiDAR.
  EXPECT_NEAR(van->box.center.x, 13.69, 0.05);
  EXPECT_NEAR(van->box.center.y, 4.56, 0.05);
  EXPECT_NEAR(van->box.center.z - van->box.size.z / 2, -1.74, 0.05);

  const KittiCalib& calib = dynamic_cast<const KittiTrackingDrive&>(*drive).calib();
  const KittiObjectLabel back = lidar_cuboid_to_kitti_label(van->box, calib, van->class_name);
  EXPECT_NEAR(back.location.x, -4.552284, 1e-9);
  EXPECT_NEAR(back.location.y, 1.858523, 1e-9);
  EXPECT_NEAR(back.location.z, 13.410495, 1e-9);
  EXPECT_NEAR(back.rotation_y, -2.115488, 1e-9);
  EXPECT_NEAR(back.height, 2.0, 1e-12);
}

}  // namespace
}  // namespace fuselabel
