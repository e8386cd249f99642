// CPU backend of project_points / render_depth: the shared body in a parallel loop.
#include "kernels/cpu_parallel.h"
#include "kernels/project_points_backends.h"
#include "kernels/project_points_impl.h"

namespace fuselabel::cpu {
namespace {

// Runs the shared body on every point of every job; hands each result to
// on_point(job, point index within the sweep, u, v, depth, pixel).
// The camera model is made a compile-time constant of the inner loop (a local copy whose type
// is set right before the inlined body), so the compiler drops the other models' branches.
template <CameraModelType kType, typename OnPoint>
void for_each_point_of_job(const ProjectionBatch& batch, size_t j, OnPoint& on_point) {
  const ProjectionJob& job = batch.jobs[j];
  const float* records = batch.points + batch.sweep_offsets[job.sweep] * batch.point_stride;
  const int stride = batch.point_stride;
  const CameraModelf cam_template = batch.cameras[job.camera];
  const Transform3f T = job.T_cam_sweep;
  parallel_for(batch.sweep_size(job.sweep), [&](int64_t begin, int64_t end) {
    CameraModelf cam = cam_template;
    cam.type = kType;
    for (int64_t i = begin; i < end; ++i) {
      float u, v, depth;
      int32_t pixel;
      project_record(cam, T, records + i * stride, u, v, depth, pixel);
      on_point(j, i, u, v, depth, pixel);
    }
  });
}

template <typename OnPoint>
void for_each_projected_point(const ProjectionBatch& batch, OnPoint&& on_point) {
  for (size_t j = 0; j < batch.jobs.size(); ++j) {
    switch (batch.cameras[batch.jobs[j].camera].type) {
      case CameraModelType::Pinhole: for_each_point_of_job<CameraModelType::Pinhole>(batch, j, on_point); break;
      case CameraModelType::BrownConrady: for_each_point_of_job<CameraModelType::BrownConrady>(batch, j, on_point); break;
      case CameraModelType::KittiRectified: for_each_point_of_job<CameraModelType::KittiRectified>(batch, j, on_point); break;
      case CameraModelType::Fisheye: for_each_point_of_job<CameraModelType::Fisheye>(batch, j, on_point); break;
    }
  }
}

// Lock-free minimum on a plain uint64_t (the GCC/Clang builtins are C++20's atomic_ref in
// C++17): the same final key as CUDA's atomicMin whatever the thread order, with no copy of
// the z-buffer into atomic objects and back.
void atomic_min(uint64_t* slot, uint64_t key) {
  uint64_t current = __atomic_load_n(slot, __ATOMIC_RELAXED);
  while (key < current &&
         !__atomic_compare_exchange_n(slot, &current, key, true, __ATOMIC_RELAXED, __ATOMIC_RELAXED)) {
  }
}

}  // namespace

void project_points(const ProjectionBatch& batch, const std::vector<int64_t>& out_offsets, ProjectedPoint* out) {
  for_each_projected_point(batch, [&](size_t j, int64_t i, float u, float v, float depth, int32_t pixel) {
    out[out_offsets[j] + i] = {u, v, depth, pixel};
  });
}

// keys arrives filled with kEmptyDepthKey.
void render_depth(const ProjectionBatch& batch, const std::vector<int64_t>& image_offsets, uint64_t* keys) {
  for_each_projected_point(batch, [&](size_t j, int64_t i, float, float, float depth, int32_t pixel) {
    if (pixel >= 0) atomic_min(keys + image_offsets[j] + pixel, make_depth_key(depth, static_cast<uint32_t>(i)));
  });
}

}  // namespace fuselabel::cpu
