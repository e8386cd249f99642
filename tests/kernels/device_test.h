#pragma once
// The one place a device-parametrized test decides about CUDA: without a usable device it
// skips, unless FUSELABEL_REQUIRE_CUDA=1 is set (scripts/device-check.sh, a GPU CI job), where
// it fails naming cudaGetDeviceCount's answer -- a broken driver must not pass as "skipped".
#include <gtest/gtest.h>

#include <cstdlib>
#include <cstring>

#include "kernels/device.h"
#include "test_support.h"

namespace fuselabel::testing {

inline bool cuda_required() {
  const char* value = std::getenv("FUSELABEL_REQUIRE_CUDA");
  return value && std::strcmp(value, "1") == 0;
}

// In a test body or SetUp: returns from it (skipped or failed) when CUDA is not usable.
#define FL_REQUIRE_CUDA_OR_SKIP()                                                                      \
  do {                                                                                                 \
    if (!::fuselabel::cuda_device_available()) {                                                       \
      if (::fuselabel::testing::cuda_required())                                                       \
        FAIL() << "FUSELABEL_REQUIRE_CUDA=1 but CUDA is not usable: " << ::fuselabel::cuda_device_status(); \
      GTEST_SKIP() << "no CUDA device (" << ::fuselabel::cuda_device_status() << ")";                  \
    }                                                                                                  \
  } while (0)

// Fixture base for kernel tests: every case runs on the CPU and on CUDA (skipped or failed as
// FL_REQUIRE_CUDA_OR_SKIP says).
class DeviceParamTest : public ::testing::TestWithParam<Device> {
 protected:
  void SetUp() override {
    if (GetParam() == Device::Cuda) FL_REQUIRE_CUDA_OR_SKIP();
  }
};

}  // namespace fuselabel::testing
