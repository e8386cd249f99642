#include <gtest/gtest.h>

#include <cmath>
#include <fstream>
#include <string>

#include "sim/sim_drive_config.h"
#include "model/input_error.h"
#include "test_support.h"

namespace fuselabel {
namespace {

std::filesystem::path write_config(const testing::TempDir& dir, const std::string& text) {
  const std::filesystem::path file = dir / "sim.yaml";
  testing::write_text(file, text);
  return file;
}

// The error message of reading `text`, or "" when it reads.
std::string read_error(const std::string& text) {
  const testing::TempDir dir;
  try {
    read_sim_drive_config(write_config(dir, text));
  } catch (const InputError& e) {
    return e.what();
  }
  return "";
}

TEST(SimDriveConfig, DefaultsAreTheSampleRigAndValid) {
  const SimDriveConfig config;
  EXPECT_NO_THROW(validate_sim_drive_config(config));
  EXPECT_EQ(config.lidar.beams, 32);
  ASSERT_EQ(config.radars.size(), 2u);
  ASSERT_EQ(config.cameras.size(), 3u);
  EXPECT_EQ(config.cameras[0].model, CameraModelType::Pinhole);
  EXPECT_EQ(config.cameras[1].model, CameraModelType::BrownConrady);
  EXPECT_EQ(config.cameras[2].model, CameraModelType::Fisheye);
  // Every camera's lens folds nowhere inside its image... or is refused there (fisheye corners).
  for (const SimCameraSpec& spec : config.cameras) {
    const CameraModeld cam = camera_model(spec);
    EXPECT_GT(cam.fx, 0);
    EXPECT_GT(cam.max_radius2, 0.5);
  }
}

TEST(SimDriveConfig, ReadsEveryKindOfKey) {
  const testing::TempDir dir;
  const SimDriveConfig config = read_sim_drive_config(write_config(dir, R"(
name: city-loop
seed: 42
duration: 2.5
start_time_us: 1000000
keyframe_interval: 4
road: {lanes_per_direction: 3, radius_min: 120}
ego: {initial_speed: 5, first_stop: -1}
traffic: {lead_vehicle: false, pedestrians_per_km: 10, speed_change_interval: 4, speed_change_rate: 2}
lidar:
  name: LIDAR
  elevations: [0.1, 0.0, -0.1, -0.2]
  beams: 4
  mount: {position: [1, 0, 2], yaw: 0.5}
  freeze_actors: true
radars: []
cameras:
  - name: CAM_A
    model: brown_conrady
    width: 640
    height: 480
    distortion: [-0.1, 0.01, 0, 0, 0]
    image_format: png
)"));
  EXPECT_EQ(config.name, "city-loop");
  EXPECT_EQ(config.seed, 42u);
  EXPECT_EQ(config.duration, 2.5);
  EXPECT_EQ(config.start_time_us, 1000000);
  EXPECT_EQ(config.keyframe_interval, 4);
  EXPECT_EQ(config.road.lanes_per_direction, 3);
  EXPECT_EQ(config.road.lane_width, 3.5);  // default kept
  EXPECT_EQ(config.ego.first_stop, -1);
  EXPECT_FALSE(config.traffic.lead_vehicle);
  EXPECT_EQ(config.traffic.speed_change_interval, 4);
  EXPECT_EQ(config.traffic.speed_change_rate, 2);
  EXPECT_EQ(SimDriveConfig().traffic.speed_change_interval, 0);  // constant speeds unless asked
  EXPECT_EQ(config.lidar.beams, 4);
  EXPECT_EQ(config.lidar.elevations.size(), 4u);
  EXPECT_EQ(config.lidar.mount.position.z, 2);
  EXPECT_EQ(config.lidar.mount.yaw, 0.5);
  EXPECT_TRUE(config.lidar.freeze_actors);
  EXPECT_FALSE(SimDriveConfig().lidar.freeze_actors);
  EXPECT_TRUE(config.radars.empty());
  ASSERT_EQ(config.cameras.size(), 1u);
  EXPECT_EQ(config.cameras[0].model, CameraModelType::BrownConrady);
  EXPECT_EQ(camera_model(config.cameras[0]).cx, 319.5);  // derived principal point
  EXPECT_EQ(config.cameras[0].rate_hz, 12);
}

TEST(SimDriveConfig, RejectsBadConfigsNamingFileAndKey) {
  struct Case {
    const char* yaml;
    const char* expected;  // part of the message
  };
  const Case cases[] = {
      {"durration: 3\n", "durration (line 1): unknown key"},
      {"lidar: {beams: 32, bemas: 3}\n", "lidar.bemas (line 1): unknown key"},
      {"cameras:\n  - {name: A, fxx: 3}\n", "cameras[0].fxx (line 2): unknown key"},
      {"duration: fast\n", "duration (line 1): not a finite number"},
      {"seed: -3\n", "seed (line 1): must be a non-negative integer"},
      {"traffic: {lead_vehicle: maybe}\n", "traffic.lead_vehicle (line 1): expected true or false"},
      {"cameras:\n  - {model: kannala}\n", "unknown camera model 'kannala'"},
      {"duration: 0\n", "duration: must be > 0"},
      {"cameras:\n  - {name: A, width: 0}\n", "cameras[0].width"},
      {"cameras:\n  - {name: A, model: fisheye, distortion: [0.1]}\n", "cameras[0].distortion: fisheye takes k1 k2 k3 k4"},
      {"radars:\n  - {name: LIDAR_TOP}\n", "radars[0].name: 'LIDAR_TOP' is used by another sensor"},
      {"lidar: {elevations: [0.1, 0.2], beams: 3}\n", "lidar.elevations: must list one elevation per beam"},
      {"road: {radius_min: 10}\n", "road.radius_min"},
      {"traffic: {speed_change_interval: 0.1}\n", "traffic.speed_change_interval: must be 0 or lie in [0.5, 600] s"},
      {"traffic: {speed_change_rate: 0}\n", "traffic.speed_change_rate: must lie in [0.1, 10]"},
      {"name: a/b\n", "name: must be"},
      {"lidar: [1, 2]\n", "lidar (line 1): expected a mapping"},
      {"duration: [\n", "not valid YAML"},
      {"lidar: {elevations: []}\n", "lidar.elevations (line 1): lists no elevation"},
      {"start_time_us: 9223372036854775807\n", "start_time_us: must lie in [0, "},
      {"start_time_us: -1\n", "start_time_us: must lie in [0, "},
  };
  for (const Case& c : cases) {
    const std::string message = read_error(c.yaml);
    EXPECT_NE(message.find("sim.yaml"), std::string::npos) << c.yaml << " -> " << message;
    EXPECT_NE(message.find(c.expected), std::string::npos) << c.yaml << " -> " << message;
  }
  EXPECT_EQ(read_error("seed: 3\n"), "");
  EXPECT_THROW(read_sim_drive_config("/nonexistent/sim.yaml"), InputError);
}

TEST(SimDriveConfig, CameraMountLooksAlongTheBodyAxes) {
  // Yaw 0: the optical axis (z) is the ego's x, image right (x) is the ego's -y, down is -z.
  SimMount mount;
  mount.position = {1, 2, 3};
  Transform3d T = mount_transform(mount, true);
  const Vec3<double> forward = T.R * Vec3<double>{0, 0, 1};
  EXPECT_NEAR(forward.x, 1, 1e-15);
  Vec3<double> right = T.R * Vec3<double>{1, 0, 0}, down = T.R * Vec3<double>{0, 1, 0};
  EXPECT_NEAR(right.y, -1, 1e-15);
  EXPECT_NEAR(down.z, -1, 1e-15);
  EXPECT_EQ(T.t.z, 3);
  // Positive pitch looks down; yaw pi/2 looks left.
  mount.pitch = 0.3;
  Vec3<double> axis = mount_transform(mount, true).R * Vec3<double>{0, 0, 1};
  EXPECT_NEAR(axis.z, -std::sin(0.3), 1e-15);
  mount.pitch = 0, mount.yaw = std::acos(-1.0) / 2;
  axis = mount_transform(mount, false).R * Vec3<double>{1, 0, 0};
  EXPECT_NEAR(axis.y, 1, 1e-15);
}

}  // namespace
}  // namespace fuselabel
