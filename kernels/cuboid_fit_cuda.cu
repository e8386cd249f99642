// CUDA backend of cuboid_fit: one block per job (grid-stride over jobs), one thread per
// candidate (blocks loop over candidates in passes of kThreads), the job's points compensated
// once per tile into shared memory and read there by every thread at once (a broadcast).
// Compiled with --fmad=false, so every point's contribution equals the CPU backend's bit for
// bit, and integer sums make the totals equal too.
#include "kernels/cuboid_fit_backends.h"
#include "kernels/cuboid_fit_impl.h"
#include "kernels/cuda_launch.h"
#include "kernels/workspace_cuda.h"

namespace fuselabel::cuda {
namespace {

constexpr int kThreads = 256;  // candidates scored together
constexpr int kTile = 512;     // points per shared-memory tile

struct DeviceBatch {
  const float* points;
  int32_t stride, time_field;
  const CuboidFitJobFrame* jobs;
  int64_t job_count;
  const CuboidFitOffset* offsets;  // candidates, then the base at index `candidates`
  int32_t candidates;
  CuboidFitWeights weights;
};

__global__ void __launch_bounds__(kThreads) cuboid_fit_kernel(DeviceBatch b, CuboidFitQuanta* out, int64_t* scores) {
  __shared__ Vec3<float> tile[kTile];
  __shared__ int64_t best_score[kThreads];
  __shared__ int32_t best[kThreads], best_inside[kThreads];
  __shared__ int64_t base_score;
  __shared__ int32_t base_inside;
  const int tid = threadIdx.x;
  const int32_t per_job = b.candidates + 1;
  for (int64_t j = blockIdx.x; j < b.job_count; j += gridDim.x) {
    const CuboidFitJobFrame job = b.jobs[j];
    int64_t my_score = 0;
    int32_t my_best = -1, my_inside = 0;
    // Every thread runs every pass and tile (the barriers need them all); idle ones score nothing.
    for (int32_t c0 = 0; c0 < per_job; c0 += kThreads) {
      const int32_t c = c0 + tid;
      const bool active = c < per_job;
      const CuboidFitPose pose = cuboid_fit_pose(job, b.offsets[active ? c : 0]);
      int64_t score = 0;
      int32_t inside = 0;
      for (int64_t p0 = job.point_begin; p0 < job.point_end; p0 += kTile) {
        const int n = static_cast<int>(job.point_end - p0 < kTile ? job.point_end - p0 : kTile);
        __syncthreads();  // the previous tile has been read by all
        for (int k = tid; k < n; k += kThreads)
          tile[k] = cuboid_fit_offset(job, b.points + (p0 + k) * b.stride, b.time_field);
        __syncthreads();
        if (active)
          for (int k = 0; k < n; ++k) score += cuboid_fit_point(job, pose, b.weights, tile[k], inside);
      }
      if (!active) continue;
      if (scores && c < b.candidates) scores[j * b.candidates + c] = score;
      if (c == b.candidates) {
        base_score = score, base_inside = inside;
      } else if (cuboid_fit_better(score, c, my_score, my_best)) {
        my_score = score, my_best = c, my_inside = inside;
      }
    }
    // The block's best: a tree over the threads' bests (the order is total, so any tree agrees).
    best_score[tid] = my_score, best[tid] = my_best, best_inside[tid] = my_inside;
    __syncthreads();
    for (int s = kThreads / 2; s > 0; s >>= 1) {
      if (tid < s && cuboid_fit_better(best_score[tid + s], best[tid + s], best_score[tid], best[tid]))
        best_score[tid] = best_score[tid + s], best[tid] = best[tid + s], best_inside[tid] = best_inside[tid + s];
      __syncthreads();
    }
    if (tid == 0) out[j] = CuboidFitQuanta{best[0] < 0 ? 0 : best_score[0], base_score, best[0], best_inside[0], base_inside};
    __syncthreads();  // the next job reuses the shared state
  }
}

}  // namespace

void cuboid_fit(Workspace& ws, const CuboidFitBatch& batch, const CuboidFitPlan& plan, CuboidFitQuanta* out,
                int64_t* scores) {
  const int64_t jobs = static_cast<int64_t>(plan.jobs.size());
  const View<float> points{batch.points, plan.point_records * batch.point_stride, batch.points_memory};
  const DeviceBatch b{on_device(ws, "cuboid_fit.points", points), batch.point_stride, batch.time_field,
                      upload(ws, "cuboid_fit.jobs", plan.jobs), jobs, upload(ws, "cuboid_fit.offsets", plan.offsets),
                      plan.candidates, plan.weights};
  CuboidFitQuanta* d_out = buffer<CuboidFitQuanta>(ws, "cuboid_fit.out", jobs);
  const int64_t score_count = scores ? jobs * plan.candidates : 0;
  int64_t* d_scores = score_count ? buffer<int64_t>(ws, "cuboid_fit.scores", score_count) : nullptr;
  launch(cuboid_fit_kernel, grid_for(jobs * kThreads, kThreads), kThreads, stream_of(ws), b, d_out, d_scores);
  download(ws, out, d_out, jobs);
  if (d_scores) download(ws, scores, d_scores, score_count);
  synchronize(ws);
}

}  // namespace fuselabel::cuda
