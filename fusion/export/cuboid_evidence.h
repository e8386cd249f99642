#pragma once
// What the sensors say about each labelled cuboid, for exporters: its LiDAR and radar point
// counts (inclusive bounds, no margin: nuScenes' num_lidar_pts) and per camera the share of its
// LiDAR points that own their pixel (frame_inspection.h), which gives KITTI's occlusion level.
#include <cstdint>
#include <map>
#include <string>

#include "io/drive_reader.h"
#include "kernels/workspace.h"

namespace fuselabel {

struct CuboidEvidence {
  int32_t lidar_points = 0;
  int32_t radar_points = 0;
  std::map<std::string, double> visible_share;  // per camera that sees the cuboid
};

// Per cuboid id of `labels` (in the drive's label frame), for the cuboids of frames that have a
// LiDAR sweep; frames are inspected `batch` at a time.
std::map<std::string, CuboidEvidence> cuboid_evidence(const DriveReader& reader, const LabelSet& labels, Workspace& ws,
                                                      size_t batch = 8);

}  // namespace fuselabel
