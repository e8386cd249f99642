#include "kernels/device.h"

#include <stdexcept>

namespace fuselabel {

#ifdef FUSELABEL_HAVE_CUDA
namespace cuda {
std::string device_status(bool& present);
std::string device_name();
}
bool cuda_device_available() {
  static const bool present = [] {
    bool p = false;
    cuda::device_status(p);
    return p;
  }();
  return present;
}
std::string cuda_device_status() {
  bool present = false;
  return cuda::device_status(present);
}
std::string cuda_device_name() { return cuda_device_available() ? cuda::device_name() : std::string(); }
#else
bool cuda_device_available() { return false; }
std::string cuda_device_status() { return "no CUDA backend in this build"; }
std::string cuda_device_name() { return ""; }
#endif

Device parse_device(const std::string& name) {
  if (name == "cpu") return Device::Cpu;
  if (name == "auto") return cuda_device_available() ? Device::Cuda : Device::Cpu;
  if (name == "cuda") {
    if (!cuda_device_available())
      throw std::runtime_error("--device cuda: no usable CUDA device (or this build has no CUDA backend)");
    return Device::Cuda;
  }
  throw std::invalid_argument("unknown device '" + name + "' (expected auto, cpu or cuda)");
}

const char* device_name(Device device) { return device == Device::Cpu ? "cpu" : "cuda"; }

}  // namespace fuselabel
