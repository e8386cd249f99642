// calibration_drift end to end on simulated drives: a camera whose true mount turns from a known
// frame on (drive.yaml keeping the nominal one) is flagged near that frame with a corrected
// extrinsic near the true one; the same drive without the fault raises nothing.
#include <gtest/gtest.h>

#include <cmath>

#include "fusion/check/calibration_fit.h"
#include "fusion/check/check_registry.h"
#include "io/drive_reader.h"
#include "projection/angle_axis.h"
#include "sim/drive_sim.h"
#include "sim_drive_test_support.h"
#include "test_support.h"

namespace fuselabel {
namespace {

constexpr double kDeg = 3.141592653589793 / 180;
constexpr int64_t kFaultFrame = 15;

// The end-to-end drive, its camera pitched a little.
SimDriveConfig drift_drive_config() {
  SimDriveConfig config = testing::one_camera_drive_config(3);
  config.cameras[0].mount.pitch = 0.02;
  return config;
}

std::vector<Flag> calibration_flags(const std::filesystem::path& drive_dir) {
  const auto reader = open_drive(drive_dir);
  const LabelSet labels = reader->read_replacement_labels("ground_truth");
  Workspace ws(Device::Cpu);
  const CheckInputs inputs(*reader, labels, &ws);
  return run_checks(inputs, default_check_profile(declared_check_parameters()), {"calibration_drift"}).flags;
}

TEST(SimCalibrationDrift, ATurnedCameraIsFlaggedWhereItTurnedWithItsCorrection) {
  testing::TempDir dir;
  const SimDriveConfig config = drift_drive_config();
  CameraExtrinsicDrift drift;
  drift.camera = config.cameras[0].name;
  drift.from_frame = kFaultFrame;
  const Vec3<double> axis = {0.3, 0.8, -0.52};
  drift.T_nominal_true = Transform3d::from_rotation_translation(
      Quat<double>::from_axis_angle((1 / std::sqrt(dot(axis, axis))) * axis, 0.6 * kDeg), {0, 0, 0});
  SensorFaults faults;
  faults.extrinsic_drifts = {drift};
  simulate_drive(config, dir.path() / "faulty", faults);
  simulate_drive(config, dir.path() / "clean");

  const std::vector<Flag> flags = calibration_flags(dir.path() / "faulty");
  ASSERT_EQ(flags.size(), 1u);
  const Flag& f = flags[0];
  EXPECT_EQ(f.sensor, drift.camera);
  EXPECT_EQ(f.kind, "extrinsic_changed");
  EXPECT_LE(std::llabs(f.frame - kFaultFrame), 3) << f.message;
  const Transform3d T_true_nominal = delta_from_metrics(f.metrics).T_true_nominal();
  const double error_deg = angle_axis((T_true_nominal * drift.T_nominal_true).R).angle / kDeg;
  EXPECT_LT(error_deg, 0.2) << f.message;
  EXPECT_NEAR(f.metrics.at("change_rotation_deg"), 0.6, 0.2);

  EXPECT_TRUE(calibration_flags(dir.path() / "clean").empty());
}

}  // namespace
}  // namespace fuselabel
