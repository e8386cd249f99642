#pragma once
// Shared helpers for the test programs: data locations and the device parametrization.
#include <gtest/gtest.h>

#include <filesystem>
#include <string>

#include "kernels/device.h"

namespace fuselabel::testing {

// ../shared/data beside the checkout; tests that need it skip when it is absent.
inline std::filesystem::path shared_data(const std::string& relative) {
  return std::filesystem::path(FUSELABEL_SHARED_DATA) / relative;
}

#define FL_REQUIRE_SHARED_DATA(relative)                                                  \
  do {                                                                                    \
    if (!std::filesystem::exists(::fuselabel::testing::shared_data(relative)))           \
      GTEST_SKIP() << "shared data not present: " << ::fuselabel::testing::shared_data(relative); \
  } while (0)

inline std::filesystem::path source_dir() { return FUSELABEL_SOURCE_DIR; }

// Fixture base for kernel tests: every case runs on the CPU and, when a device is present,
// on CUDA.
class DeviceTest : public ::testing::TestWithParam<Device> {
 protected:
  void SetUp() override {
    if (GetParam() == Device::Cuda && !cuda_device_available()) GTEST_SKIP() << "no CUDA device";
  }
};

inline std::string device_param_name(const ::testing::TestParamInfo<Device>& info) {
  return device_name(info.param);
}

#define FL_INSTANTIATE_DEVICE_TEST(fixture)                                                   \
  INSTANTIATE_TEST_SUITE_P(Devices, fixture,                                                 \
                           ::testing::Values(::fuselabel::Device::Cpu, ::fuselabel::Device::Cuda), \
                           ::fuselabel::testing::device_param_name)

}  // namespace fuselabel::testing
