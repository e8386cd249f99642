#pragma once
// LiDAR refinement of propagated cuboids (docs/prelabel.md): per frame with a sweep, each
// propagated cuboid's pose is searched over translation and yaw (cuboid_fit: a coarse grid,
// then a fine one around its best), the points of a moving object first compensated for its
// motion within the sweep. A better pose is taken only when it beats the propagated one by a
// margin; keyframes never move. The fit of every cuboid goes to the report, and frames whose
// LiDAR support collapsed against the track's keyframes are flagged for re-keying
// (extrapolation stops there).
#include "fusion/propagation.h"
#include "fusion/propagation/ego_from_labels.h"
#include "kernels/cuboid_fit.h"

namespace fuselabel {

struct RefinementSearch {
  float coarse_step = 0.2f, coarse_range = 1.0f;           // metres, +- range
  float coarse_yaw_step = 0.0349066f, coarse_yaw_range = 0.1396263f;  // 2 deg, +- 8 deg
  float fine_step = 0.05f, fine_range = 0.2f;
  float fine_yaw_step = 0.00872665f, fine_yaw_range = 0.0349066f;     // 0.5 deg, +- 2 deg
  // Accepted when the score rises by at least max(min_gain, relative_gain * |propagated score|):
  // strict, because on simulated drives smaller gains moved already exact cuboids (docs/QUALITY.md).
  double min_gain = 20.0, relative_gain = 0.5;
  // Support collapsed: fewer than this share of the keyframes' median point count (when that
  // median is at least min_reference_points).
  double collapse_share = 0.3;
  int min_reference_points = 10;
  size_t frames_per_batch = 16;
  CuboidFitScoring scoring;
};

// Refines result.labels in place and fills the tracks' fit_scores, lidar_points and
// flagged_frames. Needs the drive's LiDAR (frames without a sweep are left as they are).
void refine_with_lidar(const Drive& drive, const SampleLoader& loader, const PropagationOptions& options,
                       PropagationResult& result, const RefinementSearch& search = {});

}  // namespace fuselabel
