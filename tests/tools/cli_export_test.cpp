// fuselabel export as a user runs it: KITTI back to KITTI byte for byte, OpenLABEL files another
// tool wrote to KITTI within their rounding, KITTI -> OpenLABEL -> KITTI within print precision,
// native -> OpenLABEL -> native keeping tracks, classes and sources, schema-valid OpenLABEL from
// export and from prelabel on an OpenLABEL drive, and the output folder rules.
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <map>
#include <sstream>
#include <tuple>

#include "io/drive_reader.h"
#include "io/openlabel/openlabel_schema_check.h"
#include "test_support.h"
#include "tools/cli_support.h"

namespace fuselabel {
namespace {

namespace fs = std::filesystem;
using testing::run_cli;

const char* kKittiTracking = "kitti-tracking/training";
const char* kKittiObject = "kitti-object/training";
const char* kVcdFolder = "openlabel/vcd-kitti-tracking";

std::string quoted(const fs::path& p) { return "'" + p.string() + "'"; }

std::string sequence_name(int s) {
  char name[8];
  std::snprintf(name, sizeof name, "%04d", s);
  return name;
}

fs::path vcd_file(const std::string& sequence) {
  return testing::shared_data(kVcdFolder) / ("openlabel100_kitti_tracking_" + sequence + ".json");
}

// A label_02 file's lines as columns, ordered by (frame, track id, x1), so files whose lines
// come in another order within a frame compare line by line.
using Lines = std::multimap<std::tuple<int, int, double>, std::vector<std::string>>;
Lines read_lines(const fs::path& file) {
  Lines lines;
  std::istringstream in(testing::read_text(file));
  for (std::string line; std::getline(in, line);) {
    std::istringstream fields(line);
    std::vector<std::string> columns;
    for (std::string c; fields >> c;) columns.push_back(c);
    if (columns.size() < 17) continue;
    lines.insert({{std::stoi(columns[0]), std::stoi(columns[1]), std::stod(columns[6])}, columns});
  }
  return lines;
}

// Largest difference of the numeric columns after the type (the columns 3..16), over matching
// lines; the types and counts must agree.
double largest_difference(const Lines& a, const Lines& b, bool alpha_too = true) {
  EXPECT_EQ(a.size(), b.size());
  double worst = 0;
  auto j = b.begin();
  for (auto i = a.begin(); i != a.end() && j != b.end(); ++i, ++j) {
    EXPECT_EQ(i->second[0], j->second[0]);  // frame
    EXPECT_EQ(i->second[1], j->second[1]);  // track id
    EXPECT_EQ(i->second[2], j->second[2]);  // type
    for (size_t c = 3; c < 17; ++c) {
      if (c == 5 && !alpha_too) continue;
      worst = std::max(worst, std::abs(std::stod(i->second[c]) - std::stod(j->second[c])));
    }
  }
  return worst;
}

TEST(CliExport, KittiTrackingSequencesComeBackByteForByte) {
  FL_REQUIRE_SHARED_DATA(kKittiTracking);
  const testing::TempDir dir;
  for (int s = 0; s <= 10; ++s) {
    const std::string sequence = sequence_name(s);
    const fs::path out = dir.path() / sequence;
    const auto run = run_cli("export --drive " + quoted(testing::shared_data(kKittiTracking)) + " --sequence " + sequence +
                             " --format kitti-tracking --out " + quoted(out));
    ASSERT_EQ(run.exit_code, 0) << run.output;
    EXPECT_EQ(testing::read_text(out / "label_02" / (sequence + ".txt")),
              testing::read_text(testing::shared_data(kKittiTracking) / "label_02" / (sequence + ".txt")))
        << sequence;
    EXPECT_TRUE(fs::exists(out / "calib" / (sequence + ".txt")));
  }
}

TEST(CliExport, KittiObjectFrameComesBackByteForByte) {
  FL_REQUIRE_SHARED_DATA(kKittiObject);
  const testing::TempDir dir;
  const auto run = run_cli("export --drive " + quoted(testing::shared_data(kKittiObject)) + " --format kitti --out " +
                           quoted(dir.path() / "out"));
  ASSERT_EQ(run.exit_code, 0) << run.output;
  EXPECT_EQ(testing::read_text(dir.path() / "out/label_2/000008.txt"),
            testing::read_text(testing::shared_data(kKittiObject) / "label_2/000008.txt"));
  // The calibration is KITTI's own, printed as KITTI prints it (trailing blanks aside).
  const auto run2 = run_cli("info --drive " + quoted(dir.path() / "out"));
  EXPECT_EQ(run2.exit_code, 0) << run2.output;
}

// VCD's OpenLABEL (2-decimal truncation) back to KITTI: label_02 within 0.02 in every field.
TEST(CliExport, OpenLabelFromAnotherToolToKittiTracking) {
  FL_REQUIRE_SHARED_DATA(kVcdFolder);
  FL_REQUIRE_SHARED_DATA(kKittiTracking);
  const testing::TempDir dir;
  for (int s : {0, 4, 9}) {
    const std::string sequence = sequence_name(s);
    const fs::path out = dir.path() / sequence;
    const auto run = run_cli("export --drive " + quoted(vcd_file(sequence)) + " --format kitti-tracking --out " + quoted(out));
    ASSERT_EQ(run.exit_code, 0) << run.output;
    const double worst = largest_difference(read_lines(testing::shared_data(kKittiTracking) / "label_02" / (sequence + ".txt")),
                                            read_lines(out / "label_02/0000.txt"));
    EXPECT_LE(worst, 0.02 + 1e-6) << sequence;
  }
}

// KITTI -> OpenLABEL -> KITTI: every field within the 6 printed decimals.
TEST(CliExport, KittiToOpenLabelToKittiWithinPrintPrecision) {
  FL_REQUIRE_SHARED_DATA(kKittiTracking);
  const testing::TempDir dir;
  for (const std::string sequence : {"0001", "0008"}) {
    const fs::path openlabel = dir.path() / (sequence + "-openlabel");
    auto run = run_cli("export --drive " + quoted(testing::shared_data(kKittiTracking)) + " --sequence " + sequence +
                       " --format openlabel --out " + quoted(openlabel));
    ASSERT_EQ(run.exit_code, 0) << run.output;
    const fs::path kitti = dir.path() / (sequence + "-kitti");
    run = run_cli("export --drive " + quoted(openlabel / "openlabel.json") + " --format kitti-tracking --out " + quoted(kitti));
    ASSERT_EQ(run.exit_code, 0) << run.output;
    const double worst = largest_difference(read_lines(testing::shared_data(kKittiTracking) / "label_02" / (sequence + ".txt")),
                                            read_lines(kitti / "label_02/0000.txt"));
    EXPECT_LE(worst, 1.01e-6) << sequence;
  }
}

TEST(CliExport, OpenLabelOfEveryDriveKindValidatesAgainstTheSchema) {
  const testing::TempDir dir;
  std::vector<std::string> drives = {quoted(testing::source_dir() / "data-samples/drive")};
  if (fs::exists(testing::shared_data(kKittiTracking)))
    drives.push_back(quoted(testing::shared_data(kKittiTracking)) + " --sequence 0003");
  if (fs::exists(testing::shared_data(kVcdFolder))) drives.push_back(quoted(vcd_file("0002")));
  int n = 0;
  for (const std::string& drive : drives) {
    const fs::path out = dir.path() / std::to_string(n++);
    const auto run = run_cli("export --drive " + drive + " --format openlabel --out " + quoted(out));
    ASSERT_EQ(run.exit_code, 0) << run.output;
    FL_EXPECT_VALID_OPENLABEL(out / "openlabel.json");
  }
}

// native -> OpenLABEL -> native: the same tracks, classes, sources and boxes.
TEST(CliExport, NativeToOpenLabelAndBackKeepsTracksClassesAndSources) {
  const testing::TempDir dir;
  const fs::path drive = testing::source_dir() / "data-samples/drive";
  const auto run = run_cli("export --drive " + quoted(drive) + " --format openlabel --out " + quoted(dir.path() / "ol"));
  ASSERT_EQ(run.exit_code, 0) << run.output;
  const auto reader = open_drive(drive);
  const LabelSet& want = reader->drive().labels;
  const LabelSet got = reader->read_replacement_labels((dir.path() / "ol/openlabel.json").string());
  ASSERT_EQ(got.tracks.size(), want.tracks.size());
  for (const Track& t : want.tracks) {
    ASSERT_NE(got.track(t.track_id), nullptr) << t.track_id;
    EXPECT_EQ(got.track(t.track_id)->class_name, t.class_name);
  }
  ASSERT_EQ(got.boxes.size(), want.boxes.size());
  std::map<std::pair<int64_t, std::string>, const CuboidLabel*> by_key;
  for (const CuboidLabel& b : got.boxes) by_key[{b.frame, b.track_id}] = &b;
  for (const CuboidLabel& b : want.boxes) {
    const CuboidLabel* r = by_key.at({b.frame, b.track_id});
    EXPECT_EQ(r->source, b.source);
    EXPECT_EQ(r->confidence, b.confidence);
    EXPECT_EQ(r->timestamp_us, b.timestamp_us);
    EXPECT_NEAR(r->box.center.x, b.box.center.x, 1e-9);
    EXPECT_NEAR(r->box.center.y, b.box.center.y, 1e-9);
    EXPECT_EQ(r->box.size.x, b.box.size.x);
  }
  // Boxes on camera samples no frame holds have no OpenLABEL frame (12 Hz cameras, 10 Hz LiDAR).
  const std::vector<int64_t> frames = frames_of_image_boxes(reader->drive(), want.boxes_2d);
  const auto outside = std::count(frames.begin(), frames.end(), -1);
  EXPECT_GT(outside, 0);
  EXPECT_NE(run.output.find(std::to_string(outside) + " 2D boxes on camera samples no frame holds"), std::string::npos)
      << run.output;
  EXPECT_EQ(int64_t(got.boxes_2d.size()), int64_t(want.boxes_2d.size()) - outside);
}

// prelabel on an OpenLABEL drive writes OUT/openlabel.json, which reads back as a drive and
// validates; the ego poses of the file place the propagated cuboids.
TEST(CliExport, PrelabelOnAnOpenLabelDriveWritesOpenLabel) {
  FL_REQUIRE_SHARED_DATA(kVcdFolder);
  const testing::TempDir dir;
  const auto run = run_cli("prelabel --drive " + quoted(vcd_file("0006")) + " --labels " + quoted(vcd_file("0006")) +
                           " --out " + quoted(dir.path() / "pl"));
  ASSERT_EQ(run.exit_code, 0) << run.output;
  const auto out = open_drive(dir.path() / "pl/openlabel.json");
  const auto in = open_drive(vcd_file("0006"));
  EXPECT_EQ(out->drive().frames.size(), in->drive().frames.size());
  EXPECT_EQ(out->drive().labels.tracks.size(), in->drive().labels.tracks.size());
  EXPECT_EQ(out->drive().trajectory.poses.size(), in->drive().trajectory.poses.size());
  FL_EXPECT_VALID_OPENLABEL(dir.path() / "pl/openlabel.json");
}

TEST(CliExport, OutputFolderRules) {
  const testing::TempDir dir;
  const fs::path drive = testing::source_dir() / "data-samples/drive";
  const fs::path out = dir.path() / "out";
  // A folder holding someone's files is never written into.
  testing::write_text(out / "notes.txt", "mine");
  auto run = run_cli("export --drive " + quoted(drive) + " --format openlabel --out " + quoted(out));
  EXPECT_EQ(run.exit_code, 2) << run.output;
  EXPECT_NE(run.output.find("not empty"), std::string::npos) << run.output;
  run = run_cli("export --drive " + quoted(drive) + " --format openlabel --out " + quoted(out) + " --force");
  EXPECT_NE(run.exit_code, 0) << run.output;  // --force replaces only what fuselabel wrote
  EXPECT_EQ(testing::read_text(out / "notes.txt"), "mine");
  // An earlier export is replaced with --force only.
  const fs::path again = dir.path() / "again";
  ASSERT_EQ(run_cli("export --drive " + quoted(drive) + " --format openlabel --out " + quoted(again)).exit_code, 0);
  EXPECT_EQ(run_cli("export --drive " + quoted(drive) + " --format openlabel --out " + quoted(again)).exit_code, 2);
  EXPECT_EQ(run_cli("export --drive " + quoted(drive) + " --format openlabel --out " + quoted(again) + " --force").exit_code, 0);
  // A failed export leaves nothing: the sample's front-left camera is distorted, which KITTI
  // cannot hold.
  const fs::path failed = dir.path() / "failed";
  run = run_cli("export --drive " + quoted(drive) + " --format kitti --camera CAM_FRONT_LEFT --out " + quoted(failed));
  EXPECT_EQ(run.exit_code, 1) << run.output;
  EXPECT_NE(run.output.find("distortion"), std::string::npos) << run.output;
  EXPECT_FALSE(fs::exists(failed));
}

// The sample drive's front camera to KITTI: cuboids it does not see are left out unless
// --all-objects, and every written line reads back.
TEST(CliExport, KittiFromASimulatedDrive) {
  const testing::TempDir dir;
  const fs::path drive = testing::source_dir() / "data-samples/drive";
  auto run = run_cli("export --drive " + quoted(drive) + " --format kitti-tracking --camera CAM_FRONT --out " +
                     quoted(dir.path() / "seen"));
  ASSERT_EQ(run.exit_code, 0) << run.output;
  EXPECT_NE(run.output.find("does not see"), std::string::npos) << run.output;
  run = run_cli("export --drive " + quoted(drive) + " --format kitti-tracking --camera CAM_FRONT --all-objects --out " +
                quoted(dir.path() / "all"));
  ASSERT_EQ(run.exit_code, 0) << run.output;
  // Occlusion levels from the LiDAR's visible share where a cuboid has 10 points or more, else 3
  // (unknown): the sample's distant pedestrians have a handful.
  std::map<std::string, int> levels;
  for (const auto& [key, columns] : read_lines(dir.path() / "seen/label_02/0000.txt")) ++levels[columns[4]];
  EXPECT_GT(levels["0"], 50);
  EXPECT_GT(levels["1"] + levels["2"], 0);
  EXPECT_GT(levels["3"], 0);
  for (const auto& [level, count] : levels) EXPECT_TRUE(level == "0" || level == "1" || level == "2" || level == "3") << level;
  const size_t seen = read_lines(dir.path() / "seen/label_02/0000.txt").size();
  const size_t all = read_lines(dir.path() / "all/label_02/0000.txt").size();
  EXPECT_GT(seen, 0u);
  EXPECT_GT(all, seen);
  run = run_cli("info --drive " + quoted(dir.path() / "seen") + " --sequence 0000");
  EXPECT_EQ(run.exit_code, 0) << run.output;
}

}  // namespace
}  // namespace fuselabel
