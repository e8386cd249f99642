#include <gtest/gtest.h>

#include <algorithm>
#include <fstream>
#include <iterator>
#include <map>
#include <set>

#include "sim/drive_sim.h"
#include "io/native/native_drive.h"
#include "io/common/point_file.h"
#include "kernels/cpu_parallel.h"
#include "sim_drive_test_support.h"
#include "test_support.h"

namespace fs = std::filesystem;

namespace fuselabel {
namespace {

// One scratch folder per test process, removed at exit; each drive is simulated once.
const fs::path& process_dir() {
  static const testing::TempDir dir;
  return dir.path();
}

struct Simulated {
  fs::path dir;
  SimDriveTruth truth;
};

const Simulated& simulated(uint64_t seed) {
  static std::map<uint64_t, Simulated> drives;
  if (!drives.count(seed)) {
    const fs::path dir = process_dir() / ("seed" + std::to_string(seed));
    drives[seed] = {dir, simulate_drive(testing::small_drive_config(seed), dir)};
  }
  return drives[seed];
}

std::map<std::string, std::string> all_files(const fs::path& root) {
  std::map<std::string, std::string> files;
  for (const auto& entry : fs::recursive_directory_iterator(root)) {
    if (!entry.is_regular_file()) continue;
    files[fs::relative(entry.path(), root).string()] = testing::read_text(entry.path());
  }
  return files;
}

TEST(SimDrive, WritesANativeDriveThatReadsBack) {
  const Simulated& sim = simulated(1);
  const NativeDrive drive = read_native_drive(sim.dir);
  ASSERT_EQ(drive.sensors.size(), 6u);  // 1 LiDAR, 2 radars, 3 cameras
  EXPECT_EQ(drive.lidar().samples.size(), sim.truth.lidar_frames.size());
  EXPECT_EQ(drive.lidar().samples.size(), 10u);  // 1 s at 10 Hz
  for (const NativeSensor& sensor : drive.sensors)
    for (const NativeSample& sample : sensor.samples) EXPECT_TRUE(fs::is_regular_file(sim.dir / sample.file)) << sample.file;
  // Points: x y z intensity t_offset, as many as the truth counted.
  const std::vector<float> points = read_float_records(sim.dir / drive.lidar().samples[3].file, kNativeLidarFields);
  EXPECT_EQ(static_cast<int64_t>(points.size() / 5), sim.truth.lidar_frames[3].points);
  EXPECT_EQ(drive.sensor("CAM_FRONT_LEFT").camera->type, CameraModelType::BrownConrady);
  EXPECT_EQ(drive.sensor("CAM_RIGHT_FISHEYE").camera->type, CameraModelType::Fisheye);
  // The poses cover every sample.
  EXPECT_LT(drive.ego_poses.front().timestamp_us, drive.lidar().samples.front().timestamp_us);
  for (const NativeSensor& sensor : drive.sensors)
    EXPECT_GT(drive.ego_poses.back().timestamp_us, sensor.samples.back().timestamp_us + 200000);

  const LabelSet truth_labels = read_label_set(sim.dir / drive.label_sets.at("ground_truth"), drive);
  EXPECT_EQ(truth_labels.taxonomy, "fuselabel-sim-v1");
  EXPECT_FALSE(truth_labels.boxes_2d.empty());
  std::set<int64_t> frames;
  for (const CuboidLabel& b : truth_labels.boxes) frames.insert(b.frame);
  EXPECT_EQ(frames.size(), drive.lidar().samples.size());  // every frame is labelled
  // LiDAR returns per actor: labelled actors are seen, and the counts add up.
  int64_t on_actors = 0;
  for (const SimActorCount& c : sim.truth.lidar_frames[0].returns) on_actors += c.count;
  EXPECT_GT(on_actors, 100);
  EXPECT_LT(on_actors, sim.truth.lidar_frames[0].points);
}

TEST(SimDrive, KeyframesAreExactlyEveryKthFrameOfTheGroundTruth) {
  const Simulated& sim = simulated(1);
  const NativeDrive drive = read_native_drive(sim.dir);
  const LabelSet all = read_label_set(sim.dir / drive.label_sets.at("ground_truth"), drive);
  const LabelSet keys = read_label_set(sim.dir / drive.label_sets.at("keyframes"), drive);
  const int k = sim.truth.config.keyframe_interval;
  std::vector<const CuboidLabel*> expected;
  for (const CuboidLabel& b : all.boxes)
    if (b.frame % k == 0) expected.push_back(&b);
  ASSERT_EQ(keys.boxes.size(), expected.size());
  for (size_t i = 0; i < expected.size(); ++i) {
    EXPECT_EQ(keys.boxes[i].track_id, expected[i]->track_id);
    EXPECT_EQ(keys.boxes[i].frame, expected[i]->frame);
    EXPECT_EQ(keys.boxes[i].box.center.x, expected[i]->box.center.x);
    EXPECT_EQ(keys.boxes[i].box.rotation.z, expected[i]->box.rotation.z);
  }
  // 2D boxes: those of the ground truth in the images nearest the keyframes, one image per camera.
  std::map<std::string, std::set<int64_t>> images;
  for (const ImageBoxLabel& b : keys.boxes_2d) images[b.camera].insert(b.timestamp_us);
  int64_t expected_2d = 0;
  for (const ImageBoxLabel& b : all.boxes_2d) expected_2d += images[b.camera].count(b.timestamp_us);
  EXPECT_EQ(static_cast<int64_t>(keys.boxes_2d.size()), expected_2d);
  const int64_t keyframes = (static_cast<int64_t>(drive.lidar().samples.size()) + k - 1) / k;
  for (const auto& [camera, times] : images) EXPECT_LE(static_cast<int64_t>(times.size()), keyframes) << camera;
  EXPECT_FALSE(images.empty());
}

TEST(SimDrive, SameConfigSameBytesAnyThreadsOtherSeedOtherBytes) {
  const Simulated& sim = simulated(1);
  const fs::path again = process_dir() / "again";
  set_cpu_threads(1);
  simulate_drive(testing::small_drive_config(1), again);
  set_cpu_threads(0);
  const std::map<std::string, std::string> a = all_files(sim.dir), b = all_files(again);
  ASSERT_EQ(a.size(), b.size());
  for (const auto& [name, bytes] : a) EXPECT_TRUE(b.count(name) && b.at(name) == bytes) << name;
  const std::map<std::string, std::string> other = all_files(simulated(2).dir);
  // (The first second of both drives is the same straight at the same speed: equal ego poses.)
  for (const char* name : {"sensors/LIDAR_TOP/000000.bin", "sensors/CAM_FRONT/000000.jpg", "labels/ground_truth.json"})
    EXPECT_TRUE(a.at(name) != other.at(name)) << name;
}

TEST(SimDrive, SensorsAreNeverExactlySynchronous) {
  const NativeDrive drive = read_native_drive(simulated(1).dir);
  std::map<int64_t, std::string> owner;
  for (const NativeSensor& sensor : drive.sensors)
    for (const NativeSample& sample : sensor.samples) {
      const auto [it, fresh] = owner.emplace(sample.timestamp_us, sensor.name);
      EXPECT_TRUE(fresh) << sensor.name << " and " << it->second << " both sample at " << sample.timestamp_us;
    }
  // Not merely distinct: different rates and phases, so the gaps between sensors wander.
  const std::vector<NativeSample>& lidar = drive.lidar().samples;
  const std::vector<NativeSample>& camera = drive.sensor("CAM_FRONT").samples;
  std::set<int64_t> gaps;
  for (const NativeSample& s : lidar) {
    const auto next = std::lower_bound(camera.begin(), camera.end(), s.timestamp_us,
                                       [](const NativeSample& c, int64_t t) { return c.timestamp_us < t; });
    if (next != camera.end()) gaps.insert((next->timestamp_us - s.timestamp_us) / 1000);
  }
  EXPECT_GT(gaps.size(), 3u);
}

TEST(SimDrive, SensorFaultsAreRenderedWhileTheDriveClaimsTheNominalRig) {
  const Simulated& nominal = simulated(1);
  SensorFaults faults;
  faults.time_offsets.push_back({"CAM_FRONT", 40000});
  CameraExtrinsicDrift drift;
  drift.camera = "CAM_FRONT_LEFT";
  drift.from_frame = 5;
  drift.T_nominal_true = {Quat<double>::from_axis_angle({0, 1, 0}, 0.03).to_matrix(), {0.0, 0.05, 0.0}};
  faults.extrinsic_drifts.push_back(drift);
  const fs::path dir = process_dir() / "faulty";
  const SimDriveTruth truth = simulate_drive(testing::small_drive_config(1), dir, faults);
  const NativeDrive faulty = read_native_drive(dir), clean = read_native_drive(nominal.dir);
  // Time offset: the same images, recorded 40 ms late.
  const NativeSensor& front = faulty.sensor("CAM_FRONT");
  for (size_t i = 0; i < front.samples.size(); ++i) {
    EXPECT_EQ(front.samples[i].timestamp_us, clean.sensor("CAM_FRONT").samples[i].timestamp_us + 40000);
    EXPECT_EQ(truth.camera_samples[0][i].true_time_us + 40000, front.samples[i].timestamp_us);
  }
  // Drift: drive.yaml keeps the nominal extrinsic; images change from LiDAR frame 5 on.
  const Transform3d& T = faulty.sensor("CAM_FRONT_LEFT").T_ego_sensor;
  for (int i = 0; i < 9; ++i) EXPECT_NEAR(T.R.m[i], clean.sensor("CAM_FRONT_LEFT").T_ego_sensor.R.m[i], 1e-12);
  const std::map<std::string, std::string> a = all_files(nominal.dir), b = all_files(dir);
  const int64_t from_us = truth.lidar_frames[5].timestamp_us;
  int drifted = 0;
  for (size_t i = 0; i < truth.camera_samples[1].size(); ++i) {
    const SimCameraSampleTruth& sample = truth.camera_samples[1][i];
    EXPECT_EQ(sample.drifted, sample.true_time_us >= from_us);
    const std::string& file = faulty.sensor("CAM_FRONT_LEFT").samples[i].file;
    EXPECT_EQ(a.at(file) == b.at(file), !sample.drifted) << file;  // compares without printing images
    drifted += sample.drifted;
  }
  EXPECT_GT(drifted, 0);
  EXPECT_TRUE(a.at("sensors/LIDAR_TOP/000004.bin") == b.at("sensors/LIDAR_TOP/000004.bin"));
  faults.time_offsets.push_back({"CAM_NOWHERE", 1});
  EXPECT_THROW(simulate_drive(testing::small_drive_config(1), process_dir() / "bad", faults), std::invalid_argument);
}

}  // namespace
}  // namespace fuselabel
