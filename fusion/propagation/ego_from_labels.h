#pragma once
// Ego motion estimated from the labels themselves, for drives without poses (KITTI tracking
// labels + calib). Each track's apparent motion between consecutive keyframes proposes the ego's
// per-frame motion over that stretch, as if the track were static; per frame, the proposal
// most tracks agree with (at least two) wins. The composed motion is then bundle-adjusted:
// every frame's planar pose and every track's world pose fitted to all keyframes with robust
// weights and a prior on the ego's jerk (ego_adjustment.h). One segment spans the frames from
// the first to the last fitted motion (ego_from_labels.cpp).
#include <optional>
#include <vector>

#include "fusion/propagation.h"

namespace fuselabel {

struct LabelFramePoses {
  // Per drive frame: T_world_labelframe, where known, and the segment of the world frame it is in.
  std::vector<std::optional<Transform3d>> T_world_label;
  std::vector<int> segment;  // -1 where no pose
  std::string motion_frame;  // "world" or "estimated_world"
  EgoMotionEstimate estimate;
};

// `extrapolate_frames`: how far past a segment's first and last fitted frame poses continue
// at the end's velocity (prelabel's --extend).
LabelFramePoses estimate_ego_from_labels(const Drive& drive, const LabelSet& keyframes, int extrapolate_frames);

// The poses of the label frame in the world: identity for world-frame labels, the drive's ego
// poses (composed with T_ego_lidar for LiDAR-frame labels) where it has them, else the estimate.
LabelFramePoses label_frame_poses(const Drive& drive, const LabelSet& keyframes, int extrapolate_frames);

}  // namespace fuselabel
