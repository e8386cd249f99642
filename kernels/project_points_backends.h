#pragma once
// Backend entry points behind project_points.h; the public functions validate and dispatch.
// job_offsets: projection_output_offsets; image_offsets: depth_image_offsets.
#include "kernels/project_points.h"

namespace fuselabel {
namespace cpu {
void project_points(Workspace& ws, const ProjectionBatch& batch, const std::vector<int64_t>& job_offsets,
                    ProjectedPoint* out);
View<uint64_t> render_depth(Workspace& ws, const ProjectionBatch& batch, const std::vector<int64_t>& job_offsets,
                            const std::vector<int64_t>& image_offsets, uint64_t* keys);
}  // namespace cpu

#ifdef FUSELABEL_HAVE_CUDA
namespace cuda {
void project_points(Workspace& ws, const ProjectionBatch& batch, const std::vector<int64_t>& job_offsets,
                    ProjectedPoint* out);
View<uint64_t> render_depth(Workspace& ws, const ProjectionBatch& batch, const std::vector<int64_t>& job_offsets,
                            const std::vector<int64_t>& image_offsets, uint64_t* keys);
}  // namespace cuda
#endif
}  // namespace fuselabel
