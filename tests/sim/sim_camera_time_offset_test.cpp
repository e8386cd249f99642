// sensor_sync's camera time offset end to end on simulated drives: a camera whose recorded
// timestamps are 20 ms later than its captures is flagged with the offset within 5 ms; the same
// drive without the fault raises no camera_time_offset flag.
#include <gtest/gtest.h>

#include <cmath>

#include "fusion/check/check_registry.h"
#include "io/drive_reader.h"
#include "sim/drive_sim.h"
#include "sim_drive_test_support.h"
#include "test_support.h"

namespace fuselabel {
namespace {

constexpr int64_t kOffsetUs = 20'000;

std::vector<Flag> time_offset_flags(const std::filesystem::path& drive_dir) {
  const auto reader = open_drive(drive_dir);
  const LabelSet labels = reader->read_replacement_labels("ground_truth");
  Workspace ws(Device::Cpu);
  const CheckInputs inputs(*reader, labels, &ws);
  std::vector<Flag> flags;
  CheckProfile profile = default_check_profile(declared_check_parameters());
  profile.checks.at("sensor_sync").set("time_offset_frame_step", 1);  // a short drive: every image
  for (Flag& f : run_checks(inputs, profile, {"sensor_sync"}).flags)
    if (f.kind == "camera_time_offset") flags.push_back(std::move(f));
  return flags;
}

TEST(SimCameraTimeOffset, ALateCameraIsFlaggedWithItsOffset) {
  testing::TempDir dir;
  const SimDriveConfig config = testing::one_camera_drive_config(5);
  SensorFaults faults;
  faults.time_offsets = {{config.cameras[0].name, kOffsetUs}};
  simulate_drive(config, dir.path() / "late", faults);
  simulate_drive(config, dir.path() / "clean");

  const std::vector<Flag> flags = time_offset_flags(dir.path() / "late");
  ASSERT_EQ(flags.size(), 1u);
  EXPECT_EQ(flags[0].sensor, config.cameras[0].name);
  EXPECT_NEAR(flags[0].metrics.at("offset_us"), double(kOffsetUs), 5000) << flags[0].message;
  EXPECT_LT(flags[0].metrics.at("uncertainty_us"), 5000) << flags[0].message;

  EXPECT_TRUE(time_offset_flags(dir.path() / "clean").empty());
}

}  // namespace
}  // namespace fuselabel
