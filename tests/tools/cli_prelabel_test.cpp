// `fuselabel prelabel` end to end through the program (issue 11) on the committed sample drive
// (native, world-frame labels and LiDAR points). KITTI tracking, bad --labels and
// eval-propagation: cli_prelabel_kitti_test.cpp. docs/prelabel.md.
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <cstring>
#include <filesystem>
#include <map>
#include <nlohmann/json.hpp>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "cli_hostile_support.h"
#include "cli_prelabel_support.h"
#include "cli_process.h"
#include "io/common/staged_folder.h"
#include "test_support.h"

namespace fuselabel {
namespace {

using namespace prelabel_cli;
namespace fs = std::filesystem;
using nlohmann::json;

// Points per LiDAR frame of the sample drive, from its index and the 20-byte records
// (float32 x y z intensity t_offset, docs/native-drive.md).
std::vector<uintmax_t> sample_lidar_points() {
  std::istringstream index(testing::read_text(sample_drive() / "sensors/LIDAR_TOP/index.csv"));
  std::string line;
  std::getline(index, line);  // timestamp_us,file
  std::vector<uintmax_t> points;
  while (std::getline(index, line)) {
    if (line.empty()) continue;
    const uintmax_t bytes = fs::file_size(sample_drive() / line.substr(line.find(',') + 1));
    EXPECT_EQ(bytes % 20, 0u) << line;
    points.push_back(bytes / 20);
  }
  return points;
}

// Per track, its boxes by frame.
std::map<std::string, std::map<int64_t, json>> boxes_by_track(const json& label_set) {
  std::map<std::string, std::map<int64_t, json>> out;
  for (const json& b : label_set.at("boxes")) {
    const bool inserted = out[b.at("track_id").get<std::string>()].emplace(b.at("frame").get<int64_t>(), b).second;
    EXPECT_TRUE(inserted) << "two boxes of track " << b.at("track_id") << " at frame " << b.at("frame");
  }
  return out;
}

class CliPrelabelNative : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    scratch_ = new testing::TempDir;
    run_ = new testing::CliProcess(testing::run_cli_process(prelabel(sample_drive(), "keyframes", out())));
  }
  static void TearDownTestSuite() {
    delete run_;
    delete scratch_;
  }
  void SetUp() override { expect_ran(*run_); }
  static fs::path out() { return *scratch_ / "out"; }

  static testing::TempDir* scratch_;
  static testing::CliProcess* run_;
};
testing::TempDir* CliPrelabelNative::scratch_ = nullptr;
testing::CliProcess* CliPrelabelNative::run_ = nullptr;

TEST_F(CliPrelabelNative, WritesLabelsReportAndOnePointFilePerLidarFrame) {
  EXPECT_TRUE(fs::is_regular_file(out() / "labels/prelabel.json"));
  EXPECT_TRUE(fs::is_regular_file(out() / "prelabel_report.json"));
  EXPECT_TRUE(is_complete_output_folder(out()));
  EXPECT_NE(run_->stdout_text.find("21 tracks over 45 frames"), std::string::npos) << run_->stdout_text;
  const std::vector<uintmax_t> points = sample_lidar_points();
  ASSERT_EQ(points.size(), 45u);
  size_t files = 0;
  for (const auto& e : fs::directory_iterator(out() / "points")) files += e.path().extension() == ".bin";
  EXPECT_EQ(files, points.size());
  for (size_t f = 0; f < points.size(); ++f) {
    const fs::path file = out() / "points" / (std::to_string(f) + ".bin");  // native frame ids "0".."N-1"
    ASSERT_TRUE(fs::exists(file)) << file;
    EXPECT_EQ(fs::file_size(file), 4 * points[f]) << file;
  }
  const json report = read_json(out() / "prelabel_report.json");
  EXPECT_EQ(report.at("point_files").get<size_t>(), points.size());
}

