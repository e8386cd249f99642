#pragma once
// How a public op hands its work to a backend: FL_DISPATCH(device, fn(args...)) calls
// cpu::fn or cuda::fn, and in a build without the CUDA backend throws for Device::Cuda.
#include <stdexcept>
#include <string>

#include "kernels/device.h"

namespace fuselabel {

inline std::runtime_error cuda_backend_missing() {
  return std::runtime_error("this fuselabel build has no CUDA backend (configure with -DFUSELABEL_CUDA=ON)");
}
[[noreturn]] inline void throw_cuda_backend_missing() { throw cuda_backend_missing(); }

// CPU kernels read host memory only (a device view would be a wild pointer there).
inline void require_readable(Device device, Memory memory, const char* op) {
  if (device == Device::Cpu && memory == Memory::Device)
    throw std::invalid_argument(std::string(op) + ": the CPU backend was given a view of device memory");
}

}  // namespace fuselabel

#ifdef FUSELABEL_HAVE_CUDA
#define FL_DISPATCH(device, call) ((device) == ::fuselabel::Device::Cpu ? cpu::call : cuda::call)
#else
// A throw-expression, so the branch takes the type of cpu::call's result, whatever it is.
#define FL_DISPATCH(device, call) \
  ((device) == ::fuselabel::Device::Cpu ? cpu::call : throw ::fuselabel::cuda_backend_missing())
#endif
