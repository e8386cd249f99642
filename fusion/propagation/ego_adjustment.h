#pragma once
// Planar bundle adjustment of ego poses estimated from the labels: within each segment, every
// frame's pose and every track's world pose fitted jointly to the tracks' keyframes, as if all
// were static, with robust weights (a moving track's keyframes disagree and lose their say) and
// a prior on the ego's acceleration (ego_adjustment.cpp lists the residuals).
#include <map>
#include <string>
#include <vector>

#include "fusion/propagation/ego_from_labels.h"

namespace fuselabel {

// track id -> frame -> the keyframe box in that frame's label frame.
using TrackKeyBoxes = std::map<std::string, std::map<int64_t, const Cuboidd*>>;

// Refines poses.T_world_label in place (the first frame of each segment stays the identity).
void adjust_ego_poses(const TrackKeyBoxes& tracks, LabelFramePoses& poses);

}  // namespace fuselabel
