#pragma once
// Backend entry points behind points_in_boxes.h; the public function validates, builds the box
// index and dispatches. box_points arrives zeroed.
#include "kernels/points_in_boxes.h"

namespace fuselabel {
namespace cpu {
void points_in_boxes(const PointsInBoxesBatch& batch, const BoxIndex& index, int32_t* point_box, int32_t* box_points);
}  // namespace cpu

#ifdef FUSELABEL_HAVE_CUDA
namespace cuda {
void points_in_boxes(const PointsInBoxesBatch& batch, const BoxIndex& index, int32_t* point_box, int32_t* box_points);
}  // namespace cuda
#endif
}  // namespace fuselabel
