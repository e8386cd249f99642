// CUDA backend of box_overlap: the shared body, one thread per pair.
#include "kernels/box_overlap_backends.h"
#include "kernels/box_overlap_impl.h"
#include "kernels/cuda_launch.h"
#include "kernels/workspace_cuda.h"

namespace fuselabel::cuda {
namespace {

constexpr int kThreads = 128;  // two 64-vertex clip buffers per thread live in local memory

__global__ void overlap_matrix_kernel(const BevBox<double>* boxes, const int64_t* box_offsets,
                                      const int64_t* matrix_offsets, int32_t frames, BoxOverlap* out) {
  const int64_t total = matrix_offsets[frames];
  for (int64_t k = grid_first(); k < total; k += grid_step()) {
    int64_t first, second;
    matrix_entry(matrix_offsets, box_offsets, frames, k, first, second);
    out[k] = overlap_of(boxes[first], boxes[second]);
  }
}

__global__ void overlap_pairs_kernel(const BevBox<double>* a, const BevBox<double>* b, const BoxPair* pairs,
                                     int64_t total, BoxOverlap* out) {
  for (int64_t k = grid_first(); k < total; k += grid_step())
    out[k] = overlap_of(a[pairs[k].a], b[pairs[k].b]);
}

}  // namespace

void box_overlap_within_frames(Workspace& ws, const std::vector<BevBox<double>>& boxes,
                               const std::vector<int64_t>& box_offsets, const std::vector<int64_t>& matrix_offsets,
                               BoxOverlap* out) {
  const int64_t total = matrix_offsets.back();
  if (total == 0) return;
  BoxOverlap* d_out = buffer<BoxOverlap>(ws, "box_overlap.out", total);
  launch(overlap_matrix_kernel, grid_for(total, kThreads), kThreads, stream_of(ws), upload(ws, "box_overlap.a", boxes),
         upload(ws, "box_overlap.box_offsets", box_offsets), upload(ws, "box_overlap.matrix_offsets", matrix_offsets),
         static_cast<int32_t>(box_offsets.size()) - 1, d_out);
  download(ws, out, d_out, total);
  synchronize(ws);
}

void box_overlap_pairs(Workspace& ws, const std::vector<BevBox<double>>& a, const std::vector<BevBox<double>>& b,
                       const std::vector<BoxPair>& pairs, BoxOverlap* out) {
  const int64_t total = static_cast<int64_t>(pairs.size());
  if (total == 0) return;
  BoxOverlap* d_out = buffer<BoxOverlap>(ws, "box_overlap.out", total);
  launch(overlap_pairs_kernel, grid_for(total, kThreads), kThreads, stream_of(ws), upload(ws, "box_overlap.a", a),
         upload(ws, "box_overlap.b", b), upload(ws, "box_overlap.pairs", pairs), total, d_out);
  download(ws, out, d_out, total);
  synchronize(ws);
}

}  // namespace fuselabel::cuda
