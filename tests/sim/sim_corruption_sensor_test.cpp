#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <set>

#include "sim_corruption_support.h"

namespace fuselabel {
namespace {

constexpr double kPi = 3.141592653589793;

CorruptionProfile sensor_profile() {
  CorruptionProfile p;
  p.camera_time_offset = {{1, std::nullopt}, {20000, 60000}};
  p.camera_extrinsic = {{1, std::nullopt}, {0.5, 1.5}, {0.01, 0.05}};
  return p;
}

double norm(Vec3<double> v) { return std::sqrt(dot(v, v)); }

TEST(SimCorruptionSensor, FaultsAreDrawnWithinTheProfileRanges) {
  const Drive drive = testing::synthetic_drive();
  std::set<std::string> offset_cameras;
  for (uint64_t seed = 0; seed < 30; ++seed) {
    const SensorFaults faults = draw_sensor_faults(drive, sensor_profile(), seed);
    ASSERT_EQ(faults.time_offsets.size(), 1u);
    ASSERT_EQ(faults.extrinsic_drifts.size(), 1u);
    const CameraTimeOffsetFault& offset = faults.time_offsets[0];
    const CameraExtrinsicDrift& drift = faults.extrinsic_drifts[0];
    EXPECT_NE(offset.camera, drift.camera) << "one sensor error per camera";
    offset_cameras.insert(offset.camera);
    EXPECT_GE(offset.offset_us, 20000);
    EXPECT_LE(offset.offset_us, 60000);
    EXPECT_GE(drift.from_frame, 1);
    EXPECT_LT(drift.from_frame, testing::kFrames);
    const Mat3<double>& R = drift.T_nominal_true.R;
    const double angle_deg = std::acos(std::clamp((R(0, 0) + R(1, 1) + R(2, 2) - 1) / 2, -1.0, 1.0)) * 180 / kPi;
    EXPECT_GE(angle_deg, 0.5 - 1e-6);
    EXPECT_LE(angle_deg, 1.5 + 1e-6);
    EXPECT_LT(orthonormality_error(R), 1e-12);
    const double shift = norm(drift.T_nominal_true.t);
    EXPECT_GE(shift, 0.01 - 1e-12);
    EXPECT_LE(shift, 0.05 + 1e-12);
  }
  EXPECT_EQ(offset_cameras.size(), 2u) << "both cameras get chosen over the seeds";
}

TEST(SimCorruptionSensor, InjectedErrorsDescribeTheFaults) {
  const Drive drive = testing::synthetic_drive();
  const SensorFaults faults = draw_sensor_faults(drive, sensor_profile(), 3);
  const std::vector<InjectedError> errors = injected_errors_for(faults, drive);
  ASSERT_EQ(errors.size(), 2u);
  const InjectedError& offset = errors[0];  // frame 0 sorts first
  EXPECT_EQ(offset.type, CorruptionType::CameraTimeOffset);
  EXPECT_EQ(offset.sensor, faults.time_offsets[0].camera);
  EXPECT_EQ(offset.frame, 0);
  EXPECT_EQ(offset.timestamp_us, testing::lidar_time(0));
  EXPECT_EQ(offset.parameters.at("offset_us"), faults.time_offsets[0].offset_us);
  EXPECT_TRUE(offset.track.empty());

  const InjectedError& drift = errors[1];
  const CameraExtrinsicDrift& fault = faults.extrinsic_drifts[0];
  EXPECT_EQ(drift.type, CorruptionType::CameraExtrinsic);
  EXPECT_EQ(drift.sensor, fault.camera);
  EXPECT_EQ(drift.frame, fault.from_frame);
  EXPECT_EQ(drift.timestamp_us, testing::lidar_time(fault.from_frame));
  // Rebuild the rotation from the recorded axis and angle.
  const Vec3<double> axis = {drift.parameters.at("axis_x"), drift.parameters.at("axis_y"),
                             drift.parameters.at("axis_z")};
  EXPECT_NEAR(norm(axis), 1, 1e-12);
  const Mat3<double> R =
      Quat<double>::from_axis_angle(axis, drift.parameters.at("rotation_deg") * kPi / 180).to_matrix();
  for (int i = 0; i < 9; ++i) EXPECT_NEAR(R.m[i], fault.T_nominal_true.R.m[i], 1e-12);
  EXPECT_NEAR(drift.parameters.at("translation_m"), norm(fault.T_nominal_true.t), 1e-15);
  EXPECT_EQ(drift.parameters.at("tz_m"), fault.T_nominal_true.t.z);
}

TEST(SimCorruptionSensor, SameSeedSameFaults) {
  const Drive drive = testing::synthetic_drive();
  const auto json = [&](uint64_t seed) {
    return injected_errors_json(injected_errors_for(draw_sensor_faults(drive, sensor_profile(), seed), drive));
  };
  EXPECT_EQ(json(9), json(9));
  EXPECT_NE(json(9), json(10));
}

TEST(SimCorruptionSensor, AtMostOneSensorErrorPerCamera) {
  CorruptionProfile p = sensor_profile();
  p.camera_time_offset.amount = {0, 1.0};  // every camera
  const SensorFaults faults = draw_sensor_faults(testing::synthetic_drive(), p, 1);
  EXPECT_EQ(faults.time_offsets.size(), 2u);
  EXPECT_TRUE(faults.extrinsic_drifts.empty()) << "no camera left for a drift";
  EXPECT_TRUE(draw_sensor_faults(testing::synthetic_drive(), CorruptionProfile{}, 1).empty());
}

}  // namespace
}  // namespace fuselabel
