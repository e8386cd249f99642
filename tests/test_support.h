#pragma once
// Shared helpers for the test programs: data locations and the device parametrization.
#include <gtest/gtest.h>

#include <unistd.h>

#include <atomic>
#include <filesystem>
#include <fstream>
#include <iterator>
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

// Writes `text` to `path` byte for byte, creating the missing folders.
inline void write_text(const std::filesystem::path& path, const std::string& text) {
  if (path.has_parent_path()) std::filesystem::create_directories(path.parent_path());
  std::ofstream(path, std::ios::binary) << text;
}

// The bytes of `path` ("" when it cannot be read).
inline std::string read_text(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

// A fresh directory under the system temp dir, removed with everything in it at scope exit.
class TempDir {
 public:
  TempDir() {
    static std::atomic<int> counter{0};
    const auto* test = ::testing::UnitTest::GetInstance()->current_test_info();
    const std::string name = std::string("fuselabel-") + (test ? test->name() : "test") + "-" +
                             std::to_string(::getpid()) + "-" + std::to_string(counter++);
    path_ = std::filesystem::temp_directory_path() / name;
    std::filesystem::remove_all(path_);
    std::filesystem::create_directories(path_);
  }
  ~TempDir() {
    std::error_code ec;
    std::filesystem::remove_all(path_, ec);
  }
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;

  const std::filesystem::path& path() const { return path_; }
  std::filesystem::path operator/(const std::string& relative) const { return path_ / relative; }

 private:
  std::filesystem::path path_;
};


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
