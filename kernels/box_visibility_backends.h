#pragma once
// Backend entry points behind box_visibility.h. visible (one counter per job x box of its
// sweep, at out_offsets) arrives zeroed; keys are the jobs' depth images at image_offsets.
#include "kernels/box_visibility.h"

namespace fuselabel {
namespace cpu {
void count_visible_points(Workspace& ws, const ProjectionBatch& batch, const View<uint64_t>& keys,
                          const std::vector<int64_t>& image_offsets, const FrameCuboids& cuboids,
                          const PointsInBoxesResult& membership, const std::vector<int64_t>& out_offsets,
                          int32_t* visible);
}  // namespace cpu

#ifdef FUSELABEL_HAVE_CUDA
namespace cuda {
void count_visible_points(Workspace& ws, const ProjectionBatch& batch, const View<uint64_t>& keys,
                          const std::vector<int64_t>& image_offsets, const FrameCuboids& cuboids,
                          const PointsInBoxesResult& membership, const std::vector<int64_t>& out_offsets,
                          int32_t* visible);
}  // namespace cuda
#endif
}  // namespace fuselabel
