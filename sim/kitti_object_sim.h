#pragma once
// One simulated frame in the KITTI object layout, with exact ground truth: the sample scene
// seen by a ray-cast LiDAR and a rendered KITTI-like left colour camera, labelled the way the
// KITTI devkit labels (objects in the camera's view only, truncation, occlusion level, 2D box).
#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

#include "sim/lidar_sim.h"
#include "sim/scene.h"
#include "io/kitti/kitti_object.h"

namespace fuselabel {

// KITTI's calibration of 2011-09-26 (P0..P3, the camera intrinsics and stereo offsets) with
// R0_rect = identity and Tr_velo_to_cam = the exact axis swap camera <- LiDAR
// (x_cam = -y_lidar, y_cam = -z_lidar, z_cam = x_lidar) plus KITTI's lever arm, so the
// rotation is exactly orthonormal and round trips add no calibration error.
KittiCalib kitti_like_calib();

struct SimKittiConfig {
  uint64_t seed = 0;  // the one seed of the frame: scene layout, LiDAR noise and dropout
  LidarConfig lidar;  // lidar.seed is not used: the LiDAR's seed is derived from `seed`
  int image_width = 1242;
  int image_height = 375;
  KittiCalib calib = kitti_like_calib();
};

// KITTI occlusion levels from the share of an actor's silhouette hidden by other actors.
int kitti_occlusion_level(int64_t visible_pixels, int64_t unoccluded_pixels);

struct SimActorTruth {
  int label_line = 0;             // 1-based line of its label in label_2/ID.txt, 0 = not labelled
  int64_t lidar_points = 0;       // returns on the actor
  int64_t visible_pixels = 0;     // image_2 pixels where it is the nearest surface
  int64_t unoccluded_pixels = 0;  // image_2 pixels it would cover were it alone
};

struct SimGroundTruth {
  SimScene scene;                     // LiDAR frame
  std::vector<SimActorTruth> actors;  // parallel to scene.actors
};

// Writes training_dir/{velodyne/ID.bin, image_2/ID.png, calib/ID.txt, label_2/ID.txt}, each
// file atomically, and returns the ground truth behind them. Actors whose cuboid projects
// nowhere into the image are not labelled (KITTI labels only the camera's field of view) but
// are in the point cloud. Output is bit-identical for equal configs. Throws
// std::invalid_argument for an unusable config or frame id.
SimGroundTruth simulate_kitti_object(const SimKittiConfig& config, const std::filesystem::path& training_dir,
                                     const std::string& frame_id = "000000");

}  // namespace fuselabel
