#pragma once
// What `fuselabel prelabel` writes besides the propagation itself (docs/prelabel.md): per
// propagated cuboid and camera its projected 2D box (linked to the track; a human 2D box of
// the same sample is kept instead), KITTI's truncation and occlusion levels on KITTI drives, and
// per LiDAR sweep one uint32 per point naming the track that owns it.
#include <cstdint>
#include <filesystem>
#include <map>
#include <string>

#include "fusion/propagation.h"
#include "io/drive_reader.h"
#include "kernels/workspace.h"

namespace fuselabel {

struct PrelabelCounts {
  int64_t image_boxes_added = 0;      // projected 2D boxes
  int64_t cuboids_outside_cameras = 0;  // propagated cuboids no camera sees
  int64_t point_files = 0;
  int64_t labelled_points = 0;
};

// Per track id, its 1-based index in the report (the value in the point files).
std::map<std::string, uint32_t> track_numbers(const PropagationReport& report);

// Adds the projected 2D boxes and levels to result.labels and, where the drive has points,
// writes OUT/points/FRAME.bin (uint32 little-endian per point: 0 none, else the track number
// of the smallest cuboid containing it). Frames are assembled `batch` at a time; `progress` is
// told of them ("inspect").
PrelabelCounts add_image_boxes_and_point_labels(const DriveReader& reader, Workspace& ws, PropagationResult& result,
                                                const std::filesystem::path& out_dir, size_t batch = 8,
                                                Progress* progress = nullptr);

// The propagated labels in the drive's own layout under out_dir (native: labels/prelabel.json;
// KITTI tracking: label_02/SSSS.txt, where a cuboid no camera sees cannot be written: KITTI
// keeps a 3D box and its 2D box in one line).
void write_prelabel_labels(const DriveReader& reader, const LabelSet& labels, const std::filesystem::path& out_dir);

}  // namespace fuselabel
