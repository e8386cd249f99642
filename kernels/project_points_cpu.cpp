// CPU backend of project_points / render_depth: project_records (the SIMD body) over every
// point of every job, in one parallel loop.
#include <algorithm>

#include "kernels/cpu_parallel.h"
#include "kernels/project_points_backends.h"
#include "kernels/project_points_impl.h"
#include "kernels/project_records.h"
#include "kernels/segments.h"

namespace fuselabel::cpu {
namespace {

// All jobs' points as one range [0, job_offsets.back()): calls on_run(job, begin, end) for the
// points [begin, end) of a job's sweep, a chunk spanning several jobs giving one run per job.
template <typename OnRun>
void for_each_job_run(const ProjectionBatch& batch, const std::vector<int64_t>& job_offsets, OnRun&& on_run) {
  const int32_t jobs = static_cast<int32_t>(batch.jobs.size());
  parallel_for(job_offsets.back(), [&](int64_t begin, int64_t end) {
    for (int32_t j = segment_of(job_offsets.data(), jobs, begin); begin < end; ++j) {
      const int64_t stop = std::min(end, job_offsets[j + 1]), b = begin - job_offsets[j], e = stop - job_offsets[j];
      begin = stop;
      if (b < e) on_run(j, b, e);
    }
  });
}

// Projects points [begin, end) of job j's sweep into out.
void project_run(const ProjectionBatch& batch, int32_t j, int64_t begin, int64_t end, ProjectedPoint* out) {
  const ProjectionJob& job = batch.jobs[j];
  const float* records = batch.points + (batch.sweep_offsets[job.sweep] + begin) * batch.point_stride;
  project_records(batch.cameras[job.camera], job.T_cam_sweep, records, batch.point_stride, end - begin, out);
}

// Lock-free minimum on a plain uint64_t (the GCC/Clang builtins are C++20's atomic_ref in
// C++17): the same final key as CUDA's atomicMin whatever the thread order, with no copy of
// the z-buffer into atomic objects and back.
void atomic_min(uint64_t* slot, uint64_t key) {
  uint64_t current = __atomic_load_n(slot, __ATOMIC_RELAXED);
  while (key < current && !__atomic_compare_exchange_n(slot, &current, key, true, __ATOMIC_RELAXED, __ATOMIC_RELAXED)) {
  }
}

}  // namespace

void project_points(Workspace&, const ProjectionBatch& batch, const std::vector<int64_t>& job_offsets,
                    ProjectedPoint* out) {
  for_each_job_run(batch, job_offsets,
                   [&](int32_t j, int64_t b, int64_t e) { project_run(batch, j, b, e, out + job_offsets[j] + b); });
}

// keys arrives filled with kEmptyDepthKey. Points are projected a block at a time into a
// buffer small enough to stay in L1, then their keys go into the z-buffer.
View<uint64_t> render_depth(Workspace&, const ProjectionBatch& batch, const std::vector<int64_t>& job_offsets,
                            const std::vector<int64_t>& image_offsets, uint64_t* keys) {
  constexpr int64_t kBlock = 512;
  for_each_job_run(batch, job_offsets, [&](int32_t j, int64_t b, int64_t e) {
    ProjectedPoint projected[kBlock];
    uint64_t* image = keys + image_offsets[j];
    for (int64_t first = b; first < e; first += kBlock) {
      const int64_t n = std::min(kBlock, e - first);
      project_run(batch, j, first, first + n, projected);
      for (int64_t k = 0; k < n; ++k)
        if (projected[k].pixel >= 0)
          atomic_min(image + projected[k].pixel, make_depth_key(projected[k].depth, static_cast<uint32_t>(first + k)));
    }
  });
  return {keys, image_offsets.back(), Memory::Host};
}

}  // namespace fuselabel::cpu
