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
//
// The membership is points_in_boxes' own (its result with keep_members, over the same sweeps
// and cuboids): box_visibility never tests a point against a cuboid again, it only projects
// the points that lie in cuboids and checks whether they own their pixel.
#include <cstdint>
#include <vector>

#include "kernels/box_index.h"
#include "kernels/points_in_boxes.h"
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

// depth_keys: render_depth's images for this same batch (the view it returns, in ws's memory,
// or its host output); membership: points_in_boxes over the batch's sweeps and `cuboids` with
// keep_members, on the same workspace. Throws std::invalid_argument on an inconsistent batch,
// cuboids whose frames do not match the sweeps, or depth_keys or membership of the wrong size.
void box_visibility(Workspace& ws, const ProjectionBatch& batch, const View<uint64_t>& depth_keys,
                    const FrameCuboids& cuboids, const PointsInBoxesResult& membership,
                    std::vector<BoxVisibility>& out);
// Computes the membership itself.
void box_visibility(Device device, const ProjectionBatch& batch, const std::vector<uint64_t>& depth_keys,
                    const FrameCuboids& cuboids, std::vector<BoxVisibility>& out);
// Renders the depth images and computes the membership itself.
void box_visibility(Device device, const ProjectionBatch& batch, const FrameCuboids& cuboids,
                    std::vector<BoxVisibility>& out);

}  // namespace fuselabel
