// Sensor times that repeat or go back: strict readers refuse the drive (InputError naming the
// index file and line); a drive opened with keep_timing_faults (what `fuselabel check` does)
// leaves those samples out of the timelines and lists them as TimingFaults.
#include <gtest/gtest.h>

#include <algorithm>
#include <random>
#include <string>
#include <utility>
#include <vector>

#include "fuzz_support.h"
#include "io/drive_reader.h"
#include "io/io_test_support.h"
#include "io/native/native_drive_fixture.h"
#include "io/native/native_drive_reader.h"

namespace fuselabel {
namespace {

using Kind = TimingFault::Kind;
using testing::kDriveStartUs;

std::string index_text(const std::vector<NativeSample>& rows) {
  std::string text = "timestamp_us,file\n";
  for (const NativeSample& r : rows) text += std::to_string(r.timestamp_us) + "," + r.file + "\n";
  return text;
}

std::unique_ptr<DriveReader> open(const std::filesystem::path& root, bool keep_timing_faults) {
  DriveOptions options;
  options.path = root;
  options.keep_timing_faults = keep_timing_faults;
  return open_drive(options);
}

void expect_strictly_increasing(const Drive& drive) {
  for (const auto& [name, timeline] : drive.timelines) {
    ASSERT_EQ(timeline.samples.size(), timeline.timestamps.size()) << name;
    for (size_t i = 1; i < timeline.samples.size(); ++i)
      EXPECT_LT(timeline.samples[i - 1].timestamp_us, timeline.samples[i].timestamp_us) << name << " sample " << i;
  }
}

void expect_fault(const TimingFault& f, const std::string& sensor, int line, Kind kind, int64_t t, int64_t previous,
                  const std::string& sample_file) {
  EXPECT_EQ(f.sensor, sensor);
  EXPECT_EQ(f.file.filename(), "index.csv");
  EXPECT_EQ(f.file.parent_path().filename(), sensor);
  EXPECT_EQ(f.where, "line " + std::to_string(line) + ", column timestamp_us");
  EXPECT_EQ(f.kind, kind);
  EXPECT_EQ(f.timestamp_us, t);
  EXPECT_EQ(f.previous_us, previous);
  EXPECT_EQ(f.sample_file, sample_file);
}

// A label set with one car box per LiDAR index row, frame = the row, at the row's time.
LabelSet boxes_per_row(const std::vector<NativeSample>& rows) {
  LabelSet labels;
  labels.taxonomy = "fuselabel-test-v1";
  labels.tracks = {{"car-1", "car", {}}};
  for (size_t row = 0; row < rows.size(); ++row)
    labels.boxes.push_back(
        track_box("car-1", int64_t(row), rows[row].timestamp_us, {{500'000, 5'400'000, 31}, {4.5, 1.9, 1.6}, {}}));
  return labels;
}

TEST(TimingFaults, CameraIndexStrictRefusesLenientLeavesOut) {
  testing::TempDir dir;
  testing::write_sample_drive(dir.path());
  const std::string cam = "sensors/CAM_FRONT/";
  const int64_t t = kDriveStartUs + 33'000;
  testing::write_text(dir / (cam + "index.csv"), index_text({{t, cam + "0.jpg"},
                                                             {t + 100'000, cam + "1.jpg"},
                                                             {t + 100'000, cam + "2.jpg"},  // line 4: repeats
                                                             {t + 300'000, cam + "3.jpg"},
                                                             {t + 200'000, cam + "2.jpg"}}));  // line 6: goes back

  testing::expect_input_error(
      [&] { open(dir.path(), false); },
      {"CAM_FRONT/index.csv", "line 4, column timestamp_us",
       std::to_string(t + 100'000) + " does not increase (previous row: " + std::to_string(t + 100'000) + ")"});

  const std::unique_ptr<DriveReader> reader = open(dir.path(), true);
  const Drive& drive = reader->drive();
  expect_strictly_increasing(drive);
  const SensorTimeline& timeline = drive.timelines.at("CAM_FRONT");
  ASSERT_EQ(timeline.samples.size(), 3u);
  EXPECT_EQ(timeline.timestamps, (std::vector<int64_t>{t, t + 100'000, t + 300'000}));
  EXPECT_EQ(timeline.samples[1].file, dir.path() / (cam + "1.jpg"));  // the first sample at a time is kept
  EXPECT_EQ(timeline.samples[2].file, dir.path() / (cam + "3.jpg"));
  ASSERT_EQ(drive.timing_faults.size(), 2u);
  expect_fault(drive.timing_faults[0], "CAM_FRONT", 4, Kind::Duplicate, t + 100'000, t + 100'000, cam + "2.jpg");
  expect_fault(drive.timing_faults[1], "CAM_FRONT", 6, Kind::OutOfOrder, t + 200'000, t + 300'000, cam + "2.jpg");
  EXPECT_EQ(drive.frames.size(), size_t(testing::kSweeps));  // the LiDAR is untouched
  // The 2D box of the image left out goes with it; those of the kept times stay.
  for (const ImageBoxLabel& b : drive.labels.boxes_2d)
    if (b.camera == "CAM_FRONT") {
      EXPECT_NE(b.timestamp_us, t + 200'000);
    }
  EXPECT_EQ(drive.labels.boxes_2d.size(), 4u);  // 3 of 4 CAM_FRONT boxes, the CAM_LEFT one
  EXPECT_EQ(reader->load_frame("1").cameras.size(), 2u);
}

TEST(TimingFaults, StrictOpenHasNoFaults) {
  testing::TempDir dir;
  testing::write_sample_drive(dir.path());
  EXPECT_TRUE(open(dir.path(), false)->drive().timing_faults.empty());
  const std::unique_ptr<DriveReader> lenient = open(dir.path(), true);
  EXPECT_TRUE(lenient->drive().timing_faults.empty());
  EXPECT_EQ(lenient->drive().labels.boxes.size(), open(dir.path(), false)->drive().labels.boxes.size());
}

TEST(TimingFaults, LidarRowsLeftOutAreNoFrames) {
  testing::TempDir dir;
  testing::write_sample_drive(dir.path());
  const std::string lidar = "sensors/LIDAR_TOP/";
  const int64_t t = kDriveStartUs;
  const std::vector<NativeSample> rows = {{t, lidar + "0.bin"},           {t + 100'000, lidar + "1.bin"},
                                          {t + 100'000, lidar + "2.bin"},  // line 5 (after a blank line): repeats
                                          {t + 50'000, lidar + "3.bin"},   // line 6: goes back
                                          {t + 200'000, lidar + "2.bin"}, {t + 300'000, lidar + "3.bin"}};
  std::string text = index_text(rows);
  text.insert(text.find('\n', text.find(lidar + "1.bin")) + 1, "\n");
  testing::write_text(dir / (lidar + "index.csv"), text);
  write_label_set(dir / "labels/ground_truth.json", boxes_per_row(rows));

  testing::expect_input_error([&] { open(dir.path(), false); },
                              {"LIDAR_TOP/index.csv", "line 5, column timestamp_us", "does not increase"});

  const std::unique_ptr<DriveReader> reader = open(dir.path(), true);
  const Drive& drive = reader->drive();
  expect_strictly_increasing(drive);
  ASSERT_EQ(drive.frames.size(), 4u);
  EXPECT_EQ(reader->frame_ids(), (std::vector<std::string>{"0", "1", "2", "3"}));
  EXPECT_EQ(drive.frames[2].timestamp_us, t + 200'000);
  EXPECT_EQ(drive.frames[2].lidar_sample, 2);
  ASSERT_EQ(drive.timing_faults.size(), 2u);
  expect_fault(drive.timing_faults[0], "LIDAR_TOP", 5, Kind::Duplicate, t + 100'000, t + 100'000, lidar + "2.bin");
  expect_fault(drive.timing_faults[1], "LIDAR_TOP", 6, Kind::OutOfOrder, t + 50'000, t + 100'000, lidar + "3.bin");

  // Boxes of the rows left out are left out; the others follow their rows to the frames kept.
  std::vector<std::pair<int64_t, std::string>> boxes;
  for (const CuboidLabel& b : drive.labels.boxes) boxes.emplace_back(b.frame, b.id);
  EXPECT_EQ(boxes, (std::vector<std::pair<int64_t, std::string>>{
                       {0, "car-1:0"}, {1, "car-1:1"}, {2, "car-1:4"}, {3, "car-1:5"}}));
  const FrameData frame = reader->load_frame("2");
  ASSERT_EQ(frame.cuboids.size(), 1u);
  EXPECT_EQ(frame.cuboids[0].id, "car-1:4");
  EXPECT_EQ(frame.timestamp_us, t + 200'000);
  ASSERT_TRUE(frame.lidar.has_value());
  EXPECT_EQ(frame.lidar->records.size(), size_t(testing::kPointsPerSweep) * 5);  // 2.bin's sweep
}

TEST(TimingFaults, LeftOutRowStillNeedsAValidLine) {
  testing::TempDir dir;
  testing::write_sample_drive(dir.path());
  const std::string cam = "sensors/CAM_FRONT/";
  testing::write_text(dir / (cam + "index.csv"), "timestamp_us,file\n" + std::to_string(kDriveStartUs + 33'000) + "," +
                                                     cam + "0.jpg\n" + std::to_string(kDriveStartUs) + ",/abs.jpg\n");
  testing::expect_input_error([&] { open(dir.path(), true); }, {"CAM_FRONT/index.csv", "line 3, column file"});
}

// Rows shuffled (some repeated): a lenient open never fails, keeps exactly the rows later than
// every row before them, and its labels follow their rows; a strict open fails iff it must.
TEST(TimingFaults, ShuffledIndexRowsNeverBreakLenientOpen) {
  testing::TempDir dir;
  testing::write_sample_drive(dir.path());
  const std::string lidar = "sensors/LIDAR_TOP/", cam = "sensors/CAM_FRONT/";
  std::mt19937 rng(14);
  int rounds_with_faults = 0;
  for (int round = 0; round < 60; ++round) {
    const bool clean = round % 5 == 0;  // some rounds keep the order, as a check of the check
    std::vector<NativeSample> lidar_rows, cam_rows;
    for (int i = 0; i < 24; ++i)
      lidar_rows.push_back({kDriveStartUs + 20'000 * i, lidar + std::to_string(i % 4) + ".bin"});
    for (int i = 0; i < 4; ++i)
      cam_rows.push_back({kDriveStartUs + 33'000 + 100'000 * i, cam + std::to_string(i) + ".jpg"});
    if (!clean) {
      for (int repeats = int(rng() % 4); repeats > 0; --repeats) {
        lidar_rows.push_back(lidar_rows[rng() % lidar_rows.size()]);
        cam_rows.push_back(cam_rows[rng() % cam_rows.size()]);
      }
      std::shuffle(lidar_rows.begin() + long(rng() % lidar_rows.size()), lidar_rows.end(), rng);
      std::shuffle(cam_rows.begin(), cam_rows.end(), rng);
    }
    testing::write_text(dir / (lidar + "index.csv"), index_text(lidar_rows));
    testing::write_text(dir / (cam + "index.csv"), index_text(cam_rows));
    write_label_set(dir / "labels/ground_truth.json", boxes_per_row(lidar_rows));

    std::unique_ptr<DriveReader> reader;
    try {
      reader = open(dir.path(), true);
    } catch (const std::exception& e) {
      ADD_FAILURE() << "round " << round << ": " << e.what();
      continue;
    }
    const Drive& drive = reader->drive();
    expect_strictly_increasing(drive);
    size_t expected_faults = 0;
    for (const auto* rows : {&lidar_rows, &cam_rows}) {
      int64_t latest = INT64_MIN;
      for (const NativeSample& r : *rows)
        expected_faults += r.timestamp_us <= latest, latest = std::max(latest, r.timestamp_us);
    }
    EXPECT_EQ(drive.timing_faults.size(), expected_faults) << "round " << round;
    rounds_with_faults += expected_faults > 0;
    EXPECT_EQ(drive.timelines.at("LIDAR_TOP").samples.size() + drive.timelines.at("CAM_FRONT").samples.size() +
                  drive.timing_faults.size(),
              lidar_rows.size() + cam_rows.size());
    for (const TimingFault& f : drive.timing_faults) {
      EXPECT_LE(f.timestamp_us, f.previous_us);
      EXPECT_EQ(f.kind == Kind::Duplicate, f.timestamp_us == f.previous_us);
    }
    EXPECT_EQ(drive.frames.size(), drive.timelines.at("LIDAR_TOP").samples.size());
    EXPECT_EQ(drive.labels.boxes.size(), drive.frames.size());  // one box per row kept
    for (const CuboidLabel& b : drive.labels.boxes) {
      ASSERT_LT(size_t(b.frame), drive.frames.size());
      EXPECT_EQ(b.timestamp_us, drive.frames[size_t(b.frame)].timestamp_us);
    }
    if (clean) {
      EXPECT_EQ(expected_faults, 0u);
    }
    if (expected_faults > 0) {
      EXPECT_THROW(open(dir.path(), false), InputError) << "round " << round;
    } else {
      EXPECT_NO_THROW(open(dir.path(), false)) << "round " << round;
    }
  }
  EXPECT_GT(rounds_with_faults, 30);
}

// Mutated index bytes in lenient mode: still only InputError, and timelines always increase.
TEST(TimingFaults, MutatedIndexOnlyThrowsInputError) {
  testing::TempDir dir;
  testing::write_sample_drive(dir.path());
  const int accepted = testing::fuzz_file(dir / "sensors/CAM_FRONT/index.csv", 300, 1414, [&] {
    const NativeDrive native = read_native_drive(dir.path(), true);
    expect_strictly_increasing(native_drive_model(native, {}));
  });
  EXPECT_GT(accepted, 0);
}

}  // namespace
}  // namespace fuselabel
