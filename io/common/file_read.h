#pragma once
// Whole-file reads for the readers in io/: every failure becomes an InputError naming the
// file, so a reader never lets std::filesystem or stream errors escape.
#include <cstdint>
#include <filesystem>
#include <string>

namespace fuselabel {

// The bytes of `path`; throws InputError when it is missing, not a regular file, unreadable or
// larger than the file-size limit (input_limits.h).
std::string read_file_bytes(const std::filesystem::path& path);

// The first and the last bytes of a file, for checks that need only those (an image's header and
// its end marker) without reading megabytes per frame.
struct FileEnds {
  std::string head;  // the first min(size, head_bytes) bytes
  std::string tail;  // the last min(size, tail_bytes) bytes (overlapping head in a short file)
  int64_t size = 0;  // the whole file's size
};
// The same checks and InputErrors as read_file_bytes.
FileEnds read_file_ends(const std::filesystem::path& path, size_t head_bytes, size_t tail_bytes);

}  // namespace fuselabel
