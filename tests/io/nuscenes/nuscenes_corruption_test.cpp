// Each corruption of a nuScenes dataroot gives one InputError naming the file and the row
// (token) and field, or the point file and what is wrong with it.
#include <gtest/gtest.h>

#include "io/nuscenes/nuscenes_drive.h"
#include "io/io_test_support.h"
#include "nuscenes_fixture.h"

namespace fuselabel {
namespace {

using testing::expect_input_error;
using testing::json;
using testing::NuscenesFixture;
using testing::TempDir;

class NuscenesCorruption : public ::testing::Test {
 protected:
  void SetUp() override { rewrite(); }
  // A fresh, valid dataroot (tokens are deterministic, so the same rows come back).
  void rewrite() {
    f = NuscenesFixture();
    f.root = dir.path();
    testing::write_nuscenes_fixture(f);
  }
  DriveOptions options() const { return f.scene_options(); }
  void expect_open_error(const std::vector<std::string>& mentions) {
    expect_input_error([&] { NuscenesDrive drive(options()); }, mentions);
  }
  void expect_load_error(const std::string& frame, const std::vector<std::string>& mentions) {
    const NuscenesDrive drive(options());
    expect_input_error([&] { drive.load_frame(frame); }, mentions);
  }
  std::string lidar_token(int i) { return (*f.channel_rows("LIDAR_TOP")[size_t(i)])["token"]; }

