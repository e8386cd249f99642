// CUDA backend of box_overlap: the shared body, one thread per pair.
#include <algorithm>

#include "kernels/box_overlap_backends.h"
#include "kernels/box_overlap_impl.h"
#include "kernels/cuda_check.h"

namespace fuselabel::cuda {
namespace {

constexpr int kThreads = 128;  // two 64-vertex clip buffers per thread live in local memory

unsigned blocks_for(int64_t n) { return static_cast<unsigned>(std::min<int64_t>((n + kThreads - 1) / kThreads, 1 << 20)); }

__global__ void overlap_matrix_kernel(const BevBox<double>* boxes, const int64_t* box_offsets,
                                      const int64_t* matrix_offsets, int32_t frames, BoxOverlap* out) {
  const int64_t total = matrix_offsets[frames];
  for (int64_t k = blockIdx.x * int64_t{blockDim.x} + threadIdx.x; k < total; k += int64_t{gridDim.x} * blockDim.x) {
    int64_t first, second;
    matrix_entry(matrix_offsets, box_offsets, frames, k, first, second);
    out[k] = overlap_of(boxes[first], boxes[second]);
  }
}

__global__ void overlap_pairs_kernel(const BevBox<double>* a, const BevBox<double>* b, const BoxPair* pairs,
                                     int64_t total, BoxOverlap* out) {
  for (int64_t k = blockIdx.x * int64_t{blockDim.x} + threadIdx.x; k < total; k += int64_t{gridDim.x} * blockDim.x)
    out[k] = overlap_of(a[pairs[k].a], b[pairs[k].b]);
}

}  // namespace

void box_overlap_within_frames(const std::vector<BevBox<double>>& boxes, const std::vector<int64_t>& box_offsets,
                               const std::vector<int64_t>& matrix_offsets, BoxOverlap* out) {
  const int64_t total = matrix_offsets.back();
  if (total == 0) return;
  Stream stream;
  const DeviceBuffer<BevBox<double>> d_boxes = to_device(boxes, stream.get());
  const DeviceBuffer<int64_t> d_box_offsets = to_device(box_offsets, stream.get());
  const DeviceBuffer<int64_t> d_matrix_offsets = to_device(matrix_offsets, stream.get());
  DeviceBuffer<BoxOverlap> d_out(total);
  overlap_matrix_kernel<<<blocks_for(total), kThreads, 0, stream.get()>>>(
      d_boxes.data(), d_box_offsets.data(), d_matrix_offsets.data(), static_cast<int32_t>(box_offsets.size()) - 1,
      d_out.data());
  FL_CUDA_CHECK(cudaGetLastError());
  d_out.download(out, d_out.size(), stream.get());
  stream.synchronize();
}

void box_overlap_pairs(const std::vector<BevBox<double>>& a, const std::vector<BevBox<double>>& b,
                       const std::vector<BoxPair>& pairs, BoxOverlap* out) {
  const int64_t total = static_cast<int64_t>(pairs.size());
  if (total == 0) return;
  Stream stream;
  const DeviceBuffer<BevBox<double>> d_a = to_device(a, stream.get());
  const DeviceBuffer<BevBox<double>> d_b = to_device(b, stream.get());
  const DeviceBuffer<BoxPair> d_pairs = to_device(pairs, stream.get());
  DeviceBuffer<BoxOverlap> d_out(total);
  overlap_pairs_kernel<<<blocks_for(total), kThreads, 0, stream.get()>>>(d_a.data(), d_b.data(), d_pairs.data(), total,
                                                                          d_out.data());
  FL_CUDA_CHECK(cudaGetLastError());
  d_out.download(out, d_out.size(), stream.get());
  stream.synchronize();
}

}  // namespace fuselabel::cuda
