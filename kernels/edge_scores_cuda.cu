// CUDA backend of score_edge_candidates: one block per (view, candidate) pair, its threads
// striding over the view's edges, summed in double and reduced in shared memory in a fixed
// order (deterministic for the block size).
#include "kernels/cuda_launch.h"
#include "kernels/edge_scores_backends.h"
#include "kernels/edge_scores_impl.h"
#include "kernels/workspace_cuda.h"

namespace fuselabel::cuda {
namespace {

constexpr int kThreads = 256;

struct DeviceEdgeScoreBatch {
  const float* edges;
  const int64_t* edge_offsets;
  const float* maps;
  const int64_t* map_offsets;
  const int32_t* view_camera;
  const CameraModelf* cameras;
  const Transform3f* candidates;
  int64_t views, candidate_count;
};

__global__ void edge_scores_kernel(DeviceEdgeScoreBatch b, double* out) {
  __shared__ double partial[kThreads];
  for (int64_t k = blockIdx.x; k < b.views * b.candidate_count; k += gridDim.x) {
    const int64_t v = k / b.candidate_count;
    const int64_t first = b.edge_offsets[v], n = b.edge_offsets[v + 1] - first;
    const CameraModelf cam = b.cameras[b.view_camera[v]];
    const Transform3f T = b.candidates[k % b.candidate_count];
    const float* map = b.maps + b.map_offsets[v];
    double sum = 0;
    for (int64_t i = threadIdx.x; i < n; i += blockDim.x) sum += edge_score(cam, T, b.edges + 3 * (first + i), map);
    partial[threadIdx.x] = sum;
    __syncthreads();
    for (int half = blockDim.x / 2; half > 0; half /= 2) {
      if (threadIdx.x < half) partial[threadIdx.x] += partial[threadIdx.x + half];
      __syncthreads();
    }
    if (threadIdx.x == 0) out[k] = n > 0 ? partial[0] / double(n) : 0.0;
    __syncthreads();  // partial is reused by the block's next pair
  }
}

}  // namespace

void score_edge_candidates(Workspace& ws, const EdgeScoreBatch& b, double* out) {
  const int64_t pairs = b.views() * int64_t(b.candidates.size());
  DeviceEdgeScoreBatch d{upload(ws, "edge_scores.edges", b.edges),
                         upload(ws, "edge_scores.edge_offsets", b.edge_offsets),
                         upload(ws, "edge_scores.maps", b.maps),
                         upload(ws, "edge_scores.map_offsets", b.map_offsets),
                         upload(ws, "edge_scores.view_camera", b.view_camera),
                         upload(ws, "edge_scores.cameras", b.cameras),
                         upload(ws, "edge_scores.candidates", b.candidates),
                         b.views(),
                         int64_t(b.candidates.size())};
  double* d_out = buffer<double>(ws, "edge_scores.out", pairs);
  launch(edge_scores_kernel, dim3(unsigned(std::min<int64_t>(pairs, kMaxBlocks))), kThreads, stream_of(ws), d, d_out);
  download(ws, out, d_out, pairs);
  synchronize(ws);
}

}  // namespace fuselabel::cuda
