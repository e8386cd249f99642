#pragma once
// Outputs are written to a temporary name beside the target and renamed into place, so an
// interrupted run never leaves a half-written file and never clobbers an input midway.
#include <filesystem>
#include <string_view>

namespace fuselabel {

// Writes bytes to `path` atomically (temporary file in the same directory, flushed, renamed).
// Creates missing parent directories. Throws std::runtime_error naming the path on failure.
void write_file_atomic(const std::filesystem::path& path, std::string_view bytes);

}  // namespace fuselabel
