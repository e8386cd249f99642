// CPU backend of project_points / render_depth: the shared body in a parallel loop.
#include <atomic>
#include <memory>

#include "kernels/cpu_parallel.h"
#include "kernels/project_points_backends.h"
#include "kernels/project_points_impl.h"

namespace fuselabel::cpu {

void project_points(const ProjectionBatch& batch, const std::vector<int64_t>& out_offsets, ProjectedPoint* out) {
  for (size_t j = 0; j < batch.jobs.size(); ++j) {
    const ProjectionJob& job = batch.jobs[j];
    const CameraModelf cam = batch.cameras[job.camera];
    const float* records = batch.points + batch.sweep_offsets[job.sweep] * batch.point_stride;
    ProjectedPoint* job_out = out + out_offsets[j];
    parallel_for(batch.sweep_size(job.sweep), [&](int64_t begin, int64_t end) {
      for (int64_t i = begin; i < end; ++i) {
        ProjectedPoint& o = job_out[i];
        project_record(cam, job.T_cam_sweep, records + i * batch.point_stride, o.u, o.v, o.depth, o.pixel);
      }
    });
  }
}

// Lock-free minimum: the same final key as CUDA's atomicMin whatever the thread order.
static void atomic_min(std::atomic<uint64_t>& slot, uint64_t key) {
  uint64_t current = slot.load(std::memory_order_relaxed);
  while (key < current && !slot.compare_exchange_weak(current, key, std::memory_order_relaxed)) {
  }
}

void render_depth(const ProjectionBatch& batch, const std::vector<int64_t>& image_offsets, uint64_t* keys) {
  const int64_t total = image_offsets.back();
  std::unique_ptr<std::atomic<uint64_t>[]> zbuffer(new std::atomic<uint64_t>[total]);
  parallel_for(total, [&](int64_t begin, int64_t end) {
    for (int64_t i = begin; i < end; ++i) zbuffer[i].store(kEmptyDepthKey, std::memory_order_relaxed);
  });
  for (size_t j = 0; j < batch.jobs.size(); ++j) {
    const ProjectionJob& job = batch.jobs[j];
    const CameraModelf cam = batch.cameras[job.camera];
    const float* records = batch.points + batch.sweep_offsets[job.sweep] * batch.point_stride;
    std::atomic<uint64_t>* image = zbuffer.get() + image_offsets[j];
    parallel_for(batch.sweep_size(job.sweep), [&](int64_t begin, int64_t end) {
      for (int64_t i = begin; i < end; ++i) {
        float u, v, depth;
        int32_t pixel;
        project_record(cam, job.T_cam_sweep, records + i * batch.point_stride, u, v, depth, pixel);
        if (pixel >= 0) atomic_min(image[pixel], make_depth_key(depth, static_cast<uint32_t>(i)));
      }
    });
  }
  parallel_for(total, [&](int64_t begin, int64_t end) {
    for (int64_t i = begin; i < end; ++i) keys[i] = zbuffer[i].load(std::memory_order_relaxed);
  });
}

}  // namespace fuselabel::cpu
