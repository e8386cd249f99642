// export --format nuscenes from a drive of another format: the committed native sample drive
// becomes a nuScenes dataroot that fuselabel's strict nuScenes reader opens with the same labels
// (world-frame boxes, classes, one instance per track), LiDAR point counts equal to a float64
// count over the written .pcd.bin files, the same bytes when exported again, and what nuScenes
// cannot hold said; a drive without ego poses is refused.
#include <gtest/gtest.h>

#include <cstring>
#include <fstream>
#include <map>
#include <nlohmann/json.hpp>
#include <regex>

#include "io/common/file_read.h"
#include "io/nuscenes/nuscenes_drive.h"
#include "test_support.h"
#include "tools/cli_support.h"

namespace fuselabel {
namespace {

namespace fs = std::filesystem;

const char* kVersion = "v1.0-fuselabel";

// Points of a nuScenes .pcd.bin inside the world-frame box (inclusive bounds), in float64.
int64_t points_inside(const nuscenes::SensorSample& sweep, const Cuboidd& box) {
  const std::string bytes = read_file_bytes(sweep.file);
  const Transform3d T_box_sensor = Transform3d::from_rotation_translation(box.rotation, box.center).inverse() *
                                   sweep.T_world_ego * sweep.T_ego_sensor;
  int64_t inside = 0;
  for (size_t p = 0; p + 20 <= bytes.size(); p += 20) {
    float xyz[3];
    std::memcpy(xyz, bytes.data() + p, sizeof xyz);
    const Vec3<double> local = T_box_sensor * Vec3<double>{xyz[0], xyz[1], xyz[2]};
    inside += std::abs(local.x) <= box.size.x / 2 && std::abs(local.y) <= box.size.y / 2 &&
              std::abs(local.z) <= box.size.z / 2;
  }
  return inside;
}

TEST(CliExportNuscenesDataset, NativeDriveOpensAsNuscenesWithItsLabels) {
  const testing::TempDir dir;
  const fs::path source = testing::source_dir() / "data-samples/drive";
  const std::string command = "export --drive " + source.string() + " --format nuscenes --out ";
  auto run = testing::run_cli(command + (dir.path() / "ns").string());
  ASSERT_EQ(run.exit_code, 0) << run.output;
  for (const char* note : {"CAM_RIGHT_FISHEYE left out", "RADAR_FRONT left out", "CAM_FRONT_LEFT keeps its K"})
    EXPECT_NE(run.output.find(note), std::string::npos) << note << "\n" << run.output;
  const fs::path version = dir.path() / "ns" / kVersion;
  for (const char* table :
       {"attribute", "calibrated_sensor", "category", "ego_pose", "instance", "log", "map", "sample",
        "sample_annotation", "sample_data", "scene", "sensor", "visibility", "image_annotations"})
    EXPECT_TRUE(fs::is_regular_file(version / (std::string(table) + ".json"))) << table;

  const auto original = open_drive(source);
  const Drive& drive = original->drive();
  ASSERT_EQ(drive.labels.frame, LabelFrame::World);
  DriveOptions options;
  options.path = dir.path() / "ns";
  options.selectors["scene"] = "sample";
  const NuscenesDrive back(options);
  size_t sweeps = 0;
  for (const DriveFrame& f : drive.frames) sweeps += f.lidar_sample >= 0;
  EXPECT_EQ(back.scene().samples.size(), sweeps);
  EXPECT_EQ(back.scene().channels.count("CAM_FRONT"), 1u);
  EXPECT_EQ(back.scene().channels.count("CAM_RIGHT_FISHEYE"), 0u);

  // Every label comes back at its frame's time with its class and box; tracks map one to one
  // onto instances.
  const LabelSet& labels = back.drive().labels;
  ASSERT_EQ(labels.boxes.size(), drive.labels.boxes.size());
  std::map<std::pair<int64_t, std::string>, const CuboidLabel*> by_time_and_class;
  std::map<std::string, std::string> instance_of_track, track_of_instance;
  int64_t with_points = 0;
  const nuscenes::Channel& lidar = back.scene().lidar();
  for (const CuboidLabel& b : labels.boxes) {
    const nuscenes::SensorSample& sweep = lidar.samples.at(size_t(b.frame));
    const int64_t count = std::stoll(b.attributes.at("num_lidar_pts"));
    EXPECT_EQ(count, points_inside(sweep, b.box)) << b.id;
    with_points += count > 0;
  }
  EXPECT_GT(with_points, 0);
  for (const CuboidLabel& a : drive.labels.boxes) {
    SCOPED_TRACE(a.id);
    const std::string& class_name = drive.labels.class_of(a);
    const CuboidLabel* match = nullptr;
    for (const CuboidLabel& b : labels.boxes)
      if (b.timestamp_us == a.timestamp_us && labels.class_of(b) == class_name &&
          std::abs(b.box.center.x - a.box.center.x) < 1e-9 && std::abs(b.box.center.y - a.box.center.y) < 1e-9)
        match = &b;
    ASSERT_NE(match, nullptr);
    EXPECT_NEAR(match->box.center.z, a.box.center.z, 1e-9);
    for (int k = 0; k < 3; ++k) EXPECT_NEAR((&match->box.size.x)[k], (&a.box.size.x)[k], 1e-9);
    EXPECT_NEAR(std::abs(match->box.rotation.w * a.box.rotation.w + match->box.rotation.x * a.box.rotation.x +
                         match->box.rotation.y * a.box.rotation.y + match->box.rotation.z * a.box.rotation.z),
                1.0, 1e-12);
    EXPECT_EQ(instance_of_track.emplace(a.track_id, match->track_id).first->second, match->track_id);
    EXPECT_EQ(track_of_instance.emplace(match->track_id, a.track_id).first->second, a.track_id);
  }
  EXPECT_EQ(labels.tracks.size(), drive.labels.tracks.size());
  EXPECT_FALSE(nlohmann::json::parse(read_file_bytes(version / "image_annotations.json")).empty());

  // The same input, the same tokens and bytes.
  run = testing::run_cli(command + (dir.path() / "again").string());
  ASSERT_EQ(run.exit_code, 0) << run.output;
  for (const char* table : {"sample", "sample_data", "ego_pose", "sample_annotation", "instance", "category"})
    EXPECT_EQ(read_file_bytes(version / (std::string(table) + ".json")),
              read_file_bytes(dir.path() / "again" / kVersion / (std::string(table) + ".json")))
        << table;
}

TEST(CliExportNuscenesDataset, DriveWithoutEgoPosesIsRefused) {
  const testing::TempDir dir;
  const fs::path drive = dir.path() / "drive";
  fs::copy(testing::source_dir() / "data-samples/drive", drive, fs::copy_options::recursive);
  const std::string yaml =
      std::regex_replace(read_file_bytes(drive / "drive.yaml"), std::regex("(ego_poses|world_frame): [^\n]*\n"), "");
  std::ofstream(drive / "drive.yaml", std::ios::binary) << yaml;
  const auto run = testing::run_cli("export --drive " + drive.string() + " --format nuscenes --out " +
                                    (dir.path() / "out").string());
  EXPECT_EQ(run.exit_code, 1) << run.output;
  EXPECT_NE(run.output.find("no ego poses"), std::string::npos) << run.output;
  EXPECT_FALSE(fs::exists(dir.path() / "out"));
}

}  // namespace
}  // namespace fuselabel
