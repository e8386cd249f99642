#pragma once
// The one per-point body of points_in_boxes and box_visibility, shared by both backends.
#include <cstdint>

#include "kernels/box_index.h"
#include "kernels/segments.h"

namespace fuselabel {

// Calls on_box(b) for every box b (global index) of `frame` that contains p -- cuboid_contains,
// inclusive bounds, no margin -- and returns the smallest of them by volume, ties to the lower
// index, or -1 when none does.
template <typename OnBox>
FL_HOST_DEVICE int32_t for_each_containing_box(const BoxIndexView& index, int32_t frame, Vec3<float> p,
                                               OnBox&& on_box) {
  int64_t cell;
  if (!grid_cell_of(index.grids[frame], p.x, p.y, cell)) return -1;
  int32_t best = -1;
  for (int32_t k = index.cell_offsets[cell]; k < index.cell_offsets[cell + 1]; ++k) {
    const int32_t b = index.cell_boxes[k];
    if (!cuboid_contains(index.boxes[b], p)) continue;
    on_box(b);
    if (best < 0 || index.volumes[b] < index.volumes[best] || (index.volumes[b] == index.volumes[best] && b < best))
      best = b;
  }
  return best;
}

}  // namespace fuselabel
