// CPU backend of box_overlap: the shared body in a parallel loop over pairs.
#include "kernels/box_overlap_backends.h"
#include "kernels/box_overlap_impl.h"
#include "kernels/cpu_parallel.h"

namespace fuselabel::cpu {

// A pair clips two quadrilaterals: worth a thread from a few thousand pairs on.
constexpr int64_t kMinPairsPerThread = 4096;

void box_overlap_within_frames(Workspace&, const std::vector<BevBox<double>>& boxes, const std::vector<int64_t>& box_offsets,
                               const std::vector<int64_t>& matrix_offsets, BoxOverlap* out) {
  const int32_t frames = static_cast<int32_t>(box_offsets.size()) - 1;
  parallel_for(matrix_offsets.back(), [&](int64_t begin, int64_t end) {
    for (int64_t k = begin; k < end; ++k) {
      int64_t first, second;
      matrix_entry(matrix_offsets.data(), box_offsets.data(), frames, k, first, second);
      out[k] = overlap_of(boxes[first], boxes[second]);
    }
  }, kMinPairsPerThread);
}

void box_overlap_pairs(Workspace&, const std::vector<BevBox<double>>& a, const std::vector<BevBox<double>>& b,
                       const std::vector<BoxPair>& pairs, BoxOverlap* out) {
  parallel_for(static_cast<int64_t>(pairs.size()), [&](int64_t begin, int64_t end) {
    for (int64_t k = begin; k < end; ++k) out[k] = overlap_of(a[pairs[k].a], b[pairs[k].b]);
  }, kMinPairsPerThread);
}

}  // namespace fuselabel::cpu
