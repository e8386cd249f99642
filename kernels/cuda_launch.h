#pragma once
// The one launch helper of the CUDA backends (CUDA translation units only): grid sizes, the
// grid-stride loop, jobs along grid y, and the launch check. A test build caps the grid
// (-DFUSELABEL_CUDA_TEST_MAX_BLOCKS=N) so small parity tests reach a second grid-stride
// iteration and a second row of the job loop.
#include <algorithm>
#include <cstdint>
#include <utility>

#include "kernels/cuda_check.h"

namespace fuselabel::cuda {

#ifdef FUSELABEL_CUDA_TEST_MAX_BLOCKS
constexpr int64_t kMaxBlocks = FUSELABEL_CUDA_TEST_MAX_BLOCKS;
constexpr int64_t kMaxJobRows = FUSELABEL_CUDA_TEST_MAX_BLOCKS;
#else
constexpr int64_t kMaxBlocks = int64_t{1} << 20;
constexpr int64_t kMaxJobRows = 65535;  // grid y limit
#endif

// Blocks along x covering n elements (at least one), and rows along y for `jobs` jobs.
inline dim3 grid_for(int64_t n, int threads, int64_t jobs = 1) {
  const int64_t x = std::clamp<int64_t>((n + threads - 1) / threads, 1, kMaxBlocks);
  const int64_t y = std::clamp<int64_t>(jobs, 1, kMaxJobRows);
  return dim3(static_cast<unsigned>(x), static_cast<unsigned>(y));
}

// for (int64_t i = grid_first(); i < n; i += grid_step()): every element once, any grid.
__device__ inline int64_t grid_first() { return blockIdx.x * int64_t{blockDim.x} + threadIdx.x; }
__device__ inline int64_t grid_step() { return int64_t{gridDim.x} * blockDim.x; }

// kernel<<<grid, threads, 0, stream>>>(args...), checked.
template <typename... Params, typename... Args>
void launch(void (*kernel)(Params...), dim3 grid, int threads, cudaStream_t stream, Args&&... args) {
  kernel<<<grid, threads, 0, stream>>>(std::forward<Args>(args)...);
  FL_CUDA_CHECK(cudaGetLastError());
}

}  // namespace fuselabel::cuda
