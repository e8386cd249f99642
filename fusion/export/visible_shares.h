#pragma once
// How much of each cuboid one camera sees, from the LiDAR: per cuboid, the share of its LiDAR
// points that own their pixel in the camera's image (frame_inspection.h). It gives KITTI's
// occlusion level on export (kitti_levels.h).
#include <cstdint>
#include <map>
#include <string>

#include "io/drive_reader.h"
#include "kernels/workspace.h"

namespace fuselabel {

// Per cuboid id of `labels` (in the drive's label frame): its visible share in `camera`, for
// cuboids with at least `min_points` LiDAR points in frames that have a sweep and where the
// camera sees the cuboid. Frames are inspected `batch` at a time.
std::map<std::string, double> lidar_visible_shares(const DriveReader& reader, const LabelSet& labels,
                                                   const std::string& camera, Workspace& ws, int32_t min_points,
                                                   size_t batch = 8);

}  // namespace fuselabel
