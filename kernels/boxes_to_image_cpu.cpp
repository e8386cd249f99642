// CPU backend of boxes_to_image: the shared body in a parallel loop over every job's cuboids.
#include "kernels/boxes_to_image_backends.h"
#include "kernels/boxes_to_image_impl.h"
#include "kernels/cpu_parallel.h"
#include "kernels/segments.h"

namespace fuselabel::cpu {

void boxes_to_image(Workspace&, const BoxesToImageBatch& batch, const std::vector<Vec3<double>>& corners,
                    const std::vector<int64_t>& out_offsets, ImageBox* out) {
  const int32_t jobs = static_cast<int32_t>(batch.jobs.size());
  // Each element hull-clips up to 200 projected samples: worth a thread from a few hundred on.
  parallel_for(out_offsets.back(), [&](int64_t begin, int64_t end) {
    int32_t j = segment_of(out_offsets.data(), jobs, begin);
    for (int64_t k = begin; k < end; ++k) {
      while (k >= out_offsets[j + 1]) ++j;
      const BoxImageJob& job = batch.jobs[j];
      const int64_t box = batch.cuboids.offsets[job.frame] + (k - out_offsets[j]);
      out[k] = cuboid_in_image(batch.cameras[job.camera], job.T_cam_frame, &corners[8 * box]);
    }
  }, 256);
}

}  // namespace fuselabel::cpu
