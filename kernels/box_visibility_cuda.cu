// CUDA backend of box_visibility's numerator: the shared body, one thread per (job, member of
// its sweep), jobs along grid y as in project_points.
#include <algorithm>

#include "kernels/box_visibility_backends.h"
#include "kernels/box_visibility_impl.h"
#include "kernels/cuda_launch.h"
#include "kernels/projection_batch_cuda.h"

namespace fuselabel::cuda {
namespace {

constexpr int kThreads = 256;

struct DeviceMembership {
  const PointBox* members;
  const int64_t* member_begin;  // per sweep
  const int64_t* member_count;  // per sweep
  const int64_t* box_offsets;
};

__global__ void visible_points_kernel(DeviceProjectionBatch b, DeviceMembership m, const uint64_t* keys,
                                      const int64_t* image_offsets, const int64_t* out_offsets, int32_t* visible) {
  for (int j = blockIdx.y; j < b.num_jobs; j += gridDim.y) {
    const ProjectionJob job = b.jobs[j];
    const float* records = b.points + b.sweep_offsets[job.sweep] * b.stride;
    const PointBox* members = m.members + m.member_begin[job.sweep];
    const int64_t n = m.member_count[job.sweep], first_box = m.box_offsets[job.sweep];
    for (int64_t k = grid_first(); k < n; k += grid_step()) {
      const PointBox member = members[k];
      if (member_owns_pixel(b.cameras[job.camera], job.T_cam_sweep, records, b.stride, member, keys + image_offsets[j]))
        atomicAdd(visible + out_offsets[j] + (member.box - first_box), 1);
    }
  }
}

}  // namespace

void count_visible_points(Workspace& ws, const ProjectionBatch& batch, const View<uint64_t>& keys,
                          const std::vector<int64_t>& image_offsets, const FrameCuboids& cuboids,
                          const PointsInBoxesResult& membership, const std::vector<int64_t>& out_offsets,
                          int32_t* visible) {
  std::vector<int64_t> counts(cuboids.frames());
  int64_t largest = 0;
  for (int32_t f = 0; f < cuboids.frames(); ++f) largest = std::max(largest, counts[f] = membership.member_count(cuboids, f));
  if (batch.jobs.empty() || largest == 0 || out_offsets.back() == 0) return;
  const DeviceProjectionBatch d = on_device(ws, batch);
  const DeviceMembership m{on_device(ws, "box_visibility.members", membership.members),
                           upload(ws, "box_visibility.member_begin", membership.member_begin),
                           upload(ws, "box_visibility.member_count", counts),
                           upload(ws, "box_visibility.box_offsets", cuboids.offsets)};
  int32_t* d_visible = buffer<int32_t>(ws, "box_visibility.visible", out_offsets.back());
  fill_bytes(ws, d_visible, out_offsets.back(), 0);
  launch(visible_points_kernel, grid_for(largest, kThreads, d.num_jobs), kThreads, stream_of(ws), d, m,
         on_device(ws, "box_visibility.keys", keys), upload(ws, "box_visibility.image_offsets", image_offsets),
         upload(ws, "box_visibility.out_offsets", out_offsets), d_visible);
  download(ws, visible, d_visible, out_offsets.back());
  synchronize(ws);
}

}  // namespace fuselabel::cuda
