#include "io/common/atomic_file.h"

#include <unistd.h>

#include <atomic>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <stdexcept>
#include <string>

namespace fuselabel {

void write_file_atomic(const std::filesystem::path& path, std::string_view bytes) {
  namespace fs = std::filesystem;
  auto fail = [&](const std::string& what) {
    throw std::runtime_error("cannot write " + path.string() + ": " + what + ": " + std::strerror(errno));
  };
  if (path.has_parent_path()) fs::create_directories(path.parent_path());
  // Unique per process and per call, so concurrent writers of one target never share a temp.
  static std::atomic<uint64_t> counter{0};
  const fs::path tmp = path.string() + ".tmp-" + std::to_string(::getpid()) + "-" + std::to_string(counter++);
  FILE* f = std::fopen(tmp.c_str(), "wb");
  if (!f) fail("open " + tmp.string());
  const bool written = bytes.empty() || std::fwrite(bytes.data(), 1, bytes.size(), f) == bytes.size();
  const bool flushed = std::fflush(f) == 0 && ::fsync(::fileno(f)) == 0;
  if (std::fclose(f) != 0 || !written || !flushed) {
    std::remove(tmp.c_str());
    fail("write " + tmp.string());
  }
  if (std::rename(tmp.c_str(), path.c_str()) != 0) {
    std::remove(tmp.c_str());
    fail("rename " + tmp.string());
  }
}

}  // namespace fuselabel
