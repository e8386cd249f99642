// CUDA backend of project_points / render_depth: the shared body, one thread per point, jobs
// along grid y. Compiled with --fmad=false so results equal the CPU backend's bit for bit.
#include "kernels/cuda_launch.h"
#include "kernels/project_points_backends.h"
#include "kernels/project_points_impl.h"
#include "kernels/projection_batch_cuda.h"

namespace fuselabel::cuda {
namespace {

constexpr int kThreads = 256;

// One thread per (job, point): the shared body, its result handed to on_point(job, point
// index within the sweep, u, v, depth, pixel). Jobs run along grid y, points along grid x.
template <typename OnPoint>
__global__ void projected_points_kernel(DeviceProjectionBatch b, OnPoint on_point) {
  for (int j = blockIdx.y; j < b.num_jobs; j += gridDim.y) {
    const ProjectionJob job = b.jobs[j];
    const CameraModelf& cam = b.cameras[job.camera];
    const int64_t first = b.sweep_offsets[job.sweep], n = b.sweep_offsets[job.sweep + 1] - first;
    for (int64_t i = grid_first(); i < n; i += grid_step()) {
      float u, v, depth;
      int32_t pixel;
      project_record(cam, job.T_cam_sweep, b.points + (first + i) * b.stride, u, v, depth, pixel);
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
void launch_projection(Workspace& ws, const DeviceProjectionBatch& d, OnPoint on_point) {
  if (d.largest_sweep == 0 || d.num_jobs == 0) return;
  launch(projected_points_kernel<OnPoint>, grid_for(d.largest_sweep, kThreads, d.num_jobs), kThreads, stream_of(ws),
         d, on_point);
}

}  // namespace

void project_points(Workspace& ws, const ProjectionBatch& batch, const std::vector<int64_t>& job_offsets,
                    ProjectedPoint* out) {
  if (batch.jobs.empty() || job_offsets.back() == 0) return;
  const DeviceProjectionBatch d = on_device(ws, batch);
  ProjectedPoint* d_out = buffer<ProjectedPoint>(ws, "project_points.out", job_offsets.back());
  launch_projection(ws, d, StoreProjection{upload(ws, "project_points.offsets", job_offsets), d_out});
  download(ws, out, d_out, job_offsets.back());
  synchronize(ws);
}

View<uint64_t> render_depth(Workspace& ws, const ProjectionBatch& batch, const std::vector<int64_t>&,
                            const std::vector<int64_t>& image_offsets, uint64_t* keys) {
  static_assert(sizeof(unsigned long long) == sizeof(uint64_t), "packed depth keys are 64-bit");
  const int64_t pixels = image_offsets.back();
  auto* d_keys = buffer<unsigned long long>(ws, "render_depth.keys", pixels);
  fill_bytes(ws, d_keys, pixels, 0xff);
  if (!batch.jobs.empty()) {
    const DeviceProjectionBatch d = on_device(ws, batch);
    launch_projection(ws, d, KeepNearest{upload(ws, "render_depth.offsets", image_offsets), d_keys});
  }
  download(ws, reinterpret_cast<unsigned long long*>(keys), d_keys, pixels);
  synchronize(ws);
  return {reinterpret_cast<const uint64_t*>(d_keys), pixels, Memory::Device};
}

}  // namespace fuselabel::cuda
