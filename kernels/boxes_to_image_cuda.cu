// CUDA backend of boxes_to_image: the shared body, one thread per (job, cuboid of its frame).
#include <algorithm>

#include "kernels/boxes_to_image_backends.h"
#include "kernels/boxes_to_image_impl.h"
#include "kernels/cuda_check.h"
#include "kernels/segments.h"

namespace fuselabel::cuda {
namespace {

// Each thread keeps two silhouette buffers of ~200 double points in local memory; fewer
// threads per block keep more blocks resident.
constexpr int kThreads = 128;

__global__ void boxes_to_image_kernel(const BoxImageJob* jobs, int32_t num_jobs, const CameraModeld* cameras,
                                      const int64_t* box_offsets, const Vec3<double>* corners,
                                      const int64_t* out_offsets, ImageBox* out) {
  const int64_t total = out_offsets[num_jobs];
  for (int64_t k = blockIdx.x * int64_t{blockDim.x} + threadIdx.x; k < total; k += int64_t{gridDim.x} * blockDim.x) {
    const int32_t j = segment_of(out_offsets, num_jobs, k);
    const BoxImageJob& job = jobs[j];
    out[k] = cuboid_in_image(cameras[job.camera], job.T_cam_frame, corners + 8 * (box_offsets[job.frame] + k - out_offsets[j]));
  }
}

}  // namespace

void boxes_to_image(const BoxesToImageBatch& batch, const std::vector<Vec3<double>>& corners,
                    const std::vector<int64_t>& out_offsets, ImageBox* out) {
  const int64_t total = out_offsets.back();
  if (total == 0) return;
  Stream stream;
  const DeviceBuffer<BoxImageJob> d_jobs = to_device(batch.jobs, stream.get());
  const DeviceBuffer<CameraModeld> d_cameras = to_device(batch.cameras, stream.get());
  const DeviceBuffer<int64_t> d_box_offsets = to_device(batch.cuboids.offsets, stream.get());
  const DeviceBuffer<Vec3<double>> d_corners = to_device(corners, stream.get());
  const DeviceBuffer<int64_t> d_out_offsets = to_device(out_offsets, stream.get());
  DeviceBuffer<ImageBox> d_out(total);
  const int64_t blocks = std::min<int64_t>((total + kThreads - 1) / kThreads, 1 << 20);
  boxes_to_image_kernel<<<static_cast<unsigned>(blocks), kThreads, 0, stream.get()>>>(
      d_jobs.data(), static_cast<int32_t>(batch.jobs.size()), d_cameras.data(), d_box_offsets.data(), d_corners.data(),
      d_out_offsets.data(), d_out.data());
  FL_CUDA_CHECK(cudaGetLastError());
  d_out.download(out, d_out.size(), stream.get());
  stream.synchronize();
}

}  // namespace fuselabel::cuda
