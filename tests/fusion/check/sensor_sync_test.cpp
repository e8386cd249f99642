// sensor_sync and the statistics it decides on: the period, jitter and gaps of synthetic
// timelines with known noise and drops; the check on the committed sample drive (quiet), on a copy
// whose camera index repeats and reorders rows (exactly those errors), and on drives built here
// with negative times, jitter and drops.
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <map>
#include <random>
#include <sstream>

#include "fusion/check/check_registry.h"
#include "fusion/check/label_checks.h"
#include "fusion/check/timeline_stats.h"
#include "io/drive_reader.h"
#include "test_support.h"

namespace fuselabel {
namespace {

namespace fs = std::filesystem;

constexpr int64_t kStartUs = 1'700'000'000'000'000;

// n samples at `period_us` with Gaussian timestamp noise of sigma_us.
std::vector<int64_t> noisy_timeline(size_t n, double period_us, double sigma_us, unsigned seed) {
  std::mt19937 rng(seed);
  std::normal_distribution<double> noise(0, sigma_us);
  std::vector<int64_t> times;
  for (size_t i = 0; i < n; ++i) times.push_back(kStartUs + std::llround(double(i) * period_us + noise(rng)));
  return times;
}

TEST(TimelineStats, RegularTimelineWithJitterHasNoGaps) {
  const double sigma = 2000;
  const TimelineStats stats = timeline_stats(noisy_timeline(2000, 100'000, sigma, 1), 0, 1.5);
  EXPECT_EQ(stats.samples, 2000u);
  EXPECT_FALSE(stats.nominal);
  EXPECT_NEAR(stats.period_us, 100'000, 300);
  EXPECT_TRUE(stats.gaps.empty());
  EXPECT_EQ(stats.missing(), 0);
  // A step is the difference of two noisy times: its sigma is sqrt(2) that of a timestamp.
  EXPECT_NEAR(stats.jitter_us, std::sqrt(2.0) * sigma, 0.2 * std::sqrt(2.0) * sigma);
}

TEST(TimelineStats, ARemovedSampleIsOneGapOfOneMissing) {
  std::vector<int64_t> times = noisy_timeline(600, 83'333, 500, 2);
  const int64_t before = times[299], after = times[301];
  times.erase(times.begin() + 300);
  const TimelineStats stats = timeline_stats(times, 0, 1.5);
  ASSERT_EQ(stats.gaps.size(), 1u);
  EXPECT_EQ(stats.gaps[0].before, 299u);
  EXPECT_EQ(stats.gaps[0].start_us, before);
  EXPECT_EQ(stats.gaps[0].end_us, after);
  EXPECT_EQ(stats.gaps[0].missing, 1);
  EXPECT_NEAR(stats.missing_share(), 1.0 / 600, 1e-12);
  // The long step is left out of the jitter.
  EXPECT_NEAR(stats.jitter_us, std::sqrt(2.0) * 500, 0.2 * std::sqrt(2.0) * 500);
}

TEST(TimelineStats, ConsecutiveLongStepsAreOneRunAndSeparateOnesTwo) {
  std::vector<int64_t> times;
  for (int64_t i = 0; i < 100; ++i)
    if (!(i >= 40 && i < 43) && i != 70) times.push_back(kStartUs + i * 50'000);
  TimelineStats stats = timeline_stats(times, 0, 1.5);
  ASSERT_EQ(stats.gaps.size(), 2u);
  EXPECT_EQ(stats.gaps[0].missing, 3);
  EXPECT_EQ(stats.gaps[0].end_us - stats.gaps[0].start_us, 200'000);
  EXPECT_EQ(stats.gaps[1].missing, 1);
  EXPECT_EQ(stats.missing(), 4);
  EXPECT_DOUBLE_EQ(stats.jitter_us, 0);
  // At 10 Hz nominal, a sensor stepping 200 ms and 100 ms: the 200 ms steps are each a gap,
  // and consecutive ones a single run.
  times = {0, 200'000, 400'000, 600'000, 700'000, 800'000, 1'000'000};
  stats = timeline_stats(times, 10, 1.5);
  EXPECT_TRUE(stats.nominal);
  EXPECT_DOUBLE_EQ(stats.period_us, 100'000);
  ASSERT_EQ(stats.gaps.size(), 2u);
  EXPECT_EQ(stats.gaps[0].missing, 3);
  EXPECT_EQ(stats.gaps[0].end_us, 600'000);
  EXPECT_EQ(stats.gaps[1].before, 5u);
  EXPECT_EQ(stats.gaps[1].missing, 1);
}

TEST(TimelineStats, TooFewStepsHaveNoPeriod) {
  EXPECT_DOUBLE_EQ(timeline_stats({}, 0, 1.5).period_us, 0);
  EXPECT_DOUBLE_EQ(timeline_stats({5}, 0, 1.5).period_us, 0);
  const TimelineStats same = timeline_stats({0, 0, 0}, 0, 1.5);  // KITTI object: every time 0
  EXPECT_DOUBLE_EQ(same.period_us, 0);
  EXPECT_TRUE(same.gaps.empty());
}

TEST(TimelineStats, RobustSigmaIgnoresOutliersAndOffsetIsTheMedian) {
  std::vector<double> values = {10, 11, 9, 10, 12, 8, 10, 1e6, -1e6};
  EXPECT_NEAR(robust_sigma(values), 1.4826, 1e-9);
  EXPECT_DOUBLE_EQ(robust_sigma({}), 0);
  const std::vector<int64_t> frames = {0, 100, 200, 300};
  EXPECT_DOUBLE_EQ(median_offset_us({30, 130, 230, 330, 290}, frames), 30);
  EXPECT_DOUBLE_EQ(median_offset_us({-20, 60, 180}, frames), -20);  // 60 is nearer 100 (-40)
  EXPECT_DOUBLE_EQ(median_offset_us({}, frames), 0);
}

// A reader whose drive is built in the test: timelines, frames at the LiDAR's samples.
class BuiltDrive : public DriveReader {
 public:
  explicit BuiltDrive(Drive drive) { drive_ = std::move(drive); }
  PointSweep load_points(const Sensor&, const SensorSample&) const override { return {}; }
};

struct Timeline {
  std::string name;
  SensorKind kind;
  std::vector<int64_t> times;
  double rate_hz = 0;
};

Drive built_drive(const std::vector<Timeline>& timelines) {
  Drive drive;
  drive.format = "native";
  drive.rigs.emplace_back();
  for (const Timeline& t : timelines) {
    Sensor sensor;
    sensor.name = t.name, sensor.kind = t.kind, sensor.rate_hz = t.rate_hz;
    drive.rigs[0].sensors.push_back(sensor);
    SensorTimeline& timeline = drive.timelines[t.name];
    timeline.sensor = t.name;
    for (const int64_t time : t.times) timeline.add({time, {}, {}, {}});
    if (t.kind == SensorKind::Lidar)
      for (size_t i = 0; i < t.times.size(); ++i)
        drive.frames.push_back({std::to_string(i), t.times[i], 0, int64_t(i), {}});
  }
  return drive;
}

std::vector<int64_t> regular(int64_t first_us, int64_t period_us, int n) {
  std::vector<int64_t> times;
  for (int i = 0; i < n; ++i) times.push_back(first_us + i * period_us);
  return times;
}

std::vector<Flag> run_sensor_sync(const DriveReader& reader, std::vector<std::string>* notes = nullptr) {
  const CheckInputs inputs(reader, reader.drive().labels, nullptr);
  const std::unique_ptr<Check> check = make_sensor_sync_check();
  EXPECT_EQ(check->unavailable(inputs), "");
  const CheckProfile profile = default_check_profile(declared_check_parameters());
  std::vector<Flag> flags;
  check->run(inputs, profile.settings("sensor_sync"), flags);
  if (notes) *notes = check->notes(inputs, profile.settings("sensor_sync"));
  for (const Flag& f : flags) {
    EXPECT_EQ(f.check, "sensor_sync");
    EXPECT_FALSE(f.sensor.empty()) << f.message;
    EXPECT_TRUE(f.track_id.empty()) << f.message;
  }
  return flags;
}

std::unique_ptr<DriveReader> open_keeping_faults(const fs::path& dir) {
  DriveOptions options;
  options.path = dir;
  options.keep_timing_faults = true;
  return open_drive(options);
}

TEST(SensorSync, SampleDriveRaisesNothingAndNotesEverySensor) {
  const auto reader = open_keeping_faults(testing::source_dir() / "data-samples/drive");
  std::vector<std::string> notes;
  for (const Flag& f : run_sensor_sync(*reader, &notes))
    ADD_FAILURE() << f.kind << " " << f.sensor << ": " << f.message;
  ASSERT_EQ(notes.size(), reader->drive().timelines.size());
  EXPECT_EQ(notes[0].rfind("LIDAR_TOP (lidar): 45 samples, period 100.0", 0), 0u) << notes[0];
  for (const std::string& note : notes) {
    EXPECT_NE(note.find("dropped 0"), std::string::npos) << note;
    EXPECT_EQ(note.find("offset") == std::string::npos, note.rfind("LIDAR_TOP", 0) == 0) << note;
  }
}

TEST(SensorSync, RepeatedAndReorderedRowsAreExactlyTheirErrors) {
  testing::TempDir dir;
  fs::copy(testing::source_dir() / "data-samples/drive", dir.path(), fs::copy_options::recursive);
  const fs::path index = dir / "sensors/CAM_FRONT/index.csv";
  std::vector<std::string> lines;
  {
    std::istringstream in(testing::read_text(index));
    for (std::string line; std::getline(in, line);) lines.push_back(line);
  }
  ASSERT_GT(lines.size(), 30u);
  std::swap(lines[20], lines[21]);            // line 22 goes back behind line 21
  lines.insert(lines.begin() + 6, lines[5]);  // line 7 repeats line 6
  std::string text;
  for (const std::string& line : lines) text += line + "\n";
  testing::write_text(index, text);

  const auto reader = open_keeping_faults(dir.path());
  ASSERT_EQ(reader->drive().timing_faults.size(), 2u);
  const std::vector<Flag> flags = run_sensor_sync(*reader);
  ASSERT_EQ(flags.size(), 2u);  // the reordered sample is not also a dropped one
  const Flag& duplicate = flags[0].kind == "duplicate_timestamp" ? flags[0] : flags[1];
  const Flag& reordered = &duplicate == &flags[0] ? flags[1] : flags[0];
  EXPECT_EQ(duplicate.kind, "duplicate_timestamp");
  EXPECT_EQ(reordered.kind, "out_of_order_timestamp");
  for (const Flag* f : {&duplicate, &reordered}) {
    EXPECT_EQ(f->severity, Severity::Error);
    EXPECT_EQ(f->sensor, "CAM_FRONT");
    EXPECT_NE(f->message.find("sensors/CAM_FRONT/index.csv"), std::string::npos) << f->message;
    EXPECT_GE(f->frame, 0);
  }
  EXPECT_NE(duplicate.message.find("line 7, column timestamp_us"), std::string::npos) << duplicate.message;
  EXPECT_NE(reordered.message.find("line 23, column timestamp_us"), std::string::npos) << reordered.message;
  EXPECT_EQ(duplicate.timestamp_us, std::stoll(lines[5]));
  EXPECT_EQ(reordered.timestamp_us, std::stoll(lines[22]));
  EXPECT_DOUBLE_EQ(duplicate.metrics.at("step_us"), 0);
  EXPECT_LT(reordered.metrics.at("step_us"), -80'000);
  // The flags' frames are the LiDAR frames nearest the rows' times.
  EXPECT_LE(std::llabs(reader->drive().frames.at(size_t(reordered.frame)).timestamp_us - reordered.timestamp_us),
            50'000);
}

TEST(SensorSync, NegativeTimesAreOneErrorPerSensor) {
  const BuiltDrive reader(built_drive({{"LIDAR_TOP", SensorKind::Lidar, regular(0, 100'000, 30)},
                                       {"CAM_FRONT", SensorKind::Camera, regular(-250'000, 83'334, 40)},
                                       {"RADAR_FRONT", SensorKind::Radar, regular(10'000, 76'923, 40)}}));
  const std::vector<Flag> flags = run_sensor_sync(reader);
  ASSERT_EQ(flags.size(), 1u);
  EXPECT_EQ(flags[0].kind, "negative_timestamp");
  EXPECT_EQ(flags[0].severity, Severity::Error);
  EXPECT_EQ(flags[0].sensor, "CAM_FRONT");
  EXPECT_EQ(flags[0].frame, 0);
  EXPECT_EQ(flags[0].timestamp_us, -250'000);
  EXPECT_DOUBLE_EQ(flags[0].metrics.at("negative_samples"), 3);  // -250000, -166666, -83332
}

TEST(SensorSync, DropsAreInfoUntilManyOrLongAndJitterWarns) {
  std::vector<int64_t> camera = regular(kStartUs + 20'000, 83'333, 1200);
  camera.erase(camera.begin() + 500);  // one of 1200: info
  std::vector<int64_t> radar = regular(kStartUs + 5'000, 76'923, 3000);
  radar.erase(radar.begin() + 100, radar.begin() + 120);  // 0.7% missing, but a gap of 1.6 s: a warning
  std::vector<int64_t> lidar = regular(kStartUs, 100'000, 1000);
  for (int i = 1; i < 40; ++i) lidar.erase(lidar.begin() + 20 * i);  // 4% missing: warnings
  std::mt19937 rng(3);
  std::normal_distribution<double> noise(0, 6000);
  std::vector<int64_t> jittery;  // 8.5 ms of step jitter, above 5 ms
  for (int i = 0; i < 400; ++i) jittery.push_back(kStartUs + i * 200'000 + std::llround(noise(rng)));
  const BuiltDrive reader(built_drive({{"LIDAR_TOP", SensorKind::Lidar, lidar, 10},
                                       {"CAM_FRONT", SensorKind::Camera, camera},
                                       {"CAM_BACK", SensorKind::Camera, jittery},
                                       {"RADAR_FRONT", SensorKind::Radar, radar}}));
  std::map<std::string, std::vector<const Flag*>> by_sensor;
  const std::vector<Flag> flags = run_sensor_sync(reader);
  for (const Flag& f : flags) by_sensor[f.sensor].push_back(&f);
  ASSERT_EQ(by_sensor["CAM_FRONT"].size(), 1u);
  const Flag& drop = *by_sensor["CAM_FRONT"][0];
  EXPECT_EQ(drop.kind, "dropped");
  EXPECT_EQ(drop.severity, Severity::Info);
  EXPECT_DOUBLE_EQ(drop.metrics.at("missing_samples"), 1);
  EXPECT_DOUBLE_EQ(drop.metrics.at("gap_us"), 2 * 83'333);
  EXPECT_EQ(drop.timestamp_us, camera[499]);
  // The gap's middle is 41.6865 s in; the LiDAR frame nearest it is the one at 41.7 s.
  EXPECT_EQ(reader.drive().frames.at(size_t(drop.frame)).timestamp_us, kStartUs + 41'700'000);
  ASSERT_EQ(by_sensor["RADAR_FRONT"].size(), 1u);
  EXPECT_EQ(by_sensor["RADAR_FRONT"][0]->severity, Severity::Warning);
  EXPECT_DOUBLE_EQ(by_sensor["RADAR_FRONT"][0]->metrics.at("missing_samples"), 20);
  ASSERT_EQ(by_sensor["LIDAR_TOP"].size(), 39u);
  for (const Flag* f : by_sensor["LIDAR_TOP"]) EXPECT_EQ(f->severity, Severity::Warning) << f->message;
  ASSERT_EQ(by_sensor["CAM_BACK"].size(), 1u);
  const Flag& jitter = *by_sensor["CAM_BACK"][0];
  EXPECT_EQ(jitter.kind, "jitter");
  EXPECT_EQ(jitter.severity, Severity::Warning);
  EXPECT_EQ(jitter.frame, -1);
  EXPECT_NEAR(jitter.metrics.at("jitter_us"), std::sqrt(2.0) * 6000, 0.2 * std::sqrt(2.0) * 6000);
}

TEST(SensorSync, FaultsOfUnknownSensorsOrWithoutFramesNeverCrash) {
  Drive drive = built_drive({{"CAM_FRONT", SensorKind::Camera, regular(0, 100'000, 3)}});
  drive.timing_faults.push_back(
      {"GHOST", "/nowhere/index.csv", "line 3, column timestamp_us", TimingFault::Kind::OutOfOrder, 5, 100, "x.jpg"});
  drive.timing_faults.push_back(drive.timing_faults.back());  // the same row twice: one flag, two rows
  drive.timing_faults.push_back({"CAM_FRONT", "/nowhere/index.csv", "line 4, column timestamp_us",
                                 TimingFault::Kind::Duplicate, 100'000, 100'000, "y.jpg"});
  const BuiltDrive reader(std::move(drive));
  const std::vector<Flag> flags = run_sensor_sync(reader);
  ASSERT_EQ(flags.size(), 2u);
  EXPECT_EQ(flags[0].kind, "out_of_order_timestamp");
  EXPECT_EQ(flags[0].sensor, "GHOST");
  EXPECT_EQ(flags[0].frame, -1);
  EXPECT_DOUBLE_EQ(flags[0].metrics.at("rows"), 2);
  EXPECT_DOUBLE_EQ(flags[0].metrics.at("step_us"), -95);
  EXPECT_EQ(flags[1].kind, "duplicate_timestamp");
  EXPECT_NE(flags[1].message.find("/nowhere/index.csv line 4"), std::string::npos) << flags[1].message;
}

TEST(SensorSync, KittiTrackingHasNoRecordedTimes) {
  FL_REQUIRE_SHARED_DATA("kitti-tracking/training/label_02/0000.txt");
  DriveOptions options;
  options.path = testing::shared_data("kitti-tracking/training");
  options.selectors["sequence"] = "0000";
  options.keep_timing_faults = true;
  const auto reader = open_drive(options);
  const CheckInputs inputs(*reader, reader->drive().labels, nullptr);
  EXPECT_NE(make_sensor_sync_check()->unavailable(inputs).find("no recorded times"), std::string::npos);
}

}  // namespace
}  // namespace fuselabel
