#pragma once
// What the sensors say about each labelled cuboid, for exporters: its LiDAR and radar point
// counts (inclusive bounds, no margin: nuScenes' num_lidar_pts), per camera the share of its
// LiDAR points that own their pixel (frame_inspection.h), which gives KITTI's occlusion level,
// and the share owning their pixel in at least one camera, which gives nuScenes' visibility
// ("visible in all 6 images" together).
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
  // Of the LiDAR points whose owning cuboid (the smallest containing one) this is, the share
  // owning their pixel in some camera; 0 without such points.
  double visible_in_any_camera = 0;
  int32_t owned_points = 0;  // the denominator
};

// nuScenes' visibility level of a visible share: "v0-40", "v40-60", "v60-80" or "v80-100"
// (bins [0, 0.4), [0.4, 0.6), [0.6, 0.8), [0.8, 1]).
const char* nuscenes_visibility_level(double share);

// Per cuboid id of `labels` (in the drive's label frame), for the cuboids of frames that have a
// LiDAR sweep; frames are inspected `batch` at a time.
std::map<std::string, CuboidEvidence> cuboid_evidence(const DriveReader& reader, const LabelSet& labels, Workspace& ws,
                                                      size_t batch = 8);

}  // namespace fuselabel