TEST_F(CliPrelabelNative, PointFilesHoldZeroOrATrackNumberOfTheReport) {
  const json report = read_json(out() / "prelabel_report.json");
  const size_t tracks = report.at("tracks").size();
  ASSERT_EQ(tracks, 21u);
  for (size_t i = 0; i < tracks; ++i) EXPECT_EQ(report["tracks"][i].at("number").get<size_t>(), i + 1);
  std::set<uint32_t> seen;
  int64_t labelled = 0;
  for (const auto& e : fs::directory_iterator(out() / "points")) {
    const std::string bytes = testing::read_text(e.path());
    ASSERT_EQ(bytes.size() % 4, 0u) << e.path();
    for (size_t p = 0; p < bytes.size(); p += 4) {
      uint32_t v = 0;  // little-endian, whatever the host
      for (int b = 0; b < 4; ++b) v |= uint32_t(static_cast<unsigned char>(bytes[p + b])) << (8 * b);
      ASSERT_LE(v, tracks) << e.path() << " point " << p / 4;
      if (v) ++labelled, seen.insert(v);
    }
  }
  EXPECT_EQ(labelled, report.at("labelled_points").get<int64_t>());
  EXPECT_GT(labelled, 0);
  EXPECT_GT(seen.size(), 5u);  // many tracks own points, not one
}

TEST_F(CliPrelabelNative, KeyframesReproducedExactlyAndEveryFrameOfATrackHasOneCuboid) {
  const auto keys = boxes_by_track(read_json(sample_drive() / "labels/keyframes.json"));
  const json labels = read_json(out() / "labels/prelabel.json");
  const auto propagated = boxes_by_track(labels);
  ASSERT_EQ(propagated.size(), keys.size());
  for (const auto& [track, key_boxes] : keys) {
    SCOPED_TRACE("track " + track);
    ASSERT_TRUE(propagated.count(track));
    const auto& boxes = propagated.at(track);
    for (const auto& [frame, box] : key_boxes) {
      ASSERT_TRUE(boxes.count(frame)) << "frame " << frame;
      EXPECT_EQ(boxes.at(frame), box) << "frame " << frame;  // every field, every bit (shortest round-trip numbers)
    }
    const int64_t first = key_boxes.begin()->first, last = key_boxes.rbegin()->first;
    EXPECT_EQ(boxes.begin()->first, first);  // no --extend: nothing before or after
    EXPECT_EQ(boxes.rbegin()->first, last);
    EXPECT_EQ(int64_t(boxes.size()), last - first + 1);  // one per frame, none missing
    for (const auto& [frame, box] : boxes) {
      const std::string source = box.at("source");
      if (key_boxes.count(frame)) continue;
      EXPECT_EQ(source, "interpolated") << "frame " << frame;
      const double confidence = box.at("confidence");
      EXPECT_GT(confidence, 0.0);
      EXPECT_LT(confidence, 1.0);
    }
  }
  EXPECT_FALSE(labels.at("boxes_2d").empty());  // projected 2D boxes, linked to their tracks
  for (const json& b : labels["boxes_2d"]) EXPECT_TRUE(keys.count(b.at("track_id").get<std::string>())) << b;
}

