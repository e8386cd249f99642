// CPU backend of box_visibility's numerator: the shared body in one parallel loop over every
// job's members (the points of its sweep that lie in cuboids).
#include "kernels/box_visibility_backends.h"
#include "kernels/box_visibility_impl.h"
#include <algorithm>

#include "kernels/cpu_parallel.h"
#include "kernels/segments.h"

namespace fuselabel::cpu {

void count_visible_points(Workspace&, const ProjectionBatch& batch, const View<uint64_t>& keys,
                          const std::vector<int64_t>& image_offsets, const FrameCuboids& cuboids,
                          const PointsInBoxesResult& membership, const std::vector<int64_t>& out_offsets,
                          int32_t* visible) {
  const int32_t jobs = static_cast<int32_t>(batch.jobs.size());
  std::vector<int64_t> job_members(jobs + 1, 0);
  for (int32_t j = 0; j < jobs; ++j)
    job_members[j + 1] = job_members[j] + membership.member_count(cuboids, batch.jobs[j].sweep);
  parallel_for(job_members.back(), [&](int64_t begin, int64_t end) {
    // Counts of the chunk's jobs' boxes, added to the shared ones once per chunk.
    const int32_t j0 = segment_of(job_members.data(), jobs, begin);
    const int32_t j1 = segment_of(job_members.data(), jobs, end - 1);
    std::vector<int32_t> counts(out_offsets[j1 + 1] - out_offsets[j0], 0);
    for (int32_t j = j0; j <= j1; ++j) {
      const ProjectionJob& job = batch.jobs[j];
      const float* records = batch.points + batch.sweep_offsets[job.sweep] * batch.point_stride;
      const PointBox* members = membership.members.data + membership.member_begin[job.sweep];
      const int64_t first_box = cuboids.offsets[job.sweep], out = out_offsets[j] - out_offsets[j0];
      const int64_t lo = std::max(begin, job_members[j]), hi = std::min(end, job_members[j + 1]);
      for (int64_t k = lo; k < hi; ++k) {
        const PointBox m = members[k - job_members[j]];
        if (member_owns_pixel(batch.cameras[job.camera], job.T_cam_sweep, records, batch.point_stride, m,
                              keys.data + image_offsets[j]))
          ++counts[out + m.box - first_box];
      }
    }
    for (size_t k = 0; k < counts.size(); ++k)
      if (counts[k] > 0) __atomic_fetch_add(visible + out_offsets[j0] + k, counts[k], __ATOMIC_RELAXED);
  }, 4096);
}

}  // namespace fuselabel::cpu
