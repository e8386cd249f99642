#pragma once
// Limits on what an input may claim (docs/formats.md, "Limits"). Every reader checks sizes and
// counts against these before it allocates, so a hostile header ("WIDTH 4294967295", a PNG of
// 100000 x 100000) is bad input naming file, field and limit, never an out-of-memory. Each
// limit is raised (or lowered) with its environment variable, read once per process.
#include <cstdint>
#include <filesystem>
#include <string>

namespace fuselabel {

struct InputLimits {
  int64_t image_side = 16384;               // FUSELABEL_MAX_IMAGE_SIDE: camera or image width, height
  int64_t image_pixels = 64'000'000;        // FUSELABEL_MAX_IMAGE_PIXELS: width x height
  int64_t points_per_sweep = 50'000'000;    // FUSELABEL_MAX_POINTS_PER_SWEEP: LiDAR or radar points in one file
  int64_t file_bytes = int64_t{4} << 30;    // FUSELABEL_MAX_FILE_BYTES: any one input file
  int64_t labels_per_file = 10'000'000;     // FUSELABEL_MAX_LABELS_PER_FILE: label rows, table records
};

// The limits of this process: the defaults above, each replaced by its environment variable when
// set. A variable that is not a positive integer is an InputError naming it.
const InputLimits& input_limits();

// Throws InputError(file, field, "... exceeds the limit of N (FUSELABEL_MAX_...)") when
// value > limit; `what` names the quantity ("image width", "points").
void check_limit(int64_t value, int64_t limit, const char* variable, const std::string& what,
                 const std::filesystem::path& file, const std::string& field);

// The named checks every reader uses.
void check_image_size(int64_t width, int64_t height, const std::filesystem::path& file, const std::string& field);
void check_point_count(int64_t points, const std::filesystem::path& file, const std::string& field);
void check_label_count(int64_t labels, const std::filesystem::path& file, const std::string& field);
void check_file_size(int64_t bytes, const std::filesystem::path& file);

}  // namespace fuselabel
