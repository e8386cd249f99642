// CUDA backend of project_points / render_depth: the shared body, one thread per point, jobs
// along grid y. Compiled with --fmad=false so results equal the CPU backend's bit for bit.
#include <algorithm>

#include "kernels/cuda_check.h"
#include "kernels/project_points_backends.h"
#include "kernels/project_points_impl.h"

namespace fuselabel::cuda {
namespace {

constexpr int kThreads = 256;
constexpr unsigned kMaxGridY = 65535;

struct DeviceBatch {
  DeviceBuffer<float> points;
  DeviceBuffer<int64_t> sweep_offsets;
  DeviceBuffer<CameraModelf> cameras;
  DeviceBuffer<ProjectionJob> jobs;
  DeviceBuffer<int64_t> job_offsets;
  int64_t largest_sweep = 0;
};

DeviceBatch upload(const ProjectionBatch& batch, const std::vector<int64_t>& job_offsets, cudaStream_t stream) {
  DeviceBatch d{DeviceBuffer<float>(batch.total_points() * batch.point_stride), to_device(batch.sweep_offsets, stream),
                to_device(batch.cameras, stream), to_device(batch.jobs, stream), to_device(job_offsets, stream)};
  d.points.upload(batch.points, d.points.size(), stream);
  for (size_t s = 0; s + 1 < batch.sweep_offsets.size(); ++s)
    d.largest_sweep = std::max<int64_t>(d.largest_sweep, batch.sweep_size(static_cast<int32_t>(s)));
  return d;
}

dim3 grid_for(const ProjectionBatch& batch, int64_t largest_sweep) {
  const int64_t blocks_x = std::min<int64_t>((largest_sweep + kThreads - 1) / kThreads, 1 << 20);
  return dim3(static_cast<unsigned>(std::max<int64_t>(blocks_x, 1)),
              static_cast<unsigned>(std::min<size_t>(batch.jobs.size(), kMaxGridY)));
}

// One thread per (job, point): the shared body, its result handed to on_point(job, point
// index within the sweep, u, v, depth, pixel). Jobs run along grid y, points along grid x.
template <typename OnPoint>
__global__ void projected_points_kernel(const float* __restrict__ points, int stride, const int64_t* sweep_offsets,
                                        const CameraModelf* cameras, const ProjectionJob* jobs, int num_jobs,
                                        OnPoint on_point) {
  for (int j = blockIdx.y; j < num_jobs; j += gridDim.y) {
    const ProjectionJob job = jobs[j];
    const CameraModelf& cam = cameras[job.camera];
    const int64_t first = sweep_offsets[job.sweep], n = sweep_offsets[job.sweep + 1] - first;
    for (int64_t i = blockIdx.x * int64_t{blockDim.x} + threadIdx.x; i < n; i += int64_t{gridDim.x} * blockDim.x) {
      float u, v, depth;
      int32_t pixel;
      project_record(cam, job.T_cam_sweep, points + (first + i) * stride, u, v, depth, pixel);
      on_point(j, i, u, v, depth, pixel);
    }
  }
}

struct StoreProjection {
  const int64_t* out_offsets;
  ProjectedPoint* out;
  __device__ void operator()(int j, int64_t i, float u, float v, float depth, int32_t pixel) const {
    ProjectedPoint o;
    o.u = u, o.v = v, o.depth = depth, o.pixel = pixel;
    out[out_offsets[j] + i] = o;
  }
};

struct KeepNearest {
  const int64_t* image_offsets;
  unsigned long long* keys;
  __device__ void operator()(int j, int64_t i, float, float, float depth, int32_t pixel) const {
    if (pixel >= 0) atomicMin(keys + image_offsets[j] + pixel, make_depth_key(depth, static_cast<uint32_t>(i)));
  }
};

template <typename OnPoint>
void launch(const ProjectionBatch& batch, const DeviceBatch& d, cudaStream_t stream, OnPoint on_point) {
  if (d.largest_sweep == 0) return;
  projected_points_kernel<<<grid_for(batch, d.largest_sweep), kThreads, 0, stream>>>(
      d.points.data(), batch.point_stride, d.sweep_offsets.data(), d.cameras.data(), d.jobs.data(),
      static_cast<int>(batch.jobs.size()), on_point);
  FL_CUDA_CHECK(cudaGetLastError());
}

}  // namespace

void project_points(const ProjectionBatch& batch, const std::vector<int64_t>& out_offsets, ProjectedPoint* out) {
  if (batch.jobs.empty() || out_offsets.back() == 0) return;
  Stream stream;
  DeviceBatch d = upload(batch, out_offsets, stream.get());
  DeviceBuffer<ProjectedPoint> d_out(out_offsets.back());
  launch(batch, d, stream.get(), StoreProjection{d.job_offsets.data(), d_out.data()});
  d_out.download(out, d_out.size(), stream.get());
  stream.synchronize();
}

void render_depth(const ProjectionBatch& batch, const std::vector<int64_t>& image_offsets, uint64_t* keys) {
  if (batch.jobs.empty()) return;
  static_assert(sizeof(unsigned long long) == sizeof(uint64_t), "packed depth keys are 64-bit");
  Stream stream;
  DeviceBatch d = upload(batch, image_offsets, stream.get());
  DeviceBuffer<unsigned long long> d_keys(image_offsets.back());
  FL_CUDA_CHECK(cudaMemsetAsync(d_keys.data(), 0xff, d_keys.size() * sizeof(unsigned long long), stream.get()));
  launch(batch, d, stream.get(), KeepNearest{d.job_offsets.data(), d_keys.data()});
  d_keys.download(reinterpret_cast<unsigned long long*>(keys), d_keys.size(), stream.get());
  stream.synchronize();
}

}  // namespace fuselabel::cuda
