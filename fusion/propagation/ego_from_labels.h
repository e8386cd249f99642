#pragma once
// Ego motion estimated from the labels themselves, for drives without poses (KITTI tracking
// labels + calib): between frames holding keyframes, a robust rigid fit (yaw, x, y, z) over the
// tracks that are static in the world. Each track that two frames share proposes the motion
// that would keep it still; the proposal most tracks agree with (at least two) wins and is
// refined by least squares over their footprint corners. Poses between fitted frames follow a
// cubic spline through them. Where a frame cannot be tied to the ones before, the estimate
// restarts: a new segment with its own world frame.
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
