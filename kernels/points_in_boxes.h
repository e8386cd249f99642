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
#include "kernels/workspace.h"

namespace fuselabel {

struct PointsInBoxesBatch {
  const float* points = nullptr;  // host or device memory (points_memory), see Workspace::upload
  Memory points_memory = Memory::Host;
  int32_t point_stride = 3;
  std::vector<int64_t> point_offsets = {0};  // size = frames + 1
  FrameCuboids cuboids;                      // same number of frames
  float grid_cell_size = kDefaultBoxGridCellSize;
  bool keep_members = false;  // also list every (point, containing cuboid) pair, for box_visibility

  int64_t total_points() const { return point_offsets.empty() ? 0 : point_offsets.back(); }
};

// A point inside a cuboid: point index within its frame, cuboid index into cuboids.boxes.
struct PointBox {
  int32_t point = 0;
  int32_t box = 0;
};

struct PointsInBoxesResult {
  // Per point (global index): index within its frame of the cuboid it is assigned to, or -1.
  std::vector<int32_t> point_box;
  // Per cuboid (index into cuboids.boxes): how many of its frame's points it contains.
  std::vector<int32_t> box_points;
  // With keep_members: frame f's pairs are members.data[member_begin[f], + box points of the
  // frame), in no particular order, in the workspace's memory (on CUDA valid until the next
  // points_in_boxes on that workspace; on the CPU backed by host_members).
  View<PointBox> members;
  std::vector<int64_t> member_begin;
  std::vector<PointBox> host_members;

  // Pairs of frame f (the sum of its cuboids' box_points).
  int64_t member_count(const FrameCuboids& cuboids, int32_t f) const;
};

// Throws std::invalid_argument on an inconsistent batch (offsets, stride, frame counts,
// invalid cuboids; a frame of more than 2^31 - 1 points).
void validate(const PointsInBoxesBatch& batch);

void points_in_boxes(Workspace& ws, const PointsInBoxesBatch& batch, PointsInBoxesResult& out);
void points_in_boxes(Device device, const PointsInBoxesBatch& batch, PointsInBoxesResult& out);

}  // namespace fuselabel
