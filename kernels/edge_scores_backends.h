#pragma once
// Backend entry points behind edge_scores.h; the public function validates and dispatches.
#include "kernels/edge_scores.h"

namespace fuselabel {
namespace cpu {
void score_edge_candidates(Workspace& ws, const EdgeScoreBatch& batch, double* out);
}  // namespace cpu

#ifdef FUSELABEL_HAVE_CUDA
namespace cuda {
void score_edge_candidates(Workspace& ws, const EdgeScoreBatch& batch, double* out);
}  // namespace cuda
#endif
}  // namespace fuselabel