  TempDir dir;
  NuscenesFixture f;
  const std::string dangling = "0123456789abcdef0123456789abcdef";
};

TEST_F(NuscenesCorruption, DanglingEgoPoseToken) {
  f.row("sample_data", lidar_token(2))["ego_pose_token"] = dangling;
  f.write_table("sample_data");
  expect_open_error({"sample_data.json", "token " + lidar_token(2), "field 'ego_pose_token'",
                     "dangling token " + dangling, "ego_pose.json"});
}

TEST_F(NuscenesCorruption, DanglingCalibratedSensorToken) {
  f.row("sample_data", lidar_token(1))["calibrated_sensor_token"] = dangling;
  f.write_table("sample_data");
  expect_open_error({"sample_data.json", "field 'calibrated_sensor_token'", "calibrated_sensor.json"});
}

TEST_F(NuscenesCorruption, DanglingSensorToken) {
  json& cs = f.tables["calibrated_sensor"][0];
  cs["sensor_token"] = dangling;
  f.write_table("calibrated_sensor");
  expect_open_error({"calibrated_sensor.json", "token " + cs["token"].get<std::string>(), "field 'sensor_token'"});
}

TEST_F(NuscenesCorruption, DanglingSampleTokenInAnotherScenesRow) {
  f.tables["sample_annotation"][5]["sample_token"] = dangling;  // scene-0103's car
  f.write_table("sample_annotation");
  expect_open_error({"sample_annotation.json", "record 5", "field 'sample_token'", "no such sample", "sample.json"});
}

TEST_F(NuscenesCorruption, DanglingInstanceAndCategoryTokens) {
  f.tables["sample_annotation"][1]["instance_token"] = dangling;
  f.write_table("sample_annotation");
  expect_open_error({"sample_annotation.json", "field 'instance_token'", "instance.json"});
  rewrite();
  f.tables["instance"][0]["category_token"] = dangling;
  f.write_table("instance");
  expect_open_error({"instance.json", "field 'category_token'", "category.json"});
}

TEST_F(NuscenesCorruption, DanglingAttributeAndVisibilityTokens) {
  f.tables["sample_annotation"][0]["attribute_tokens"] = {dangling};
  f.write_table("sample_annotation");
  expect_open_error({"sample_annotation.json", "field 'attribute_tokens'", "attribute.json"});
  rewrite();
  f.tables["sample_annotation"][0]["visibility_token"] = "7";
  f.write_table("sample_annotation");
  expect_open_error({"sample_annotation.json", "field 'visibility_token'", "dangling token 7", "visibility.json"});
}

TEST_F(NuscenesCorruption, DanglingFirstSampleAndLogTokens) {
  f.tables["scene"][0]["first_sample_token"] = dangling;
  f.write_table("scene");
  expect_open_error({"scene.json", "field 'first_sample_token'", "sample.json"});
  rewrite();
  f.tables["scene"][0]["log_token"] = dangling;
  f.write_table("scene");
  expect_open_error({"scene.json", "field 'log_token'", "log.json"});
}

TEST_F(NuscenesCorruption, NonUnitQuaternions) {
  json& cs = f.tables["calibrated_sensor"][2];
  cs["rotation"] = {0.5, -0.5, 0.5, -0.4};
  f.write_table("calibrated_sensor");
  expect_open_error({"calibrated_sensor.json", "token " + cs["token"].get<std::string>(), "field 'rotation'",
                     "not a unit quaternion"});

  rewrite();
  const std::string pose = f.row("sample_data", lidar_token(4))["ego_pose_token"];
  f.row("ego_pose", pose)["rotation"] = {0.0, 0.0, 0.0, 0.0};
  f.write_table("ego_pose");
  expect_open_error({"ego_pose.json", "token " + pose, "field 'rotation'", "norm 0"});

  rewrite();
  f.tables["sample_annotation"][3]["rotation"] = {1.0, 0.0, 0.0, 0.1};
  f.write_table("sample_annotation");
  expect_open_error(
      {"sample_annotation.json", f.tables["sample_annotation"][3]["token"].get<std::string>(), "field 'rotation'"});

  rewrite();
  f.tables["sample_annotation"][3]["rotation"] = {1.0, 0.0, 0.0};
  f.write_table("sample_annotation");
  expect_open_error({"sample_annotation.json", "field 'rotation'", "expected 4 values"});
}

TEST_F(NuscenesCorruption, BadSizeAndIntrinsics) {
  f.tables["sample_annotation"][2]["size"] = {1.9, -4.6, 1.7};
  f.write_table("sample_annotation");
  expect_open_error({"sample_annotation.json", "field 'size'", "is not a box size"});
  rewrite();
  f.tables["calibrated_sensor"][2]["camera_intrinsic"][0][1] = 0.5;  // CAM_FRONT with skew
  f.write_table("calibrated_sensor");
  expect_open_error({"calibrated_sensor.json", "field 'camera_intrinsic'", "skew"});
  rewrite();
  f.tables["calibrated_sensor"][3]["camera_intrinsic"] = json::array();  // CAM_BACK without one
  f.write_table("calibrated_sensor");
  expect_open_error({"calibrated_sensor.json", "field 'camera_intrinsic'", "3x3"});
}

TEST_F(NuscenesCorruption, MissingTable) {
  std::filesystem::remove(f.table_path("visibility"));
  expect_open_error({"visibility.json", "missing table"});
}

TEST_F(NuscenesCorruption, MalformedAndTruncatedJson) {
  testing::write_text(f.table_path("sample"), "[\n {\"token\": \"a\",\n  \"timestamp\": 12 \"prev\": \"\"}\n]");
  expect_open_error({"sample.json", "line 3", "malformed JSON"});
  const std::string text = f.tables["sample_data"].dump(1);
  f.write_table("sample");
  testing::write_text(f.table_path("sample_data"), text.substr(0, text.size() / 2));
  expect_open_error({"sample_data.json", "malformed JSON"});
  testing::write_text(f.table_path("sample_data"), text + "\n]");
  expect_open_error({"sample_data.json", "line ", "column ", "expected end of input", "malformed JSON"});
  testing::write_text(f.table_path("sample_data"), "{\"token\": \"x\"}");
  expect_open_error({"sample_data.json", "expected a JSON array of records"});
}

TEST_F(NuscenesCorruption, WrongTypeOrMissingField) {
  f.row("sample_data", lidar_token(3))["timestamp"] = "1531883530599377";
  f.write_table("sample_data");
  expect_open_error({"sample_data.json", "token " + lidar_token(3), "field 'timestamp'", "expected an integer"});
  rewrite();
  f.row("sample_data", lidar_token(3)).erase("is_key_frame");
  f.write_table("sample_data");
  expect_open_error({"sample_data.json", "field 'is_key_frame'", "missing"});
}

TEST_F(NuscenesCorruption, DuplicateToken) {
  f.tables["category"].push_back(f.tables["category"][0]);
  f.write_table("category");
  expect_open_error({"category.json", "record 2", "duplicate token"});
}

TEST_F(NuscenesCorruption, BrokenSweepChain) {
  f.row("sample_data", lidar_token(1))["next"] = lidar_token(3);  // skips sweep 2
  f.write_table("sample_data");
  expect_open_error({"sample_data.json", "token " + lidar_token(1), "field 'next'", lidar_token(2)});
}

TEST_F(NuscenesCorruption, SampleChainDisagreesWithScene) {
  f.tables["scene"][0]["nbr_samples"] = 4;
  f.write_table("scene");
  expect_open_error({"scene.json", "field 'nbr_samples'", "4 but the sample chain has 3"});
  rewrite();
  f.tables["sample"][1]["prev"] = "";
  f.write_table("sample");
  expect_open_error({"sample.json", "token " + f.sample_token(0, 1), "field 'prev'"});
}

TEST_F(NuscenesCorruption, TruncatedOrMissingLidarFile) {
  const std::filesystem::path file = f.blob(*f.channel_rows("LIDAR_TOP")[4]);
  std::filesystem::resize_file(file, std::filesystem::file_size(file) - 3);
  expect_load_error("sweep:4", {file.string(), "truncated"});
  std::filesystem::remove(file);
  expect_load_error("sweep:4", {file.string(), "no such file"});
}

TEST_F(NuscenesCorruption, MissingImage) {
  const std::filesystem::path file = f.blob(*f.channel_rows("CAM_BACK")[2]);
  std::filesystem::remove(file);
  expect_load_error("1", {file.string(), "CAM_BACK sample_data", "no such image file"});
}

TEST_F(NuscenesCorruption, RadarFileWithoutAKeptField) {
  const std::filesystem::path file = f.blob(*f.channel_rows("RADAR_FRONT")[0]);
  auto layout = testing::nuscenes_radar_layout();
  layout.erase(layout.begin() + 8);  // vx_comp
  testing::write_nuscenes_radar_pcd(file, testing::fixture_radar_points(), layout);
  expect_load_error("0", {file.string(), "field vx_comp", "missing"});
}

TEST_F(NuscenesCorruption, TruncatedRadarFile) {
  const std::filesystem::path file = f.blob(*f.channel_rows("RADAR_FRONT")[2]);
  std::filesystem::resize_file(file, std::filesystem::file_size(file) - 10);
  expect_load_error("1", {file.string(), "truncated", "6 points of 43 bytes"});
}

}  // namespace
}  // namespace fuselabel
