// `fuselabel prelabel` and `fuselabel eval-propagation` end to end through the program (issue
// 11): the committed sample drive (native, world-frame labels and LiDAR points), KITTI tracking
// labels only from ../shared/data (skipped when absent), bad --labels refused, and propagation
// beating the linear baseline on the sample drive's ground truth. docs/prelabel.md.
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
#include "cli_process.h"
#include "io/common/staged_folder.h"
#include "test_support.h"

namespace fuselabel {
namespace {

namespace fs = std::filesystem;
using nlohmann::json;

fs::path sample_drive() { return testing::source_dir() / "data-samples/drive"; }

json read_json(const fs::path& file) {
  const std::string text = testing::read_text(file);
  EXPECT_FALSE(text.empty()) << file;
  return json::parse(text);
}

std::vector<std::string> prelabel(const fs::path& drive, const std::string& labels, const fs::path& out,
                                  const std::vector<std::string>& more = {}) {
  std::vector<std::string> args = {"prelabel", "--drive", drive.string(), "--labels", labels,
                                   "--out",    out.string(), "--no-refine", "--device", "cpu"};
  args.insert(args.end(), more.begin(), more.end());
  return args;
}

void expect_ran(const testing::CliProcess& run) {
  ASSERT_EQ(run.exit_code, 0) << run.stderr_text << run.stdout_text;
}

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

// KITTI tracking 0005, labels only: every 10th labelled frame of each track (and its first and
// last) kept as keyframes, propagated in the ego frame estimated from static tracks.
TEST(CliPrelabelKittiTracking, LabelsOnlySequenceWritesEveryFrameAsKittiLines) {
  FL_REQUIRE_SHARED_DATA("kitti-tracking/training");
  const fs::path training = testing::shared_data("kitti-tracking/training");
  const testing::TempDir scratch;
  struct Line {
    int64_t frame;
    std::vector<std::string> columns;
  };
  std::map<int64_t, std::vector<Line>> by_track;  // the sequence's own labels, DontCare left out
  {
    std::istringstream in(testing::read_text(training / "label_02/0005.txt"));
    std::string text;
    while (std::getline(in, text)) {
      std::istringstream fields(text);
      std::vector<std::string> columns;
      for (std::string c; fields >> c;) columns.push_back(c);
      if (columns.size() < 17 || columns[1] == "-1") continue;
      by_track[std::stoll(columns[1])].push_back({std::stoll(columns[0]), columns});
    }
  }
  ASSERT_GT(by_track.size(), 10u);
  std::string keyframe_text;
  std::vector<std::vector<std::string>> keyframes;
  std::set<std::pair<int64_t, int64_t>> dropped;  // (frame, track)
  for (auto& [track, lines] : by_track) {
    std::sort(lines.begin(), lines.end(), [](const Line& a, const Line& b) { return a.frame < b.frame; });
    for (size_t i = 0; i < lines.size(); ++i) {
      if (i % 10 == 0 || i + 1 == lines.size()) {
        keyframes.push_back(lines[i].columns);
        std::string joined;
        for (const std::string& c : lines[i].columns) joined += (joined.empty() ? "" : " ") + c;
        keyframe_text += joined + "\n";
      } else {
        dropped.insert({lines[i].frame, track});
      }
    }
  }
  const fs::path keyframe_file = scratch / "keyframes/0005.txt";
  testing::write_text(keyframe_file, keyframe_text);
  const fs::path out = scratch / "out";
  const testing::CliProcess run =
      testing::run_cli_process(prelabel(training, keyframe_file.string(), out, {"--sequence", "0005"}));
  expect_ran(run);

  std::map<std::pair<int64_t, int64_t>, std::vector<std::string>> written;  // (frame, track) -> columns
  std::istringstream in(testing::read_text(out / "label_02/0005.txt"));
  std::string text;
  size_t lines = 0;
  while (std::getline(in, text)) {
    ++lines;
    std::istringstream fields(text);
    std::vector<std::string> c;
    for (std::string v; fields >> v;) c.push_back(v);
    // KITTI tracking lines: frame, track id, type, truncated, occluded, alpha, 2D box, h w l,
    // x y z, rotation_y (17); propagated cuboids also carry their confidence as an 18th column,
    // the score of KITTI's tracking results (the writer adds it when the confidence is not 1).
    ASSERT_TRUE(c.size() == 17 || c.size() == 18) << text;
    for (size_t k = 5; k < c.size(); ++k) {
      char* end = nullptr;
      const double v = std::strtod(c[k].c_str(), &end);
      EXPECT_TRUE(*end == '\0' && std::isfinite(v)) << "column " << k + 1 << " of " << text;
    }
    if (c.size() == 18) {
      const double score = std::stod(c[17]);
      EXPECT_GT(score, 0.0) << text;
      EXPECT_LT(score, 1.0) << text;
    }
    const int truncated = std::stoi(c[3]), occluded = std::stoi(c[4]);
    EXPECT_EQ(c[3], std::to_string(truncated)) << text;  // tracking truncation: an integer level
    EXPECT_TRUE(truncated >= 0 && truncated <= 2) << text;
    EXPECT_TRUE(occluded >= 0 && occluded <= 3) << text;
    EXPECT_NE(c[1], "-1") << "no DontCare was given, none is written: " << text;
    EXPECT_TRUE(written.emplace(std::make_pair(std::stoll(c[0]), std::stoll(c[1])), c).second) << text;
  }
  EXPECT_GT(lines, keyframes.size());
  // Every keyframe line appears: same frame, track and type; the 3D box within the writer's
  // rounding to 2 decimals (the heading modulo 2 pi).
  for (const std::vector<std::string>& k : keyframes) {
    const auto found = written.find({std::stoll(k[0]), std::stoll(k[1])});
    ASSERT_NE(found, written.end()) << "keyframe line lost: frame " << k[0] << " track " << k[1];
    const std::vector<std::string>& c = found->second;
    EXPECT_EQ(c.size(), 17u) << "a keyframe has confidence 1";
    EXPECT_EQ(c[2], k[2]);
    EXPECT_EQ(c[3], k[3]) << "keyframe levels are carried as given";
    EXPECT_EQ(c[4], k[4]);
    for (size_t col = 10; col < 17; ++col) {
      double d = std::stod(c[col]) - std::stod(k[col]);
      if (col == 16) d = std::remainder(d, 2 * M_PI);
      EXPECT_LE(std::abs(d), 0.005 + 1e-6) << "column " << col + 1 << ": " << k[col] << " became " << c[col];
    }
  }
  // The dropped frames were propagated (the sample's cuboids are all in front of the camera).
  size_t dropped_written = 0;
  for (const auto& key : dropped) dropped_written += written.count(key);
  EXPECT_EQ(dropped_written, dropped.size());
  EXPECT_GT(dropped.size(), 1000u);

  const json report = read_json(out / "prelabel_report.json");
  EXPECT_EQ(report.at("format"), "kitti-tracking");
  EXPECT_EQ(report.at("ego_motion").at("source"), "estimated from static tracks");
  EXPECT_FALSE(report.at("ego_motion").at("static_tracks").empty());
  EXPECT_EQ(report.at("tracks").size(), by_track.size());
  EXPECT_EQ(report.at("point_files"), 0);  // labels only: no velodyne/
  EXPECT_FALSE(fs::exists(out / "points"));
}

// Bad --labels: one stderr line naming the file (and line), exit 2, no output folder.
TEST(CliPrelabelBadLabels, NativeDrive) {
  const testing::TempDir scratch;
  const fs::path out = scratch / "out";
  json labels = read_json(sample_drive() / "labels/keyframes.json");
  labels["boxes"].back()["frame"] = 45;  // the sample drive has frames 0..44
  const fs::path beyond = scratch / "beyond.json";
  testing::write_text(beyond, labels.dump(1));
  testing::expect_refused(prelabel(sample_drive(), beyond.string(), out),
                          {beyond.string(), "boxes[166].frame", "no such LiDAR frame"}, out);

  std::string text = testing::read_text(sample_drive() / "labels/keyframes.json");
  text.replace(text.find("\"boxes\": ["), 10, "\"boxes\": [,");
  const fs::path broken = scratch / "broken.json";
  testing::write_text(broken, text);
  testing::expect_refused(prelabel(sample_drive(), broken.string(), out), {broken.string(), "not valid JSON", "line "}, out);

  testing::expect_refused(prelabel(sample_drive(), "detector_boxes", out),
                          {"drive.yaml", "'detector_boxes'", "available: ground_truth, keyframes"}, out);
}

TEST(CliPrelabelBadLabels, KittiTracking) {
  FL_REQUIRE_SHARED_DATA("kitti-tracking/training");
  const fs::path training = testing::shared_data("kitti-tracking/training");
  const testing::TempDir scratch;
  const fs::path out = scratch / "out";
  const std::vector<std::string> sequence = {"--sequence", "0005"};
  const std::string car = "0 0 Car 0 0 -1.11 254.70 175.39 306.54 203.33 1.71 1.62 3.54 -21.19 1.90 46.49 -1.53\n";

  const fs::path beyond = scratch / "beyond.txt";
  testing::write_text(beyond, car + "9999 0 Car 0 0 -1.11 254.70 175.39 306.54 203.33 1.71 1.62 3.54 -21.19 1.90 46.49 -1.53\n");
  testing::expect_refused(prelabel(training, beyond.string(), out, sequence),
                          {beyond.string(), "line 2, field 'frame'", "frame 9999 is beyond sequence 0005's frames"}, out);

  const fs::path short_line = scratch / "short.txt";
  testing::write_text(short_line, car + car.substr(0, car.find(" 3.54")) + "\n");
  testing::expect_refused(prelabel(training, short_line.string(), out, sequence),
                          {short_line.string(), "line 2", "expected 17 columns"}, out);

  const fs::path label_set = sample_drive() / "labels/keyframes.json";
  testing::expect_refused(prelabel(training, label_set.string(), out, sequence),
                          {label_set.string(), "line 1", "a JSON file, not KITTI tracking label lines"}, out);
}

TEST(CliEvalPropagation, SampleDriveBeatsLinearAtK5) {
  const testing::TempDir scratch;
  const fs::path report_file = scratch / "R.json";
  const testing::CliProcess run = testing::run_cli_process(
      {"eval-propagation", "--drive", sample_drive().string(), "--labels", "ground_truth", "--keyframe-every", "5",
       "--no-refine", "--device", "cpu", "--out", report_file.string()});
  expect_ran(run);
  EXPECT_NE(run.stdout_text.find("fuselabel"), std::string::npos) << run.stdout_text;
  EXPECT_NE(run.stdout_text.find("linear"), std::string::npos) << run.stdout_text;
  const json report = read_json(report_file);
  EXPECT_EQ(report.at("keyframe_every"), 5);
  EXPECT_EQ(report.at("protocol"), "track-frames");  // the default
  EXPECT_EQ(report.at("labels"), "ground_truth");
  EXPECT_EQ(report.at("refine"), false);
  const int64_t dropped = report.at("dropped");
  EXPECT_GT(dropped, 100);
  const json& methods = report.at("methods");
  ASSERT_TRUE(methods.contains("fuselabel"));
  ASSERT_TRUE(methods.contains("linear"));
  for (const char* method : {"fuselabel", "linear"}) {
    const json& overall = methods[method].at("overall");
    EXPECT_EQ(overall.at("count").get<int64_t>(), dropped) << method;
    EXPECT_EQ(overall.at("missing"), 0) << method;
    EXPECT_TRUE(methods[method].contains("turning")) << method;
  }
  const double fuselabel = methods["fuselabel"]["overall"].at("mean_centre_m");
  const double linear = methods["linear"]["overall"].at("mean_centre_m");
  EXPECT_LT(fuselabel, linear);
  EXPECT_NEAR(report.at("ratio_centre").get<double>(), fuselabel / linear, 1e-12);
  EXPECT_GE(methods["fuselabel"]["overall"].at("mean_bev_iou").get<double>(),
            methods["linear"]["overall"].at("mean_bev_iou").get<double>());
}

}  // namespace
}  // namespace fuselabel
