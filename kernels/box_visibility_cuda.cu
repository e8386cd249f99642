// CUDA backend of box_visibility's numerator: the shared body, one thread per (job, point),
// jobs along grid y as in project_points.
#include <algorithm>

#include "kernels/box_index_cuda.h"
#include "kernels/box_visibility_backends.h"
#include "kernels/box_visibility_impl.h"

namespace fuselabel::cuda {
namespace {

constexpr int kThreads = 256;
constexpr unsigned kMaxGridY = 65535;

__global__ void visible_points_kernel(const float* __restrict__ points, int stride, const int64_t* sweep_offsets,
                                      const CameraModelf* cameras, const ProjectionJob* jobs, int num_jobs,
                                      const uint64_t* keys, const int64_t* image_offsets, const int64_t* box_offsets,
                                      BoxIndexView index, const int64_t* out_offsets, int32_t* visible) {
  for (int j = blockIdx.y; j < num_jobs; j += gridDim.y) {
    const ProjectionJob job = jobs[j];
    const int64_t first = sweep_offsets[job.sweep], n = sweep_offsets[job.sweep + 1] - first;
    const int64_t job_out = out_offsets[j], first_box = box_offsets[job.sweep];
    for (int64_t i = blockIdx.x * int64_t{blockDim.x} + threadIdx.x; i < n; i += int64_t{gridDim.x} * blockDim.x)
      credit_visible_point(cameras[job.camera], job.T_cam_sweep, points + (first + i) * stride,
                           static_cast<uint32_t>(i), keys + image_offsets[j], index, job.sweep,
                           [&](int32_t b) { atomicAdd(visible + job_out + (b - first_box), 1); });
  }
}

}  // namespace

void count_visible_points(const ProjectionBatch& batch, const uint64_t* keys, const std::vector<int64_t>& image_offsets,
                          const FrameCuboids& cuboids, const BoxIndex& index, const std::vector<int64_t>& out_offsets,
                          int32_t* visible) {
  int64_t largest_sweep = 0;
  for (size_t s = 0; s + 1 < batch.sweep_offsets.size(); ++s)
    largest_sweep = std::max<int64_t>(largest_sweep, batch.sweep_size(static_cast<int32_t>(s)));
  if (batch.jobs.empty() || largest_sweep == 0 || out_offsets.back() == 0) return;
  Stream stream;
  DeviceBuffer<float> d_points(batch.total_points() * batch.point_stride);
  d_points.upload(batch.points, d_points.size(), stream.get());
  const DeviceBuffer<int64_t> d_sweep_offsets = to_device(batch.sweep_offsets, stream.get());
  const DeviceBuffer<CameraModelf> d_cameras = to_device(batch.cameras, stream.get());
  const DeviceBuffer<ProjectionJob> d_jobs = to_device(batch.jobs, stream.get());
  DeviceBuffer<uint64_t> d_keys(image_offsets.back());
  d_keys.upload(keys, d_keys.size(), stream.get());
  const DeviceBuffer<int64_t> d_image_offsets = to_device(image_offsets, stream.get());
  const DeviceBuffer<int64_t> d_box_offsets = to_device(cuboids.offsets, stream.get());
  const DeviceBoxIndex d_index = upload(index, stream.get());
  const DeviceBuffer<int64_t> d_out_offsets = to_device(out_offsets, stream.get());
  DeviceBuffer<int32_t> d_visible(out_offsets.back());
  FL_CUDA_CHECK(cudaMemsetAsync(d_visible.data(), 0, d_visible.size() * sizeof(int32_t), stream.get()));
  const dim3 grid(static_cast<unsigned>(std::min<int64_t>((largest_sweep + kThreads - 1) / kThreads, 1 << 20)),
                  static_cast<unsigned>(std::min<size_t>(batch.jobs.size(), kMaxGridY)));
  visible_points_kernel<<<grid, kThreads, 0, stream.get()>>>(
      d_points.data(), batch.point_stride, d_sweep_offsets.data(), d_cameras.data(), d_jobs.data(),
      static_cast<int>(batch.jobs.size()), d_keys.data(), d_image_offsets.data(), d_box_offsets.data(), d_index.view(),
      d_out_offsets.data(), d_visible.data());
  FL_CUDA_CHECK(cudaGetLastError());
  d_visible.download(visible, d_visible.size(), stream.get());
  stream.synchronize();
}

}  // namespace fuselabel::cuda
