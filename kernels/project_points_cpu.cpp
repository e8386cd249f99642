// CPU backend of project_points / render_depth: the shared body in a parallel loop.
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

// Lock-free minimum on a plain uint64_t (the GCC/Clang builtins are C++20's atomic_ref in
// C++17): the same final key as CUDA's atomicMin whatever the thread order, with no copy of
// the z-buffer into atomic objects and back.
static void atomic_min(uint64_t* slot, uint64_t key) {
  uint64_t current = __atomic_load_n(slot, __ATOMIC_RELAXED);
  while (key < current &&
         !__atomic_compare_exchange_n(slot, &current, key, true, __ATOMIC_RELAXED, __ATOMIC_RELAXED)) {
  }
}

// keys arrives filled with kEmptyDepthKey.
void render_depth(const ProjectionBatch& batch, const std::vector<int64_t>& image_offsets, uint64_t* keys) {
  for (size_t j = 0; j < batch.jobs.size(); ++j) {
    const ProjectionJob& job = batch.jobs[j];
    const CameraModelf cam = batch.cameras[job.camera];
    const float* records = batch.points + batch.sweep_offsets[job.sweep] * batch.point_stride;
    uint64_t* image = keys + image_offsets[j];
    parallel_for(batch.sweep_size(job.sweep), [&](int64_t begin, int64_t end) {
      for (int64_t i = begin; i < end; ++i) {
        float u, v, depth;
        int32_t pixel;
        project_record(cam, job.T_cam_sweep, records + i * batch.point_stride, u, v, depth, pixel);
        if (pixel >= 0) atomic_min(image + pixel, make_depth_key(depth, static_cast<uint32_t>(i)));
      }
    });
  }
}

}  // namespace fuselabel::cpu
