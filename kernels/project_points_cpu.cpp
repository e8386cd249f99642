// CPU backend of project_points / render_depth: the shared body in one parallel loop over
// every point of every job.
#include <algorithm>

#include "kernels/cpu_parallel.h"
#include "kernels/project_points_backends.h"
#include "kernels/project_points_impl.h"
#include "kernels/segments.h"

namespace fuselabel::cpu {
namespace {

// Runs the shared body on points [begin, end) of job j's sweep; hands each result to
// on_point(job, point index within the sweep, u, v, depth, pixel).
// The camera model is made a compile-time constant of the inner loop (a local copy whose type
// is set right before the inlined body), so the compiler drops the other models' branches;
// kAnyModel keeps the camera's own type (models without a specialised loop).
constexpr int kAnyModel = -1;
template <int kType, typename OnPoint>
void project_range(const ProjectionBatch& batch, int32_t j, int64_t begin, int64_t end, OnPoint& on_point) {
  const ProjectionJob& job = batch.jobs[j];
  const float* records = batch.points + batch.sweep_offsets[job.sweep] * batch.point_stride;
  const int stride = batch.point_stride;
  CameraModelf cam = batch.cameras[job.camera];
  if (kType != kAnyModel) cam.type = static_cast<CameraModelType>(kType);
  const Transform3f T = job.T_cam_sweep;
  for (int64_t i = begin; i < end; ++i) {
    float u, v, depth;
    int32_t pixel;
    project_record(cam, T, records + i * stride, u, v, depth, pixel);
    on_point(j, i, u, v, depth, pixel);
  }
}

// All jobs' points as one range [0, job_offsets.back()): a chunk may span several jobs.
template <typename OnPoint>
void for_each_projected_point(const ProjectionBatch& batch, const std::vector<int64_t>& job_offsets,
                              OnPoint&& on_point) {
  const int32_t jobs = static_cast<int32_t>(batch.jobs.size());
  parallel_for(job_offsets.back(), [&](int64_t begin, int64_t end) {
    for (int32_t j = segment_of(job_offsets.data(), jobs, begin); begin < end; ++j) {
      const int64_t stop = std::min(end, job_offsets[j + 1]), b = begin - job_offsets[j], e = stop - job_offsets[j];
      begin = stop;
      if (b == e) continue;
      using T = CameraModelType;
      switch (batch.cameras[batch.jobs[j].camera].type) {
        case T::Pinhole: project_range<static_cast<int>(T::Pinhole)>(batch, j, b, e, on_point); break;
        case T::BrownConrady: project_range<static_cast<int>(T::BrownConrady)>(batch, j, b, e, on_point); break;
        case T::KittiRectified: project_range<static_cast<int>(T::KittiRectified)>(batch, j, b, e, on_point); break;
        case T::Fisheye: project_range<static_cast<int>(T::Fisheye)>(batch, j, b, e, on_point); break;
        case T::Mei: project_range<static_cast<int>(T::Mei)>(batch, j, b, e, on_point); break;
        default: project_range<kAnyModel>(batch, j, b, e, on_point); break;
      }
    }
  });
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

void project_points(Workspace&, const ProjectionBatch& batch, const std::vector<int64_t>& job_offsets,
                    ProjectedPoint* out) {
  for_each_projected_point(batch, job_offsets, [&](int32_t j, int64_t i, float u, float v, float depth, int32_t pixel) {
    out[job_offsets[j] + i] = {u, v, depth, pixel};
  });
}

// keys arrives filled with kEmptyDepthKey.
View<uint64_t> render_depth(Workspace&, const ProjectionBatch& batch, const std::vector<int64_t>& job_offsets,
                            const std::vector<int64_t>& image_offsets, uint64_t* keys) {
  for_each_projected_point(batch, job_offsets, [&](int32_t j, int64_t i, float, float, float depth, int32_t pixel) {
    if (pixel >= 0) atomic_min(keys + image_offsets[j] + pixel, make_depth_key(depth, static_cast<uint32_t>(i)));
  });
  return {keys, image_offsets.back(), Memory::Host};
}

}  // namespace fuselabel::cpu
