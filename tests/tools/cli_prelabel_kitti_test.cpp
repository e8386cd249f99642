// `fuselabel prelabel` on KITTI tracking labels only from ../shared/data (skipped when absent),
// bad --labels refused, and `fuselabel eval-propagation` beating the linear baseline on the
// sample drive's ground truth (issue 11, docs/prelabel.md).
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
