#pragma once
// Writers for the KITTI object layout (the inverse of kitti_object.h); every file is written
// atomically. Used by the simulator and by export.
#include <filesystem>
#include <string>
#include <vector>

#include "io/kitti/kitti_object.h"

namespace fuselabel {

// P0..P3, R0_rect, Tr_velo_to_cam, Tr_imu_to_velo (identity when absent), 12 significant digits.
void write_kitti_calib(const std::filesystem::path& file, const KittiCalib& calib);
// KITTI's 15 label columns (16 with score), type first, with the decimals KITTI's own files of
// each benchmark print (object 2, tracking 6);
// std::invalid_argument naming `file` for a type that is not one column.
std::string kitti_label_columns(const KittiObjectLabel& label, const std::filesystem::path& file,
                                KittiLabelFlavour flavour);
// One line per label in KITTI's 15 columns (16 with score).
void write_kitti_object_labels(const std::filesystem::path& file, const std::vector<KittiObjectLabel>& labels);

// Inverse of kitti_label_to_lidar_cuboid: fills type, dimensions, location, rotation_y and
// alpha (observation angle from the camera's centre ray) of a cuboid given in the LiDAR
// frame; truncated, occluded and box2d are the caller's (they need the image).
KittiObjectLabel lidar_cuboid_to_kitti_label(const Cuboidd& box, const KittiCalib& calib, const std::string& type);

}  // namespace fuselabel
