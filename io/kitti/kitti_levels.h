#pragma once
// KITTI's per-object levels computed from geometry, for labels fuselabel writes (prelabel,
// export): the tracking benchmark's integer truncation level and the occlusion level.
namespace fuselabel {

// Tracking truncation level from the share of the projected box outside the image
// (truncated_share, projection/cuboid_truncation.h). On KITTI's own labels of tracking
// sequences 0000-0010, level 0 has a share <= 0.5 for 16,124 of 16,126 boxes and level 1 a
// share > 0.5 for 1,197 of 1,199: the levels split at a half. Level 2 is not a geometric
// property there (its shares spread from 0 to 1), so it is never computed, only carried.
inline int kitti_tracking_truncation_level(double truncated_share) { return truncated_share > 0.5 ? 1 : 0; }

// Occlusion level from the share of the cuboid's LiDAR points that are hidden in the image
// (another point owns their pixel): 0 fully visible, 1 partly occluded, 2 largely occluded.
// A few hidden points (pixel collisions within the object) do not make it "partly occluded".
constexpr double kKittiFullyVisibleHidden = 0.2, kKittiLargelyOccludedHidden = 0.6;
inline int kitti_occlusion_level(double hidden_share) {
  if (hidden_share <= kKittiFullyVisibleHidden) return 0;
  if (hidden_share <= kKittiLargelyOccludedHidden) return 1;
  return 2;
}

}  // namespace fuselabel
