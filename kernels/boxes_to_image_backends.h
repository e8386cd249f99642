#pragma once
// Backend entry points behind boxes_to_image.h; the public function validates, computes every
// cuboid's corners once (8 per box, in cuboid_corners' order) and dispatches.
#include "kernels/boxes_to_image.h"

namespace fuselabel {
namespace cpu {
void boxes_to_image(Workspace& ws, const BoxesToImageBatch& batch, const std::vector<Vec3<double>>& corners,
                    const std::vector<int64_t>& out_offsets, ImageBox* out);
}  // namespace cpu

#ifdef FUSELABEL_HAVE_CUDA
namespace cuda {
void boxes_to_image(Workspace& ws, const BoxesToImageBatch& batch, const std::vector<Vec3<double>>& corners,
                    const std::vector<int64_t>& out_offsets, ImageBox* out);
}  // namespace cuda
#endif
}  // namespace fuselabel
