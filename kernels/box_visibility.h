#pragma once
// box_visibility: per cuboid per camera, how much of the cuboid's LiDAR support the camera
// actually sees -- the fraction of the points inside the cuboid that own their pixel in the
// camera's depth image (render_depth: the nearest point of a pixel owns it).
//
// The batch is a ProjectionBatch (sweeps x cameras); cuboids has one frame per sweep, in the
// sweep's coordinate frame. Membership is points_in_boxes' (cuboid_contains): a point inside
// several overlapping cuboids counts for each of them, in the denominator and, when it owns its
// pixel, in the numerator -- a point hidden behind another cuboid's points counts as occluded
// for its own cuboid whichever cuboid the occluder belongs to.
#include <cstdint>
#include <vector>

#include "kernels/box_index.h"
#include "kernels/project_points.h"

namespace fuselabel {

struct BoxVisibility {
  int32_t points = 0;          // the sweep's points inside the cuboid
  int32_t visible_points = 0;  // of those, the ones that own their pixel in this camera

  // 0 for a cuboid without points: check `points` before reading it as "occluded".
  double fraction() const { return points > 0 ? static_cast<double>(visible_points) / points : 0.0; }
};

// Where each job's results start (size = jobs + 1): job j's entry for box b of its sweep is
// out[offsets[j] + b].
std::vector<int64_t> box_visibility_offsets(const ProjectionBatch& batch, const FrameCuboids& cuboids);

// depth_keys: render_depth's output for this same batch (callers that render depth anyway pass
// it here instead of rendering twice). Throws std::invalid_argument on an inconsistent batch,
// cuboids whose frames do not match the sweeps, or depth_keys of the wrong size.
void box_visibility(Device device, const ProjectionBatch& batch, const std::vector<uint64_t>& depth_keys,
                    const FrameCuboids& cuboids, std::vector<BoxVisibility>& out);
// Renders the depth images itself.
void box_visibility(Device device, const ProjectionBatch& batch, const FrameCuboids& cuboids,
                    std::vector<BoxVisibility>& out);

}  // namespace fuselabel
