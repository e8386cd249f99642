#pragma once
// KITTI tracking label files (training/label_02/SSSS.txt): one object of one frame per line,
// 17 whitespace-separated columns (18 with a tracker's score): frame, track id, then the
// object benchmark's columns (kitti_object.h), truncation being an integer level 0..2.
// Format: KITTI tracking devkit readme.txt. Every field is validated; a problem throws
// InputError naming the file, line and field.
#include <filesystem>
#include <vector>

#include "io/kitti/kitti_object.h"

namespace fuselabel {

struct KittiTrackingLabel {
  // KITTI image/point files are named by six digits, so frames are 0..kMaxFrame.
  static constexpr int kMaxFrame = 999999;

  int frame = 0;
  int track_id = -1;         // -1 exactly for DontCare regions, which belong to no track
  KittiObjectLabel object;   // columns 3..17 (18); object.line is the 1-based line in the file
};

// The labels in file order. Besides each line's fields, the file is checked for one box per
// track and frame (a repeated (frame, track id) names both lines).
std::vector<KittiTrackingLabel> read_kitti_tracking_labels(const std::filesystem::path& file);

}  // namespace fuselabel
