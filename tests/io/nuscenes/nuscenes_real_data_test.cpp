// nuScenes v1.0-mini from ../shared/data/nuscenes (skipped when absent): facts published with
// the dataset and its devkit tutorial.
#include <gtest/gtest.h>

#include <cstdlib>
#include <set>

#include "io/nuscenes/nuscenes_drive.h"
#include "test_support.h"

namespace fuselabel {
namespace {

DriveOptions mini(const std::string& scene) {
  DriveOptions options;
  options.path = testing::shared_data("nuscenes");
  options.selectors["version"] = "v1.0-mini";
  options.selectors["scene"] = scene;
  return options;
}

TEST(NuscenesRealData, MiniScene0061) {
  FL_REQUIRE_SHARED_DATA("nuscenes/v1.0-mini");
  const NuscenesDrive drive(mini("scene-0061"));
  EXPECT_EQ(drive.scene().samples.size(), 39u);
  EXPECT_EQ(drive.scene().location, "singapore-onenorth");
  // The devkit tutorial's first sample.
  const FrameData frame = drive.load_frame("ca9a282c9e77460f8360f564131a8af5");
  EXPECT_EQ(frame.id, "0");
  ASSERT_TRUE(frame.lidar);
  EXPECT_GT(frame.lidar->size(), 30000);
  EXPECT_EQ(frame.cameras.size(), 6u);
  EXPECT_EQ(frame.radars.size(), 5u);
  for (const CameraView& camera : frame.cameras) {
    EXPECT_EQ(camera.model.width, 1600);
    EXPECT_EQ(camera.model.height, 900);
    EXPECT_LT(std::llabs(camera.timestamp_us - frame.timestamp_us), 100'000) << camera.sensor;
  }
  EXPECT_FALSE(frame.cuboids.empty());
  EXPECT_GT(drive.frame_ids().size(), 39u * 5);  // LIDAR_TOP runs at 20 Hz, keyframes at 2 Hz
}

TEST(NuscenesRealData, MiniHas18538AnnotationsInTenScenes) {
  FL_REQUIRE_SHARED_DATA("nuscenes/v1.0-mini");
  int64_t annotations = 0;
  std::set<std::string> scenes = {"scene-0061", "scene-0103", "scene-0553", "scene-0655", "scene-0757",
                                  "scene-0796", "scene-0916", "scene-1077", "scene-1094", "scene-1100"};
  for (const std::string& scene : scenes) annotations += NuscenesDrive(mini(scene)).summarize().cuboid_labels;
  EXPECT_EQ(annotations, 18538);
}

}  // namespace
}  // namespace fuselabel
