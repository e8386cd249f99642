#pragma once
// Backend entry points behind points_in_boxes.h; the public function validates, builds the box
// index and dispatches. point_box arrives filled with -1, box_points zeroed.
#include "kernels/points_in_boxes.h"

namespace fuselabel {
namespace cpu {
void points_in_boxes(Workspace& ws, const PointsInBoxesBatch& batch, const BoxIndex& index, PointsInBoxesResult& out);
}  // namespace cpu

#ifdef FUSELABEL_HAVE_CUDA
namespace cuda {
void points_in_boxes(Workspace& ws, const PointsInBoxesBatch& batch, const BoxIndex& index, PointsInBoxesResult& out);
}  // namespace cuda
#endif
}  // namespace fuselabel
