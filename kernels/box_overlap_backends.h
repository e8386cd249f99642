#pragma once
// Backend entry points behind box_overlap.h; the public functions validate, reduce every box to
// its BevBox once and dispatch.
#include "kernels/box_overlap.h"
#include "projection/box_overlap.h"

namespace fuselabel {
namespace cpu {
void box_overlap_within_frames(Workspace& ws, const std::vector<BevBox<double>>& boxes, const std::vector<int64_t>& box_offsets,
                               const std::vector<int64_t>& matrix_offsets, BoxOverlap* out);
void box_overlap_pairs(Workspace& ws, const std::vector<BevBox<double>>& a, const std::vector<BevBox<double>>& b,
                       const std::vector<BoxPair>& pairs, BoxOverlap* out);
}  // namespace cpu

#ifdef FUSELABEL_HAVE_CUDA
namespace cuda {
void box_overlap_within_frames(Workspace& ws, const std::vector<BevBox<double>>& boxes, const std::vector<int64_t>& box_offsets,
                               const std::vector<int64_t>& matrix_offsets, BoxOverlap* out);
void box_overlap_pairs(Workspace& ws, const std::vector<BevBox<double>>& a, const std::vector<BevBox<double>>& b,
                       const std::vector<BoxPair>& pairs, BoxOverlap* out);
}  // namespace cuda
#endif
}  // namespace fuselabel
