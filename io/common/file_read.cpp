#include "io/common/file_read.h"

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <memory>
#include <system_error>

#include "io/common/input_limits.h"
#include "model/input_error.h"

namespace fuselabel {

std::string read_file_bytes(const std::filesystem::path& path) {
  namespace fs = std::filesystem;
  std::error_code ec;
  const fs::file_status status = fs::status(path, ec);
  if (!fs::exists(status)) throw InputError(path, "", "no such file");
  if (!fs::is_regular_file(status)) throw InputError(path, "", "not a regular file");
  const uintmax_t size = fs::file_size(path, ec);
  if (!ec) check_file_size(static_cast<int64_t>(size), path);

  const std::unique_ptr<FILE, int (*)(FILE*)> file(std::fopen(path.c_str(), "rb"), &std::fclose);
  if (!file) throw InputError(path, "", std::string("cannot open: ") + std::strerror(errno));
  std::string bytes;
  if (!ec) bytes.reserve(size);
  char chunk[1 << 16];
  size_t n;
  while ((n = std::fread(chunk, 1, sizeof chunk, file.get())) > 0) bytes.append(chunk, n);
  if (std::ferror(file.get())) throw InputError(path, "", std::string("read failed: ") + std::strerror(errno));
  return bytes;
}

}  // namespace fuselabel
