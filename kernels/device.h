#pragma once
// Run-time choice of the backend that executes a kernel.
#include <string>

namespace fuselabel {

enum class Device { Cpu, Cuda };

// True when this build has the CUDA backend and a CUDA device is usable.
bool cuda_device_available();
// "cpu", "cuda" or "auto" (CUDA when available, else CPU). Throws std::invalid_argument for
// other names and std::runtime_error when "cuda" is asked of a build or machine without it.
Device parse_device(const std::string& name);
const char* device_name(Device device);

}  // namespace fuselabel
