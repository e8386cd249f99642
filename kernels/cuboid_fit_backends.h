#pragma once
// Backend entry points behind cuboid_fit.h. The public function validates the batch and narrows
// it to a plan; a backend writes one CuboidFitQuanta per job and, where `scores` is not null,
// every candidate's score in quanta at scores[job * candidates + candidate].
#include <vector>

#include "kernels/cuboid_fit.h"
#include "kernels/cuboid_fit_impl.h"

namespace fuselabel {

struct CuboidFitPlan {
  std::vector<CuboidFitJobFrame> jobs;
  // The batch's candidates, then the zero offset: the base box is candidate `candidates` of
  // every job, scored by the same loop and never chosen as best.
  std::vector<CuboidFitOffset> offsets;
  int32_t candidates = 0;
  CuboidFitWeights weights{};
  int64_t point_records = 0;  // records the jobs reach (the largest point_end)
};

namespace cpu {
void cuboid_fit(Workspace& ws, const CuboidFitBatch& batch, const CuboidFitPlan& plan, CuboidFitQuanta* out,
                int64_t* scores);
}  // namespace cpu

#ifdef FUSELABEL_HAVE_CUDA
namespace cuda {
void cuboid_fit(Workspace& ws, const CuboidFitBatch& batch, const CuboidFitPlan& plan, CuboidFitQuanta* out,
                int64_t* scores);
}  // namespace cuda
#endif
}  // namespace fuselabel
