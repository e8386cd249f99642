#include "io/common/file_read.h"

#include <algorithm>
#include <cerrno>
#include <cstdint>
#include <cstdio>
#include <cstring>
#include <memory>
#include <system_error>

#include "io/common/input_limits.h"
#include "model/input_error.h"

namespace fuselabel {
namespace {

using UniqueFile = std::unique_ptr<FILE, int (*)(FILE*)>;

// Opens `path` for reading after the checks every read shares; `size` is its size, or -1 when
// the file system cannot tell (a pipe-like special file has been rejected already).
UniqueFile open_checked(const std::filesystem::path& path, int64_t& size) {
  namespace fs = std::filesystem;
  std::error_code ec;
  const fs::file_status status = fs::status(path, ec);
  if (!fs::exists(status)) throw InputError(path, "", "no such file");
  if (!fs::is_regular_file(status)) throw InputError(path, "", "not a regular file");
  const uintmax_t bytes = fs::file_size(path, ec);
  size = ec ? -1 : static_cast<int64_t>(bytes);
  if (size >= 0) check_file_size(size, path);
  UniqueFile file(std::fopen(path.c_str(), "rb"), &std::fclose);
  if (!file) throw InputError(path, "", std::string("cannot open: ") + std::strerror(errno));
  return file;
}

// Appends up to `limit` bytes from the file's current position.
void append_from(FILE* file, const std::filesystem::path& path, std::string& bytes, size_t limit) {
  char chunk[1 << 16];
  size_t n;
  while (limit > 0 && (n = std::fread(chunk, 1, std::min(sizeof chunk, limit), file)) > 0) {
    bytes.append(chunk, n);
    limit -= n;
  }
  if (std::ferror(file)) throw InputError(path, "", std::string("read failed: ") + std::strerror(errno));
}

}  // namespace

std::string read_file_bytes(const std::filesystem::path& path) {
  int64_t size = 0;
  const UniqueFile file = open_checked(path, size);
  std::string bytes;
  if (size >= 0) bytes.reserve(static_cast<size_t>(size));
  append_from(file.get(), path, bytes, SIZE_MAX);
  return bytes;
}

FileEnds read_file_ends(const std::filesystem::path& path, size_t head_bytes, size_t tail_bytes) {
  FileEnds ends;
  const UniqueFile file = open_checked(path, ends.size);
  if (ends.size < 0) {  // size unknown: read it all and cut
    const std::string bytes = read_file_bytes(path);
    ends.size = static_cast<int64_t>(bytes.size());
    ends.head = bytes.substr(0, head_bytes);
    ends.tail = bytes.substr(bytes.size() - std::min(bytes.size(), tail_bytes));
    return ends;
  }
  append_from(file.get(), path, ends.head, head_bytes);
  const int64_t tail_start = std::max<int64_t>(0, ends.size - static_cast<int64_t>(tail_bytes));
  if (std::fseek(file.get(), static_cast<long>(tail_start), SEEK_SET) != 0)
    throw InputError(path, "", std::string("seek failed: ") + std::strerror(errno));
  append_from(file.get(), path, ends.tail, tail_bytes);
  return ends;
}

}  // namespace fuselabel
