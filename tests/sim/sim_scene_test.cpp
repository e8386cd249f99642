#include <gtest/gtest.h>

#include <cmath>
#include <cstring>
#include <map>

#include "sim/kitti_object_sim.h"
#include "sim/scene.h"
#include "projection/cuboid_projection.h"

namespace fuselabel {
namespace {

constexpr double kPi = 3.141592653589793;

bool same_actor(const SimActor& a, const SimActor& b) {
  return a.track_id == b.track_id && a.class_name == b.class_name &&
         std::memcmp(&a.box, &b.box, sizeof(Cuboidd)) == 0 && a.base_color.r == b.base_color.r &&
         a.base_color.g == b.base_color.g && a.base_color.b == b.base_color.b &&
         a.lidar_reflectivity == b.lidar_reflectivity;
}

TEST(SimScene, SameSeedSameSceneOtherSeedOtherScene) {
  const SimScene a = make_sample_scene(7), b = make_sample_scene(7), c = make_sample_scene(8);
  ASSERT_EQ(a.actors.size(), b.actors.size());
  for (size_t i = 0; i < a.actors.size(); ++i) EXPECT_TRUE(same_actor(a.actors[i], b.actors[i])) << i;
  EXPECT_FALSE(a.actors.size() == c.actors.size() && same_actor(a.actors[0], c.actors[0]));
}

TEST(SimScene, ActorsArePlausibleAndApart) {
  // Extents of the class sizes the scene samples from (scene.cpp), l w h.
  const std::map<std::string, std::pair<Vec3<double>, Vec3<double>>> class_sizes = {
      {"Car", {{3.6, 1.55, 1.40}, {4.7, 1.90, 1.65}}},        {"Van", {{4.5, 1.85, 1.90}, {5.5, 2.10, 2.40}}},
      {"Truck", {{7.0, 2.40, 2.80}, {11.0, 2.60, 3.60}}},     {"Pedestrian", {{0.50, 0.50, 1.55}, {0.95, 0.80, 1.95}}},
      {"Cyclist", {{1.60, 0.50, 1.60}, {1.95, 0.80, 1.90}}}};
  for (uint64_t seed = 0; seed < 50; ++seed) {
    const SimScene scene = make_sample_scene(seed);
    ASSERT_GE(scene.actors.size(), 6u) << "seed " << seed;
    ASSERT_LE(scene.actors.size(), 8u) << "seed " << seed;
    for (size_t i = 0; i < scene.actors.size(); ++i) {
      const SimActor& actor = scene.actors[i];
      SCOPED_TRACE("seed " + std::to_string(seed) + " actor " + std::to_string(i));
      EXPECT_EQ(actor.track_id, std::to_string(i + 1));
      ASSERT_EQ(class_sizes.count(actor.class_name), 1u) << actor.class_name;
      const auto& [lo, hi] = class_sizes.at(actor.class_name);
      EXPECT_TRUE(actor.box.size.x >= lo.x && actor.box.size.x <= hi.x);
      EXPECT_TRUE(actor.box.size.y >= lo.y && actor.box.size.y <= hi.y);
      EXPECT_TRUE(actor.box.size.z >= lo.z && actor.box.size.z <= hi.z);
      // Standing on the ground, turned about z only, 5-40 m ahead.
      EXPECT_NEAR(actor.box.center.z - actor.box.size.z / 2, scene.ground_z, 1e-12);
      EXPECT_NEAR(actor.box.rotation.x, 0, 0);
      EXPECT_NEAR(actor.box.rotation.y, 0, 0);
      EXPECT_NEAR(actor.box.rotation.norm(), 1, 1e-12);
      EXPECT_GE(actor.box.center.x, 5.0);
      EXPECT_LE(actor.box.center.x, 40.0);
      EXPECT_GT(actor.lidar_reflectivity, 0.0);
      for (size_t j = 0; j < i; ++j) EXPECT_FALSE(footprints_overlap(actor.box, scene.actors[j].box, 0.49)) << j;
    }
  }
}

TEST(SimScene, SomeActorsStraddleTheKittiCameraBorder) {
  const KittiCalib calib = kitti_like_calib();
  const CameraModeld cam = kitti_camera_model(calib, 2, 1242, 375);
  int seeds_with_cut_actor = 0;
  for (uint64_t seed = 0; seed < 20; ++seed) {
    bool cut = false;
    for (const SimActor& actor : make_sample_scene(seed).actors) {
      Vec3<double> corners[8];
      cuboid_corners(actor.box, corners);
      int inside = 0;
      for (const Vec3<double>& corner : corners) {
        Vec2<double> uv;
        double depth;
        inside += project_point(cam, calib.T_cam0_velo * corner, uv, depth) && uv.x >= 0 && uv.x <= 1241;
      }
      cut = cut || (inside > 0 && inside < 8);
    }
    seeds_with_cut_actor += cut;
  }
  EXPECT_GE(seeds_with_cut_actor, 15);  // 19 of 20 when written
}

TEST(SimScene, FootprintOverlapWithClearance) {
  const Cuboidd a = {{0, 0, 0}, {2, 2, 1}, {}};
  const Cuboidd b = {{3.2, 0, 0}, {2, 2, 1}, {}};  // 1.2 m gap
  EXPECT_FALSE(footprints_overlap(a, b, 1.1));
  EXPECT_TRUE(footprints_overlap(a, b, 1.3));
  // Turned 45 degrees, a's corner reaches sqrt(2) along x: the gap to c is 2.5 - 1 - sqrt(2).
  const Cuboidd turned = {{0, 0, 0}, {2, 2, 1}, Quat<double>::from_yaw(kPi / 4)};
  const Cuboidd c = {{2.5, 0, 0}, {2, 2, 1}, {}};
  EXPECT_FALSE(footprints_overlap(turned, c, 0.05));
  EXPECT_TRUE(footprints_overlap(turned, c, 0.2));
  EXPECT_TRUE(footprints_overlap(a, a, 0.0));
}

TEST(SimScene, LaneMarksAreDashedSeparatorsAndSolidEdges) {
  const SimScene scene = make_sample_scene(0);
  EXPECT_TRUE(on_lane_mark(scene, 6.5, 1.75));    // a dash of the left separator, 5-8 m
  EXPECT_TRUE(on_lane_mark(scene, 6.5, -1.75));
  EXPECT_FALSE(on_lane_mark(scene, 10.0, 1.75));  // the gap after it
  EXPECT_FALSE(on_lane_mark(scene, 6.5, 0.0));    // the middle of the ego lane
  EXPECT_TRUE(on_lane_mark(scene, 50.0, 5.25));   // solid edge lines
  EXPECT_TRUE(on_lane_mark(scene, 50.0, -5.25 + 0.07));
  EXPECT_FALSE(on_lane_mark(scene, 50.0, -5.25 + 0.08));
}

}  // namespace
}  // namespace fuselabel
