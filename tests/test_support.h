#pragma once
// Shared helpers for the test programs: data locations and the device parametrization.
#include <gtest/gtest.h>

#include <unistd.h>

#include <atomic>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <mutex>
#include <set>
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
// The TempDirs alive in this process (a death test's child ends with _exit, which runs no
// destructor: it removes them with remove_live_temp_dirs first).
struct LiveTempDirs {
  std::mutex mutex;
  std::set<std::filesystem::path> dirs;
};
inline LiveTempDirs& live_temp_dirs() {
  static LiveTempDirs* live = new LiveTempDirs;  // never destroyed: static TempDirs outlive any local static
  return *live;
}
inline void remove_live_temp_dirs() {
  LiveTempDirs& live = live_temp_dirs();
  const std::lock_guard<std::mutex> lock(live.mutex);
  std::error_code ec;
  for (const std::filesystem::path& dir : live.dirs) std::filesystem::remove_all(dir, ec);
  live.dirs.clear();
}

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
    const std::lock_guard<std::mutex> lock(live_temp_dirs().mutex);
    live_temp_dirs().dirs.insert(path_);
  }
  ~TempDir() {
    std::error_code ec;
    std::filesystem::remove_all(path_, ec);
    const std::lock_guard<std::mutex> lock(live_temp_dirs().mutex);
    live_temp_dirs().dirs.erase(path_);
  }
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;

  const std::filesystem::path& path() const { return path_; }
  std::filesystem::path operator/(const std::string& relative) const { return path_ / relative; }

 private:
  std::filesystem::path path_;
};


// The one place a device-parametrized test decides about CUDA: without a usable device it
// skips, unless FUSELABEL_REQUIRE_CUDA=1 is set (scripts/device-check.sh, a GPU CI job), where
// it fails naming cudaGetDeviceCount's answer -- a broken driver must not pass as "skipped".
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

// Fixture base for device-parametrized tests: every case runs on the CPU and on CUDA (skipped,
// or failed under FUSELABEL_REQUIRE_CUDA=1, without a device).
class DeviceTest : public ::testing::TestWithParam<Device> {
 protected:
  void SetUp() override {
    if (GetParam() == Device::Cuda) FL_REQUIRE_CUDA_OR_SKIP();
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
