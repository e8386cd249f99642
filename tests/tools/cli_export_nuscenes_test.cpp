// nuScenes -> OpenLABEL -> nuScenes: the scene's annotation table comes back with the same
// tokens, instances, links and geometry within print precision, and LiDAR point counts
// recomputed from the sweeps.
#include <gtest/gtest.h>

#include <algorithm>
#include <cstring>
#include <map>

#include "io/common/file_read.h"
#include "io/nuscenes/nuscenes_drive.h"
#include "io/nuscenes/nuscenes_fixture.h"
#include "io/openlabel/openlabel_schema_check.h"
#include "test_support.h"
#include "tools/cli_support.h"

namespace fuselabel {
namespace {

namespace fs = std::filesystem;
using testing::json;

TEST(CliExportNuscenes, ThroughOpenLabelAndBackKeepsTheAnnotationTable) {
  const testing::TempDir dir;
  testing::NuscenesFixture fixture;
  fixture.root = dir.path() / "nuscenes";
  testing::write_nuscenes_fixture(fixture);
  // The first annotation moved onto the fixture's LiDAR points (a line from 5 to 54 m ahead of
  // the sensor), so that its recomputed count is not 0.
  json& moved = fixture.tables.at("sample_annotation")[0];
  {
    const NuscenesDrive before(fixture.scene_options());
    const nuscenes::SceneSample& sample = before.scene().samples.at(0);
    ASSERT_EQ(moved["sample_token"], sample.token);
    const nuscenes::Channel& lidar = before.scene().lidar();
    const nuscenes::SensorSample& sweep = lidar.samples.at(sample.keyframes.at(lidar.name));
    const Vec3<double> centre = sweep.T_world_ego * (sweep.T_ego_sensor * Vec3<double>{15, -2, -1.5});
    moved["translation"] = {centre.x, centre.y, centre.z};
    moved["size"] = {3.0, 8.0, 2.0};
    fixture.write_table("sample_annotation");
  }
  const std::string drive = "--drive " + fixture.root.string() + " --version v1.0-mini --scene scene-0061";
  auto run = testing::run_cli("export " + drive + " --format openlabel --out " + (dir.path() / "ol").string());
  ASSERT_EQ(run.exit_code, 0) << run.output;
  run = testing::run_cli("export " + drive + " --labels " + (dir.path() / "ol/openlabel.json").string() +
                         " --format nuscenes --out " + (dir.path() / "back").string());
  ASSERT_EQ(run.exit_code, 0) << run.output;
  const json original = fixture.tables.at("sample_annotation");
  const json back = json::parse(read_file_bytes(dir.path() / "back/v1.0-mini/sample_annotation.json"));
  ASSERT_EQ(back.size(), original.size());
  const NuscenesDrive scene_drive(fixture.scene_options());
  for (size_t i = 0; i < original.size(); ++i) {
    const json& a = original[i];
    const json& b = back[i];
    SCOPED_TRACE(a["token"].get<std::string>());
    for (const char* key : {"token", "sample_token", "instance_token", "prev", "next", "visibility_token",
                            "attribute_tokens"})
      EXPECT_EQ(a[key], b[key]) << key;
    // num_lidar_pts recomputed: the keyframe sweep's points inside the row's box (inclusive), in
    // float64 from the point file itself.
    int64_t inside = 0;
    bool in_scene = false;  // another scene's rows stay as they were
    for (const nuscenes::SceneSample& sample : scene_drive.scene().samples) {
      if (sample.token != a["sample_token"]) continue;
      in_scene = true;
      const nuscenes::Channel& lidar = scene_drive.scene().lidar();
      const nuscenes::SensorSample& sweep = lidar.samples.at(sample.keyframes.at(lidar.name));
      const std::string bytes = read_file_bytes(sweep.file);
      const std::vector<double> t = a["translation"], size = a["size"], q = a["rotation"];
      const Mat3<double> R_t = Quat<double>{q[0], q[1], q[2], q[3]}.to_matrix().transposed();
      for (size_t p = 0; p + 20 <= bytes.size(); p += 20) {
        float xyz[3];
        std::memcpy(xyz, bytes.data() + p, sizeof xyz);
        const Vec3<double> world = sweep.T_world_ego * (sweep.T_ego_sensor * Vec3<double>{xyz[0], xyz[1], xyz[2]});
        const Vec3<double> local = R_t * (world - Vec3<double>{t[0], t[1], t[2]});
        inside += std::abs(local.x) <= size[1] / 2 && std::abs(local.y) <= size[0] / 2 && std::abs(local.z) <= size[2] / 2;
      }
    }
    if (!in_scene) {
      EXPECT_EQ(a["num_lidar_pts"], b["num_lidar_pts"]);
      continue;
    }
    EXPECT_EQ(b["num_lidar_pts"].get<int64_t>(), inside);
    if (i == 0) {
      EXPECT_GT(inside, 0);
    }
    EXPECT_GE(b["num_radar_pts"].get<int64_t>(), 0);
    for (const char* key : {"translation", "size", "rotation"})
      for (size_t k = 0; k < a[key].size(); ++k) EXPECT_NEAR(a[key][k].get<double>(), b[key][k].get<double>(), 1e-9) << key;
  }
  // The devkit's 2D re-projections beside the tables: its record fields, boxes inside the
  // continuous image rectangle; a box whose corners all project inside is their bounds.
  const json records = json::parse(read_file_bytes(dir.path() / "back/v1.0-mini/image_annotations.json"));
  ASSERT_FALSE(records.empty());
  std::map<std::string, const nuscenes::SensorSample*> cameras;
  for (const auto& [name, channel] : scene_drive.scene().channels)
    for (const nuscenes::SensorSample& s : channel.samples)
      if (s.camera && s.is_key_frame) cameras[s.token] = &s;
  std::map<std::string, json> rows;
  for (const json& row : original) rows[row["token"]] = row;
  int inside = 0;
  for (const json& record : records) {
    EXPECT_EQ(record.size(), 12u);
    for (const char* key : {"attribute_tokens", "bbox_corners", "category_name", "filename", "instance_token", "next",
                            "num_lidar_pts", "num_radar_pts", "prev", "sample_annotation_token", "sample_data_token",
                            "visibility_token"})
      EXPECT_TRUE(record.contains(key)) << key;
    const nuscenes::SensorSample& camera = *cameras.at(record["sample_data_token"]);
    const json& row = rows.at(record["sample_annotation_token"]);
    EXPECT_EQ(record["instance_token"], row["instance_token"]);
    EXPECT_EQ(fixture.root / record["filename"].get<std::string>(), camera.file);
    const std::vector<double> b = record["bbox_corners"];
    EXPECT_GE(b[0], 0);
    EXPECT_GE(b[1], 0);
    EXPECT_LE(b[2], camera.camera->width);
    EXPECT_LE(b[3], camera.camera->height);
    // Devkit Box.corners(): centre + R (+-l/2, +-w/2, +-h/2), sizes stored (w, l, h).
    const std::vector<double> t = row["translation"], size = row["size"], q = row["rotation"];
    const Mat3<double> R = Quat<double>{q[0], q[1], q[2], q[3]}.to_matrix();
    const Transform3d T_cam_world = (camera.T_world_ego * camera.T_ego_sensor).inverse();
    double x1 = 1e9, y1 = 1e9, x2 = -1e9, y2 = -1e9;
    bool all_inside = true;
    for (int k = 0; k < 8; ++k) {
      const Vec3<double> local{(k & 1 ? -0.5 : 0.5) * size[1], (k & 2 ? -0.5 : 0.5) * size[0], (k & 4 ? -0.5 : 0.5) * size[2]};
      const Vec3<double> p = T_cam_world * (R * local + Vec3<double>{t[0], t[1], t[2]});
      const double u = camera.camera->fx * p.x / p.z + camera.camera->cx, v = camera.camera->fy * p.y / p.z + camera.camera->cy;
      all_inside = all_inside && p.z > 0 && u >= 0 && v >= 0 && u <= camera.camera->width && v <= camera.camera->height;
      x1 = std::min(x1, u), y1 = std::min(y1, v), x2 = std::max(x2, u), y2 = std::max(y2, v);
    }
    if (!all_inside) continue;
    ++inside;
    EXPECT_NEAR(b[0], x1, 1e-9);
    EXPECT_NEAR(b[1], y1, 1e-9);
    EXPECT_NEAR(b[2], x2, 1e-9);
    EXPECT_NEAR(b[3], y2, 1e-9);
  }
  EXPECT_GT(inside, 0);
  FL_EXPECT_VALID_OPENLABEL(dir.path() / "ol/openlabel.json");
}

}  // namespace
}  // namespace fuselabel
