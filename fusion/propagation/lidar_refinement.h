#pragma once
// LiDAR refinement of propagated cuboids (docs/prelabel.md): per frame with a sweep, each
// propagated cuboid's pose is searched over translation and yaw (cuboid_fit: a coarse grid,
// then a fine one around it, each stage moving to the centroid of its near-best plateau), the
// points of a moving object first compensated for its motion within the sweep. The refined pose
// is taken only when the propagated one scores below the fine plateau; keyframes never move. The fit of every cuboid goes to the report, and frames whose
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
  float fine_yaw_step = 0.00872665f, fine_yaw_range = 0.1047198f;     // 0.5 deg, +- 6 deg
  // The fine search's near-best plateau: candidates within max(plateau_tolerance,
  // relative_plateau_tolerance * |best score|) of the best. The refined pose is its centroid,
  // taken only when the propagated pose scores below the plateau.
  double plateau_tolerance = 2.0, relative_plateau_tolerance = 0.02;
  // The coarse search moves to its own plateau's centroid (candidates within this share of the
  // best score): the wide grid's best alone trades yaw for its 0.2 m steps.
  double relative_coarse_plateau_tolerance = 0.02;
  // Support collapsed: fewer than this share of the keyframes' median point count (when that
  // median is at least min_reference_points).
  double collapse_share = 0.3;
  int min_reference_points = 10;
  size_t frames_per_batch = 16;
  // The coarse search finds the object with a wide surface band and every inside point counted;
  // the fine one aligns the faces: a narrow band and inside points beyond it barely counted.
  CuboidFitScoring coarse_scoring;
  CuboidFitScoring fine_scoring = {0.2f, 0.3f, 0.1f, 0.1f, 1.f, 1.f};
};

// Refines result.labels in place and fills the tracks' fit_scores, lidar_points and
// flagged_frames. Needs the drive's LiDAR (frames without a sweep are left as they are).
void refine_with_lidar(const Drive& drive, const SampleLoader& loader, const PropagationOptions& options,
                       PropagationResult& result, const RefinementSearch& search = {});

}  // namespace fuselabel
