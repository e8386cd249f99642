#pragma once
// Run-time choice of the backend that executes a kernel, and views of memory on either side.
#include <cstdint>
#include <string>

namespace fuselabel {

enum class Device { Cpu, Cuda };
// Where the memory behind a view lives. CPU kernels read Host views only; CUDA kernels read
// Device views in place and upload Host views into their workspace.
enum class Memory { Host, Device };

// count elements of T at data, not owned.
template <typename T>
struct View {
  const T* data = nullptr;
  int64_t count = 0;
  Memory memory = Memory::Host;
};

// True when this build has the CUDA backend and a CUDA device is usable.
bool cuda_device_available();
// Why CUDA is (not) usable: "N device(s)", the cudaGetDeviceCount error name and text, or
// "no CUDA backend in this build".
std::string cuda_device_status();
// The name of CUDA device 0 ("NVIDIA H200"), or "" when none is usable.
std::string cuda_device_name();
// "cpu", "cuda" or "auto" (CUDA when available, else CPU). Throws std::invalid_argument for
// other names and std::runtime_error when "cuda" is asked of a build or machine without it.
Device parse_device(const std::string& name);
const char* device_name(Device device);

}  // namespace fuselabel
