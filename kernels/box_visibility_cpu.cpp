// CPU backend of box_visibility's numerator: the shared body in a parallel loop over every
// job's sweep.
#include "kernels/box_visibility_backends.h"
#include "kernels/box_visibility_impl.h"
#include "kernels/cpu_parallel.h"

namespace fuselabel::cpu {

void count_visible_points(const ProjectionBatch& batch, const uint64_t* keys, const std::vector<int64_t>& image_offsets,
                          const FrameCuboids& cuboids, const BoxIndex& index, const std::vector<int64_t>& out_offsets,
                          int32_t* visible) {
  const BoxIndexView view = host_view(index);
  for (size_t j = 0; j < batch.jobs.size(); ++j) {
    const ProjectionJob& job = batch.jobs[j];
    const float* records = batch.points + batch.sweep_offsets[job.sweep] * batch.point_stride;
    const int64_t first_box = cuboids.offsets[job.sweep];
    int32_t* job_visible = visible + out_offsets[j];
    parallel_for(batch.sweep_size(job.sweep), [&](int64_t begin, int64_t end) {
      std::vector<int32_t> counts(out_offsets[j + 1] - out_offsets[j], 0);
      for (int64_t i = begin; i < end; ++i)
        credit_visible_point(batch.cameras[job.camera], job.T_cam_sweep, records + i * batch.point_stride,
                             static_cast<uint32_t>(i), keys + image_offsets[j], view, job.sweep,
                             [&](int32_t b) { ++counts[b - first_box]; });
      for (size_t k = 0; k < counts.size(); ++k)
        if (counts[k] > 0) __atomic_fetch_add(job_visible + k, counts[k], __ATOMIC_RELAXED);
    });
  }
}

}  // namespace fuselabel::cpu
