#include <string>

#include "kernels/cuda_check.h"

namespace fuselabel::cuda {

// A driver without a device (as on CI) answers with an error rather than a count: both mean
// "no CUDA here". The error is cleared so it is not reported by a later, unrelated check.
std::string device_status(bool& present) {
  int count = 0;
  const cudaError_t err = cudaGetDeviceCount(&count);
  present = err == cudaSuccess && count > 0;
  if (err != cudaSuccess) {
    cudaGetLastError();
    return std::string("cudaGetDeviceCount: ") + cudaGetErrorName(err) + " (" + cudaGetErrorString(err) + ")";
  }
  return "cudaGetDeviceCount: " + std::to_string(count) + " device(s)";
}

std::string device_name() {
  cudaDeviceProp properties{};
  FL_CUDA_CHECK(cudaGetDeviceProperties(&properties, 0));
  return properties.name;
}

}  // namespace fuselabel::cuda
