#pragma once
// Backend entry points behind project_points.h; the public functions validate and dispatch.
#include "kernels/project_points.h"

namespace fuselabel {
namespace cpu {
void project_points(const ProjectionBatch& batch, const std::vector<int64_t>& out_offsets, ProjectedPoint* out);
void render_depth(const ProjectionBatch& batch, const std::vector<int64_t>& image_offsets, uint64_t* keys);
}  // namespace cpu

#ifdef FUSELABEL_HAVE_CUDA
namespace cuda {
void project_points(const ProjectionBatch& batch, const std::vector<int64_t>& out_offsets, ProjectedPoint* out);
void render_depth(const ProjectionBatch& batch, const std::vector<int64_t>& image_offsets, uint64_t* keys);
}  // namespace cuda
#endif
}  // namespace fuselabel
