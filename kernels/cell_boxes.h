#pragma once
// The CPU backend's points_in_boxes body with SIMD across cuboids: a point's grid cell lists its
// candidate cuboids contiguously (BoxIndex::cell_boxes), so the table below copies each list
// entry's CuboidFrame into structure-of-arrays form and one vector compare tests a point against
// as many of its cell's cuboids as the machine's SIMD unit has lanes (Google Highway, chosen at
// run time). The arithmetic is cuboid_contains' operation for operation, so memberships are those
// of the shared body (kernels/points_in_boxes_impl.h) exactly.
#include <cstdint>
#include <vector>

#include "kernels/box_index.h"
#include "kernels/points_in_boxes.h"

namespace fuselabel {

// Entry e of index.cell_boxes: field k (centre x y z, R_box_frame row-major, half size x y z)
// at values[k * stride + e]; stride leaves a vector's worth of padding after the last entry.
// Per cell, the height range its cuboids can hold a point in (padded like their footprints, see
// build_box_index; empty cells +inf, -inf): points above or below it skip the cuboid tests.
struct CellBoxTable {
  static constexpr int kFields = 15;
  int64_t stride = 0;
  std::vector<float> values;
  std::vector<float> cell_z_lo, cell_z_hi;
};
CellBoxTable make_cell_box_table(const BoxIndex& index);

// A run of consecutive points of one frame and where their results go.
struct PointRun {
  int32_t frame = 0;
  const float* records = nullptr;  // the run's first record, x y z first, `stride` floats apart
  int32_t stride = 3;
  int32_t first_point = 0;  // index within the frame of the run's first point
  int64_t count = 0;
  int32_t* point_box = nullptr;   // per point of the run: cuboid index within the frame, or -1
  int64_t frame_first_box = 0;    // global index of the frame's first cuboid
  int32_t* box_counts = nullptr;  // box_counts[b - counts_first_box] += points in global box b
  int64_t counts_first_box = 0;
  std::vector<PointBox>* members = nullptr;  // when set: every (point, global box) pair, in point order
};

// points_in_boxes for one run: each point's smallest containing cuboid (ties: lower index), the
// counts, the members.
void scan_points_in_boxes(const BoxIndexView& index, const CellBoxTable& table, const PointRun& run);

}  // namespace fuselabel
