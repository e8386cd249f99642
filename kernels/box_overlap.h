#pragma once
// box_overlap: exact rotated bird's-eye-view IoU and 3D IoU of cuboid pairs, batched -- every
// pair within each frame of a label set, or listed pairs across two label sets.
//
// The per-pair body is bev_and_3d_iou (projection/box_overlap.h), in float64 on both devices.
// Boxes are compared as yaw-only boxes: roll and pitch are dropped (the heading is the local x
// axis projected onto the ground), as the KITTI, nuScenes and Waymo evaluations treat boxes.
// Results are exactly symmetric in the two boxes.
#include <cstdint>
#include <vector>

#include "kernels/box_index.h"
#include "kernels/workspace.h"

namespace fuselabel {

struct BoxOverlap {
  double bev_iou = 0;
  double iou_3d = 0;
};

// Indices into the two label sets of box_overlap_pairs.
struct BoxPair {
  int32_t a = 0, b = 0;
};

// Where each frame's matrix starts in box_overlap_within_frames' output (size = frames + 1).
std::vector<int64_t> overlap_matrix_offsets(const FrameCuboids& cuboids);

// Frame f's n x n matrix, row-major: out[offsets[f] + i * n + j] compares boxes i and j of
// frame f (the diagonal is 1 for every box with a non-zero volume).
void box_overlap_within_frames(Workspace& ws, const FrameCuboids& cuboids, std::vector<BoxOverlap>& out);
void box_overlap_within_frames(Device device, const FrameCuboids& cuboids, std::vector<BoxOverlap>& out);

// out[k] compares a[pairs[k].a] with b[pairs[k].b]. Throws std::invalid_argument on an index out
// of range or an invalid cuboid.
void box_overlap_pairs(Workspace& ws, const std::vector<Cuboidd>& a, const std::vector<Cuboidd>& b,
                       const std::vector<BoxPair>& pairs, std::vector<BoxOverlap>& out);
void box_overlap_pairs(Device device, const std::vector<Cuboidd>& a, const std::vector<Cuboidd>& b,
                       const std::vector<BoxPair>& pairs, std::vector<BoxOverlap>& out);

}  // namespace fuselabel
