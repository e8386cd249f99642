#include "kernels/cuda_check.h"

namespace fuselabel::cuda {

// A driver without a device (as on CI) answers with an error rather than a count: both mean
// "no CUDA here".
bool device_present() {
  int count = 0;
  return cudaGetDeviceCount(&count) == cudaSuccess && count > 0;
}

}  // namespace fuselabel::cuda
