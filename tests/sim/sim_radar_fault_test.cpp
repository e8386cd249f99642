// The radar_extrinsic sensor error: profile keys, drawing, its record, and its rendering.
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <fstream>
#include <iterator>
#include <set>

#include "io/native/native_drive.h"
#include "model/input_error.h"
#include "sim/corruption.h"
#include "sim/drive_radar.h"
#include "sim/drive_sim.h"
#include "sim_corruption_support.h"
#include "sim_drive_test_support.h"
#include "test_support.h"

namespace fs = std::filesystem;

namespace fuselabel {
namespace {

constexpr double kPi = 3.141592653589793;

double norm(Vec3<double> v) { return std::sqrt(dot(v, v)); }

// The corruption tests' synthetic drive with two radars besides its LiDAR and cameras.
Drive drive_with_radars() {
  Drive drive = testing::synthetic_drive();
  for (const char* name : {"RADAR_FRONT", "RADAR_BACK"}) {
    drive.rigs.front().sensors.push_back({name, SensorKind::Radar, {}, std::nullopt, 13.0});
    SensorTimeline& radar = drive.timelines[name];
    for (int64_t f = 0; f < testing::kFrames; ++f)
      radar.add({testing::lidar_time(f) + 5000, std::string(name) + "/" + std::to_string(f) + ".bin", {}, {}});
  }
  return drive;
}

CorruptionProfile radar_profile() {
  CorruptionProfile p;
  p.radar_extrinsic = {{1, std::nullopt}, {0.5, 1.5}, {0.01, 0.05}};
  return p;
}

double rotation_deg(const Mat3<double>& R) {
  return std::acos(std::clamp((R(0, 0) + R(1, 1) + R(2, 2) - 1) / 2, -1.0, 1.0)) * 180 / kPi;
}

CorruptionProfile read_profile(const testing::TempDir& dir, const std::string& yaml) {
  testing::write_text(dir / "profile.yaml", yaml);
  return read_corruption_profile(dir / "profile.yaml");
}

TEST(SimRadarFault, ProfileReadsTheKeysOfCameraExtrinsic) {
  const testing::TempDir dir;
  CorruptionProfile p = read_profile(dir, "sensor_errors:\n  radar_extrinsic: {count: 2}\n");
  EXPECT_EQ(p.radar_extrinsic.amount.count, 2);
  EXPECT_EQ(p.radar_extrinsic.rotation_deg.min, 0.5);
  EXPECT_EQ(p.radar_extrinsic.rotation_deg.max, 1.5);
  EXPECT_EQ(p.radar_extrinsic.translation_m.min, 0.0);
  EXPECT_EQ(p.radar_extrinsic.translation_m.max, 0.05);
  EXPECT_EQ(p.camera_extrinsic.amount.planned(10), 0) << "the camera type is not asked for";
  p = read_profile(dir,
                   "sensor_errors:\n  radar_extrinsic: {rate: 0.5, rotation_deg: [1, 1], translation_m: [0, 0]}\n");
  ASSERT_TRUE(p.radar_extrinsic.amount.rate);
  EXPECT_EQ(p.radar_extrinsic.amount.planned(2), 1);
  EXPECT_EQ(p.radar_extrinsic.rotation_deg.min, 1.0);
  EXPECT_EQ(p.radar_extrinsic.translation_m.max, 0.0);
  EXPECT_TRUE(asks_for_sensor_errors(p));
  EXPECT_FALSE(asks_for_sensor_errors(read_profile(dir, "sensor_errors:\n  radar_extrinsic: {rate: 0}\n")));
  EXPECT_FALSE(asks_for_sensor_errors(CorruptionProfile{}));
  EXPECT_STREQ(corruption_type_name(CorruptionType::RadarExtrinsic), "radar_extrinsic");
  EXPECT_TRUE(is_sensor_error(CorruptionType::RadarExtrinsic));

  const struct {
    const char* yaml;
    const char* expected;
  } cases[] = {
      {"label_errors:\n  radar_extrinsic: {count: 1}\n", "label_errors.radar_extrinsic (line 2): unknown"},
      {"sensor_errors:\n  radar_extrinsic: {count: 1, offset_us: [1, 2]}\n", "offset_us (line 2): unknown key"},
      {"sensor_errors:\n  radar_extrinsic: {count: 1, rate: 0.5}\n", "give either count or rate"},
      {"sensor_errors:\n  radar_extrinsic: {rotation_deg: [1, 2]}\n", "needs count"},
      {"sensor_errors:\n  radar_extrinsic: {count: 1, rotation_deg: [1, 200]}\n",
       "rotation_deg[1] (line 2): 200 is outside [0, 180]"},
      {"sensor_errors:\n  radar_extrinsic: {count: 1, translation_m: [0.1, 0.01]}\n", "min is greater than max"},
      {"sensor_errors:\n  radar_extrinsic: {count: 1, translation_m: [-1, 0]}\n", "-1 is outside"},
  };
  for (const auto& c : cases) {
    std::string message;
    try {
      read_profile(dir, c.yaml);
    } catch (const InputError& e) {
      message = e.what();
    }
    EXPECT_NE(message.find(c.expected), std::string::npos) << c.yaml << "\n-> " << message;
  }
}

TEST(SimRadarFault, DrawnWithinTheRangesOnePerRadar) {
  const Drive drive = drive_with_radars();
  std::set<std::string> radars;
  for (uint64_t seed = 0; seed < 30; ++seed) {
    const SensorFaults faults = draw_sensor_faults(drive, radar_profile(), seed);
    ASSERT_EQ(faults.radar_drifts.size(), 1u);
    EXPECT_TRUE(faults.extrinsic_drifts.empty() && faults.time_offsets.empty());
    const RadarExtrinsicDrift& drift = faults.radar_drifts[0];
    radars.insert(drift.radar);
    EXPECT_GE(drift.from_frame, 1);
    EXPECT_LT(drift.from_frame, testing::kFrames);
    EXPECT_GE(rotation_deg(drift.T_nominal_true.R), 0.5 - 1e-6);
    EXPECT_LE(rotation_deg(drift.T_nominal_true.R), 1.5 + 1e-6);
    EXPECT_LT(orthonormality_error(drift.T_nominal_true.R), 1e-12);
    EXPECT_GE(norm(drift.T_nominal_true.t), 0.01 - 1e-12);
    EXPECT_LE(norm(drift.T_nominal_true.t), 0.05 + 1e-12);
  }
  EXPECT_EQ(radars, (std::set<std::string>{"RADAR_FRONT", "RADAR_BACK"}));

  CorruptionProfile every = radar_profile();
  every.radar_extrinsic.amount = {5, std::nullopt};  // more than there are radars
  const SensorFaults faults = draw_sensor_faults(drive, every, 4);
  ASSERT_EQ(faults.radar_drifts.size(), 2u);
  EXPECT_NE(faults.radar_drifts[0].radar, faults.radar_drifts[1].radar);
  EXPECT_TRUE(draw_sensor_faults(testing::synthetic_drive(), every, 4).empty()) << "a drive without radars";
}

TEST(SimRadarFault, CameraFaultsDoNotMoveWhenRadarFaultsAreAdded) {
  const Drive drive = drive_with_radars();
  CorruptionProfile cameras;
  cameras.camera_time_offset = {{1, std::nullopt}, {20000, 60000}};
  cameras.camera_extrinsic = {{1, std::nullopt}, {0.5, 1.5}, {0.01, 0.05}};
  CorruptionProfile both = cameras;
  both.radar_extrinsic = radar_profile().radar_extrinsic;
  for (uint64_t seed = 0; seed < 5; ++seed) {
    const std::vector<InjectedError> a = injected_errors_for(draw_sensor_faults(drive, cameras, seed), drive);
    std::vector<InjectedError> b = injected_errors_for(draw_sensor_faults(drive, both, seed), drive);
    ASSERT_EQ(b.size(), a.size() + 1);
    b.erase(std::remove_if(b.begin(), b.end(),
                           [](const InjectedError& e) { return e.type == CorruptionType::RadarExtrinsic; }),
            b.end());
    EXPECT_EQ(injected_errors_json(a), injected_errors_json(b));
  }
}

TEST(SimRadarFault, InjectedErrorDescribesTheDrift) {
  const Drive drive = drive_with_radars();
  const SensorFaults faults = draw_sensor_faults(drive, radar_profile(), 3);
  const std::vector<InjectedError> errors = injected_errors_for(faults, drive);
  ASSERT_EQ(errors.size(), 1u);
  const InjectedError& e = errors[0];
  const RadarExtrinsicDrift& fault = faults.radar_drifts[0];
  EXPECT_EQ(e.type, CorruptionType::RadarExtrinsic);
  EXPECT_EQ(e.sensor, fault.radar);
  EXPECT_TRUE(e.track.empty());
  EXPECT_EQ(e.frame, fault.from_frame);
  EXPECT_EQ(e.timestamp_us, testing::lidar_time(fault.from_frame));
  const Vec3<double> axis = {e.parameters.at("axis_x"), e.parameters.at("axis_y"), e.parameters.at("axis_z")};
  const Mat3<double> R = Quat<double>::from_axis_angle(axis, e.parameters.at("rotation_deg") * kPi / 180).to_matrix();
  for (int i = 0; i < 9; ++i) EXPECT_NEAR(R.m[i], fault.T_nominal_true.R.m[i], 1e-12);
  EXPECT_NEAR(e.parameters.at("translation_m"), norm(fault.T_nominal_true.t), 1e-15);
  EXPECT_EQ(e.parameters.at("tx_m"), fault.T_nominal_true.t.x);
  EXPECT_EQ(e.parameters.at("ty_m"), fault.T_nominal_true.t.y);
  EXPECT_EQ(e.parameters.at("tz_m"), fault.T_nominal_true.t.z);
  // The file round-trips the record.
  const testing::TempDir dir;
  write_injected_errors(dir / "injected_errors.json", errors);
  EXPECT_EQ(injected_errors_json(read_injected_errors(dir / "injected_errors.json")), injected_errors_json(errors));
}

std::string file_bytes(const fs::path& file) {
  std::ifstream in(file, std::ios::binary);
  return {std::istreambuf_iterator<char>(in), {}};
}

SimDriveConfig radar_drive_config() {
  SimDriveConfig config = testing::small_drive_config(5);
  config.cameras.clear();  // only the radars matter here
  return config;
}

// A 1 degree yaw of RADAR_FRONT (mounted without rotation) from frame 4: its scans from then on
// are exactly those of a radar really mounted 1 degree to the left, written as if from the
// nominal mount; everything before, and the other radar, are the fault-free drive's bytes.
TEST(SimRadarFault, ScansAreMeasuredFromTheTrueMountAndClaimTheNominalOne) {
  const testing::TempDir dir;
  const double yaw = kPi / 180;
  const int64_t from_frame = 4;
  SensorFaults faults;
  faults.radar_drifts.push_back(
      {"RADAR_FRONT", from_frame, {Quat<double>::from_axis_angle({0, 0, 1}, yaw).to_matrix(), {}}});
  const SimDriveConfig config = radar_drive_config();
  ASSERT_EQ(config.radars[0].name, "RADAR_FRONT");
  ASSERT_EQ(config.radars[0].mount.yaw, 0.0);
  SimDriveConfig rotated = config;
  rotated.radars[0].mount.yaw = yaw;
  const SimDriveTruth clean = simulate_drive(config, dir / "clean");
  const SimDriveTruth faulty = simulate_drive(config, dir / "faulty", faults);
  simulate_drive(rotated, dir / "rotated");

  const NativeDrive drive = read_native_drive(dir / "faulty");
  const Transform3d claimed = drive.sensor("RADAR_FRONT").T_ego_sensor;
  const Transform3d nominal = read_native_drive(dir / "clean").sensor("RADAR_FRONT").T_ego_sensor;
  for (int i = 0; i < 9; ++i) EXPECT_EQ(claimed.R.m[i], nominal.R.m[i]);
  EXPECT_EQ(claimed.t.x, nominal.t.x);

  const int64_t from_us = faulty.lidar_frames[from_frame].timestamp_us;
  int before = 0, after = 0, returns_after = 0;
  for (size_t i = 0; i < faulty.radar_scans[0].size(); ++i) {
    const SimRadarScanTruth& scan = faulty.radar_scans[0][i];
    const std::string file = drive.sensor("RADAR_FRONT").samples[i].file;
    const std::string bytes = file_bytes(dir / "faulty" / file);
    EXPECT_EQ(scan.drifted, scan.timestamp_us >= from_us);
    EXPECT_FALSE(clean.radar_scans[0][i].drifted);
    if (!scan.drifted) {
      EXPECT_EQ(bytes, file_bytes(dir / "clean" / file)) << file;
      ++before;
    } else {
      EXPECT_EQ(bytes, file_bytes(dir / "rotated" / file)) << file;
      returns_after += static_cast<int>(bytes.size() / (kSimRadarFields * sizeof(float)));
      after += bytes != file_bytes(dir / "clean" / file);
    }
  }
  EXPECT_GT(before, 2);
  EXPECT_GT(after, 2) << "the drifted scans differ from the fault-free ones";
  EXPECT_GT(returns_after, 20);
  for (size_t i = 0; i < faulty.radar_scans[1].size(); ++i) {
    const std::string file = drive.sensor("RADAR_BACK").samples[i].file;
    EXPECT_EQ(file_bytes(dir / "faulty" / file), file_bytes(dir / "clean" / file)) << file;
    EXPECT_FALSE(faulty.radar_scans[1][i].drifted);
  }

  SensorFaults unknown;
  unknown.radar_drifts.push_back({"RADAR_NOWHERE", 1, {}});
  EXPECT_THROW(simulate_drive(config, dir / "bad", unknown), std::invalid_argument);
  SensorFaults twice = faults;
  twice.radar_drifts.push_back(faults.radar_drifts[0]);
  EXPECT_THROW(simulate_drive(config, dir / "bad", twice), std::invalid_argument);
}

}  // namespace
}  // namespace fuselabel
