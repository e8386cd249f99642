#pragma once
// The ego vehicle's path through the drive's world frame: timestamped T_world_ego, interpolated
// (SLERP + linear) at any time. Many rigs record no poses: a drive without them is a normal
// case, its labels then live in each frame's own ego or sensor frame.
#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

#include "projection/pose_interpolation.h"

namespace fuselabel {

enum class PoseProvenance { None, Dataset, Estimated };
const char* pose_provenance_name(PoseProvenance provenance);  // "none", "dataset", "estimated"

struct EgoTrajectory {
  PoseProvenance provenance = PoseProvenance::None;
  std::string world_frame;       // odometry | ENU | UTM | the format's own name; empty without poses
  std::filesystem::path source;  // the file the poses come from, for messages
  std::vector<StampedPose> poses;  // strictly increasing time

  bool has_poses() const { return !poses.empty(); }
  // T_world_ego at t_us (interpolate_pose, default limits); InputError naming `source` and the
  // timestamp when the poses do not cover it or the drive has none.
  Transform3d at(int64_t t_us) const;
};

}  // namespace fuselabel
