#pragma once
// The baseline keyframe propagation is measured against: what the open-source labeling tools
// do. Per track, between each two consecutive keyframes, every component of the cuboid is
// interpolated linearly in the label set's own frame (the sensor frame for KITTI), ego motion
// ignored: centre x y z, size l w h, and the yaw as a raw angle value -- the keyframes' yaw
// (box_yaw, in (-pi, pi]) interpolated directly with no wrap-around handling, so 179 deg to
// -179 deg sweeps through 0 the long way, as tools that interpolate Euler angles do. Roll and
// pitch are dropped (the interpolated cuboid is yaw-only). The weights are frame-index
// distances (the tools step frames, not time).
#include "model/labels.h"

namespace fuselabel {

// The heading of a cuboid: atan2 of its rotated local x axis in the frame's x-y plane, (-pi, pi].
double box_yaw(const Cuboidd& box);

// One cuboid per track for every frame from its first to its last keyframe: keyframes copied
// unchanged (source Keyframe), the frames between two keyframes interpolated (source
// Interpolated, confidence 1), whether or not the track has a label there. Tracks with one
// keyframe stay one cuboid; labels without a track id are copied as they are. The result keeps
// keyframes' name, taxonomy, frame and tracks and is sorted by frame, then track id. Throws
// std::invalid_argument when a track has two cuboids at one frame.
LabelSet interpolate_linear(const LabelSet& keyframes);

}  // namespace fuselabel
