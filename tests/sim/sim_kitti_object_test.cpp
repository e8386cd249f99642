#include <gtest/gtest.h>

#include <cmath>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <map>
#include <stdexcept>

#include "sim/camera_render.h"
#include "sim/kitti_object_sim.h"
#include "io/common/image_io.h"
#include "io/common/point_file.h"
#include "projection/cuboid_projection.h"
#include "test_support.h"

namespace fs = std::filesystem;

namespace fuselabel {
namespace {

const char* const kFiles[] = {"velodyne/000000.bin", "image_2/000000.png", "calib/000000.txt", "label_2/000000.txt"};

// One scratch folder per test process (ctest runs tests as parallel processes), removed at exit.
const fs::path& process_dir() {
  static const testing::TempDir dir;
  return dir.path();
}

fs::path fresh_dir(const std::string& name) {
  const fs::path dir = process_dir() / name;
  fs::remove_all(dir);
  return dir;
}

// Simulations are the slow part of this file: each (seed) is simulated once and shared.
const SimGroundTruth& simulated(uint64_t seed, fs::path& dir) {
  static std::map<uint64_t, SimGroundTruth> truths;
  dir = process_dir() / ("seed" + std::to_string(seed));
  if (!truths.count(seed)) {
    fs::remove_all(dir);
    SimKittiConfig config;
    config.seed = seed;
    truths[seed] = simulate_kitti_object(config, dir);
  }
  return truths[seed];
}

double rotation_angle_between(const Quat<double>& a, const Quat<double>& b) {
  const double d = std::fabs(a.w * b.w + a.x * b.x + a.y * b.y + a.z * b.z);
  return 2 * std::acos(std::min(1.0, d));
}

TEST(SimKittiObject, WritesTheFourFilesOfTheLayout) {
  fs::path dir;
  const SimGroundTruth& truth = simulated(0, dir);
  for (const char* file : kFiles) EXPECT_TRUE(fs::is_regular_file(dir / file)) << file;
  const std::vector<float> records = read_float_records(dir / kFiles[0], {"x", "y", "z", "intensity"});
  int64_t on_actors = 0;
  for (const SimActorTruth& actor : truth.actors) on_actors += actor.lidar_points;
  EXPECT_GT(records.size() / 4, 20000u);
  EXPECT_GT(on_actors, 1000);
  EXPECT_LT(on_actors, static_cast<int64_t>(records.size() / 4));
  const cv::Mat image = read_image(dir / kFiles[1]);
  EXPECT_EQ(image.cols, 1242);
  EXPECT_EQ(image.rows, 375);
  const KittiCalib calib = read_kitti_calib(dir / kFiles[2]), expected = kitti_like_calib();
  for (int p = 0; p < 4; ++p)
    for (int i = 0; i < 12; ++i) EXPECT_NEAR(calib.P[p][i], expected.P[p][i], 1e-9);
  for (int i = 0; i < 9; ++i) EXPECT_EQ(calib.T_cam0_velo.R.m[i], expected.T_cam0_velo.R.m[i]);
  EXPECT_EQ(orthonormality_error(calib.T_cam0_velo.R), 0.0);
}

TEST(SimKittiObject, LabelsReadBackAsTheSceneCuboids) {
  for (uint64_t seed : {0, 1}) {
    SCOPED_TRACE("seed " + std::to_string(seed));
    fs::path dir;
    const SimGroundTruth& truth = simulated(seed, dir);
    const KittiCalib calib = read_kitti_calib(dir / kFiles[2]);
    const CameraModeld cam = kitti_camera_model(calib, 2, 1242, 375);
    const std::vector<KittiObjectLabel> labels = read_kitti_object_labels(dir / kFiles[3]);
    size_t labelled = 0;
    for (size_t a = 0; a < truth.scene.actors.size(); ++a) {
      const SimActor& actor = truth.scene.actors[a];
      const SimActorTruth& actor_truth = truth.actors[a];
      Box2<double> projected;
      const bool in_view = project_cuboid_box(cam, calib.T_cam0_velo, actor.box, projected);
      ASSERT_EQ(actor_truth.label_line > 0, in_view) << "actor " << a;
      if (!in_view) continue;
      ++labelled;
      const KittiObjectLabel& label = labels.at(actor_truth.label_line - 1);
      EXPECT_EQ(label.type, actor.class_name);
      // Two decimals: 0.005 per written value; the centre also moves by half the rounded height.
      const Cuboidd box = kitti_label_to_lidar_cuboid(label, calib);
      EXPECT_NEAR(box.center.x, actor.box.center.x, 0.0051);
      EXPECT_NEAR(box.center.y, actor.box.center.y, 0.0051);
      EXPECT_NEAR(box.center.z, actor.box.center.z, 0.0076);
      EXPECT_NEAR(box.size.x, actor.box.size.x, 0.0051);
      EXPECT_NEAR(box.size.y, actor.box.size.y, 0.0051);
      EXPECT_NEAR(box.size.z, actor.box.size.z, 0.0051);
      EXPECT_LT(rotation_angle_between(box.rotation, actor.box.rotation), 0.0051);
      EXPECT_NEAR(label.box2d.x1, projected.x1, 0.0051);
      EXPECT_NEAR(label.box2d.y1, projected.y1, 0.0051);
      EXPECT_NEAR(label.box2d.x2, projected.x2, 0.0051);
      EXPECT_NEAR(label.box2d.y2, projected.y2, 0.0051);
      EXPECT_TRUE(label.truncated >= 0 && label.truncated <= 1);
      EXPECT_EQ(label.occluded, kitti_occlusion_level(actor_truth.visible_pixels, actor_truth.unoccluded_pixels));
      // An actor whose box reaches the image border is truncated.
      const bool at_border = projected.x1 <= 0 || projected.x2 >= 1241 || projected.y1 <= 0 || projected.y2 >= 374;
      if (!at_border) {
        EXPECT_EQ(label.truncated, 0.0);
      }
    }
    EXPECT_EQ(labels.size(), labelled);
  }
}

TEST(SimKittiObject, SameSeedSameBytesOtherSeedOtherBytes) {
  fs::path dir;
  simulated(0, dir);
  const fs::path again = fresh_dir("again"), other = fresh_dir("other");
  SimKittiConfig config;
  config.seed = 0;
  simulate_kitti_object(config, again);
  config.seed = 1;
  simulate_kitti_object(config, other);
  for (const char* file : kFiles) {
    EXPECT_EQ(testing::read_text(dir / file), testing::read_text(again / file)) << file;
    if (std::string(file).rfind("calib", 0) != 0) {  // the calibration does not depend on the seed
      EXPECT_NE(testing::read_text(dir / file), testing::read_text(other / file)) << file;
    }
  }
}

TEST(SimKittiObject, SampleHasTruncatedOccludedAndUnlabelledActors) {
  int truncated = 0, occluded = 0, lidar_only = 0;
  for (uint64_t seed : {0, 1}) {
    fs::path dir;
    const SimGroundTruth& truth = simulated(seed, dir);
    for (const KittiObjectLabel& label : read_kitti_object_labels(dir / kFiles[3])) {
      truncated += label.truncated > 0;
      occluded += label.occluded > 0;
    }
    for (const SimActorTruth& actor : truth.actors) lidar_only += actor.label_line == 0 && actor.lidar_points > 0;
  }
  EXPECT_GT(truncated, 0);
  EXPECT_GT(occluded + lidar_only, 0);
}

TEST(SimKittiObject, OcclusionLevels) {
  EXPECT_EQ(kitti_occlusion_level(1000, 1000), 0);
  EXPECT_EQ(kitti_occlusion_level(995, 1000), 0);
  EXPECT_EQ(kitti_occlusion_level(900, 1000), 1);
  EXPECT_EQ(kitti_occlusion_level(500, 1000), 1);
  EXPECT_EQ(kitti_occlusion_level(100, 1000), 2);
  EXPECT_EQ(kitti_occlusion_level(0, 1000), 2);
  EXPECT_EQ(kitti_occlusion_level(0, 0), 0);
}

TEST(SimKittiObject, RejectsBadFrameIdsAndConfigs) {
  const fs::path dir = fresh_dir("bad");
  SimKittiConfig config;
  EXPECT_THROW(simulate_kitti_object(config, dir, ""), std::invalid_argument);
  EXPECT_THROW(simulate_kitti_object(config, dir, "../000000"), std::invalid_argument);
  config.lidar.beams = 0;
  EXPECT_THROW(simulate_kitti_object(config, dir), std::invalid_argument);
  config = SimKittiConfig{};
  config.image_width = 0;
  EXPECT_THROW(simulate_kitti_object(config, dir), std::invalid_argument);
  EXPECT_FALSE(fs::exists(dir));
}

}  // namespace
}  // namespace fuselabel
