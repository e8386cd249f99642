// CUDA backend of points_in_boxes: the shared body, one thread per point of any frame.
// Compiled with --fmad=false so memberships equal the CPU backend's bit for bit.
#include <algorithm>

#include "kernels/box_index_cuda.h"
#include "kernels/points_in_boxes_backends.h"
#include "kernels/points_in_boxes_impl.h"

namespace fuselabel::cuda {
namespace {

constexpr int kThreads = 256;

__global__ void points_in_boxes_kernel(const float* __restrict__ points, int stride, const int64_t* point_offsets,
                                       const int64_t* box_offsets, int32_t frames, int64_t total, BoxIndexView index,
                                       int32_t* point_box, int32_t* box_points) {
  for (int64_t i = blockIdx.x * int64_t{blockDim.x} + threadIdx.x; i < total; i += int64_t{gridDim.x} * blockDim.x) {
    const int32_t f = segment_of(point_offsets, frames, i);
    const float* r = points + i * stride;
    const int32_t best =
        for_each_containing_box(index, f, Vec3<float>{r[0], r[1], r[2]}, [&](int32_t b) { atomicAdd(box_points + b, 1); });
    point_box[i] = best < 0 ? -1 : static_cast<int32_t>(best - box_offsets[f]);
  }
}

}  // namespace

void points_in_boxes(const PointsInBoxesBatch& batch, const BoxIndex& index, int32_t* point_box, int32_t* box_points) {
  const int64_t total = batch.total_points();
  if (total == 0) return;
  Stream stream;
  DeviceBuffer<float> d_points(total * batch.point_stride);
  d_points.upload(batch.points, d_points.size(), stream.get());
  const DeviceBuffer<int64_t> d_point_offsets = to_device(batch.point_offsets, stream.get());
  const DeviceBuffer<int64_t> d_box_offsets = to_device(batch.cuboids.offsets, stream.get());
  const DeviceBoxIndex d_index = upload(index, stream.get());
  DeviceBuffer<int32_t> d_point_box(total);
  DeviceBuffer<int32_t> d_box_points(batch.cuboids.boxes.size());
  if (d_box_points.size() > 0)
    FL_CUDA_CHECK(cudaMemsetAsync(d_box_points.data(), 0, d_box_points.size() * sizeof(int32_t), stream.get()));
  const int64_t blocks = std::min<int64_t>((total + kThreads - 1) / kThreads, 1 << 20);
  points_in_boxes_kernel<<<static_cast<unsigned>(blocks), kThreads, 0, stream.get()>>>(
      d_points.data(), batch.point_stride, d_point_offsets.data(), d_box_offsets.data(), batch.cuboids.frames(), total,
      d_index.view(), d_point_box.data(), d_box_points.data());
  FL_CUDA_CHECK(cudaGetLastError());
  d_point_box.download(point_box, d_point_box.size(), stream.get());
  d_box_points.download(box_points, d_box_points.size(), stream.get());
  stream.synchronize();
}

}  // namespace fuselabel::cuda
