#pragma once
// Whole-file reads for the readers in io/: every failure becomes an InputError naming the
// file, so a reader never lets std::filesystem or stream errors escape.
#include <filesystem>
#include <string>

namespace fuselabel {

// The bytes of `path`; throws InputError when it is missing, not a regular file or unreadable.
std::string read_file_bytes(const std::filesystem::path& path);

}  // namespace fuselabel
