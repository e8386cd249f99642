#pragma once
// points_in_boxes: for a batch of frames, the cuboid each point belongs to and the number of
// points in every cuboid, in one call.
//
// Points of all frames lie in one array of float records (x y z first, `point_stride` floats
// per record), frame f owning records [point_offsets[f], point_offsets[f + 1]); frame f's
// cuboids, in the same coordinate frame as its points, are cuboids.boxes[cuboids.offsets[f],
// cuboids.offsets[f + 1]).
//
// Membership is cuboid_contains (projection/cuboid.h): inclusive bounds, no margin, evaluated
// in float on the point and the cuboid's float CuboidFrame, identically on every device.
// Cuboids may overlap: a point inside several counts for each of them, and is assigned to the
// smallest (volume l * w * h; equal volumes: the lower index).
#include <cstdint>
#include <vector>

#include "kernels/box_index.h"
#include "kernels/device.h"

namespace fuselabel {

struct PointsInBoxesBatch {
  const float* points = nullptr;
  int32_t point_stride = 3;
  std::vector<int64_t> point_offsets = {0};  // size = frames + 1
  FrameCuboids cuboids;                      // same number of frames
  float grid_cell_size = kDefaultBoxGridCellSize;

  int64_t total_points() const { return point_offsets.empty() ? 0 : point_offsets.back(); }
};

struct PointsInBoxesResult {
  // Per point (global index): index within its frame of the cuboid it is assigned to, or -1.
  std::vector<int32_t> point_box;
  // Per cuboid (index into cuboids.boxes): how many of its frame's points it contains.
  std::vector<int32_t> box_points;
};

// Throws std::invalid_argument on an inconsistent batch (offsets, stride, frame counts,
// invalid cuboids; a frame of more than 2^31 - 1 points).
void validate(const PointsInBoxesBatch& batch);

void points_in_boxes(Device device, const PointsInBoxesBatch& batch, PointsInBoxesResult& out);

}  // namespace fuselabel
