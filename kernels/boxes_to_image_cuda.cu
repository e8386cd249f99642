// CUDA backend of boxes_to_image: the shared body, one thread per (job, cuboid of its frame).
#include "kernels/boxes_to_image_backends.h"
#include "kernels/boxes_to_image_impl.h"
#include "kernels/cuda_launch.h"
#include "kernels/segments.h"
#include "kernels/workspace_cuda.h"

namespace fuselabel::cuda {
namespace {

// Each thread keeps two silhouette buffers of ~200 double points in local memory; fewer
// threads per block keep more blocks resident.
constexpr int kThreads = 128;

__global__ void boxes_to_image_kernel(const BoxImageJob* jobs, int32_t num_jobs, const CameraModeld* cameras,
                                      const int64_t* box_offsets, const Vec3<double>* corners,
                                      const int64_t* out_offsets, ImageBox* out) {
  const int64_t total = out_offsets[num_jobs];
  for (int64_t k = grid_first(); k < total; k += grid_step()) {
    const int32_t j = segment_of(out_offsets, num_jobs, k);
    const BoxImageJob& job = jobs[j];
    out[k] = cuboid_in_image(cameras[job.camera], job.T_cam_frame, corners + 8 * (box_offsets[job.frame] + k - out_offsets[j]));
  }
}

}  // namespace

void boxes_to_image(Workspace& ws, const BoxesToImageBatch& batch, const std::vector<Vec3<double>>& corners,
                    const std::vector<int64_t>& out_offsets, ImageBox* out) {
  const int64_t total = out_offsets.back();
  if (total == 0) return;
  ImageBox* d_out = buffer<ImageBox>(ws, "boxes_to_image.out", total);
  launch(boxes_to_image_kernel, grid_for(total, kThreads), kThreads, stream_of(ws),
         upload(ws, "boxes_to_image.jobs", batch.jobs), static_cast<int32_t>(batch.jobs.size()),
         upload(ws, "boxes_to_image.cameras", batch.cameras), upload(ws, "boxes_to_image.box_offsets", batch.cuboids.offsets),
         upload(ws, "boxes_to_image.corners", corners), upload(ws, "boxes_to_image.out_offsets", out_offsets), d_out);
  download(ws, out, d_out, total);
  synchronize(ws);
}

}  // namespace fuselabel::cuda