TEST_F(CliPrelabelNative, ReportListsKeyframesStretchesAndFramesPerTrack) {
  const json report = read_json(out() / "prelabel_report.json");
  const auto keys = boxes_by_track(read_json(sample_drive() / "labels/keyframes.json"));
  EXPECT_EQ(report.at("format"), "native");
  EXPECT_EQ(report.at("labels"), "keyframes");
  EXPECT_EQ(report.at("refine"), false);
  EXPECT_EQ(report.at("extend"), 0);
  EXPECT_EQ(report.at("frames"), 45);
  EXPECT_EQ(report.at("ego_motion").at("source"), "labels in the world frame");
  const json& cuboids = report.at("cuboids");
  EXPECT_EQ(cuboids.at("keyframe").get<int64_t>(), 167);
  int64_t all = 0;
  for (const auto& [source, n] : cuboids.items()) all += n.get<int64_t>();
  EXPECT_EQ(size_t(all), read_json(out() / "labels/prelabel.json").at("boxes").size());
  size_t with_stretches = 0;
  for (const json& t : report.at("tracks")) {
    const std::string id = t.at("track_id");
    SCOPED_TRACE("track " + id);
    ASSERT_TRUE(keys.count(id));
    EXPECT_EQ(t.at("motion_frame"), "world");
    EXPECT_TRUE(t.at("flagged_frames").is_array());
    std::vector<std::string> expected_keys;
    for (const auto& [frame, box] : keys.at(id)) expected_keys.push_back(std::to_string(frame));
    EXPECT_EQ(t.at("keyframes").get<std::vector<std::string>>(), expected_keys);
    const int64_t first = keys.at(id).begin()->first, last = keys.at(id).rbegin()->first;
    ASSERT_EQ(int64_t(t.at("frames").size()), last - first + 1);
    for (size_t i = 0; i < t["frames"].size(); ++i) {
      const json& f = t["frames"][i];
      EXPECT_EQ(f.at("frame"), std::to_string(first + int64_t(i)));
      const bool key = keys.at(id).count(first + int64_t(i)) > 0;
      EXPECT_EQ(f.at("source"), key ? "keyframe" : "interpolated");
      if (key) {
        EXPECT_EQ(f.at("confidence"), 1.0);
      }
    }
    // Stretches: the runs of propagated frames between keyframes, in frame order.
    int64_t propagated = 0;
    for (const json& s : t.at("stretches")) {
      EXPECT_EQ(s.at("kind"), "interpolated");
      const int64_t a = std::stoll(s.at("first").get<std::string>()), b = std::stoll(s.at("last").get<std::string>());
      EXPECT_LE(a, b);
      EXPECT_FALSE(keys.at(id).count(a - 1) == 0 || keys.at(id).count(b + 1) == 0) << a << ".." << b;
      propagated += b - a + 1;
    }
    EXPECT_EQ(propagated, last - first + 1 - int64_t(keys.at(id).size()));
    with_stretches += !t["stretches"].empty();
  }
  EXPECT_GT(with_stretches, 10u);
}

// With the LiDAR refinement (the default): keyframes still exact, refined cuboids only where
// there was no keyframe, every frame of a track's span still written, the fit in the report.
TEST(CliPrelabelRefined, RefinementNeverMovesAKeyframe) {
  const testing::TempDir scratch;
  const fs::path out = scratch / "out";
  std::vector<std::string> args = prelabel(sample_drive(), "keyframes", out);
  args.erase(std::find(args.begin(), args.end(), "--no-refine"));
  expect_ran(testing::run_cli_process(args));
  const auto keys = boxes_by_track(read_json(sample_drive() / "labels/keyframes.json"));
  const auto boxes = boxes_by_track(read_json(out / "labels/prelabel.json"));
  ASSERT_EQ(boxes.size(), keys.size());
  for (const auto& [track, key_boxes] : keys) {
    SCOPED_TRACE("track " + track);
    const auto& written = boxes.at(track);
    for (const auto& [frame, box] : key_boxes) EXPECT_EQ(written.at(frame), box) << "frame " << frame;
    EXPECT_EQ(int64_t(written.size()), key_boxes.rbegin()->first - key_boxes.begin()->first + 1);
    for (const auto& [frame, box] : written) {
      if (box.at("source") == "refined") {
        EXPECT_FALSE(key_boxes.count(frame)) << "frame " << frame;
      }
    }
  }
  const json report = read_json(out / "prelabel_report.json");
  EXPECT_EQ(report.at("refine"), true);
  size_t fitted = 0;
  for (const json& t : report.at("tracks"))
    for (const json& f : t.at("frames")) fitted += f.contains("fit_score") && f.contains("lidar_points");
  EXPECT_GT(fitted, 100u);  // the sample drive has a sweep at every frame
}

}  // namespace
}  // namespace fuselabel
