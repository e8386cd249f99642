#pragma once
// What a kernel's dispatcher does when asked for CUDA in a build without the CUDA backend.
#include <stdexcept>

namespace fuselabel {

[[noreturn]] inline void throw_cuda_backend_missing() {
  throw std::runtime_error("this fuselabel build has no CUDA backend (configure with -DFUSELABEL_CUDA=ON)");
}

}  // namespace fuselabel
