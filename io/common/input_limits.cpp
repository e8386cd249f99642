#include "io/common/input_limits.h"

#include <cstdlib>
#include <optional>

#include "io/common/text_tokens.h"
#include "model/input_error.h"

namespace fuselabel {
namespace {

constexpr const char* kImageSide = "FUSELABEL_MAX_IMAGE_SIDE";
constexpr const char* kImagePixels = "FUSELABEL_MAX_IMAGE_PIXELS";
constexpr const char* kPoints = "FUSELABEL_MAX_POINTS_PER_SWEEP";
constexpr const char* kFileBytes = "FUSELABEL_MAX_FILE_BYTES";
constexpr const char* kLabels = "FUSELABEL_MAX_LABELS_PER_FILE";

void override_from_environment(const char* variable, int64_t& limit) {
  const char* text = std::getenv(variable);
  if (!text) return;
  const std::optional<int64_t> value = parse_integer<int64_t>(text);
  if (!value || *value <= 0)
    throw InputError("environment", variable, "expected a positive integer, got " + quote_token(text));
  limit = *value;
}

InputLimits limits_from_environment() {
  InputLimits limits;
  override_from_environment(kImageSide, limits.image_side);
  override_from_environment(kImagePixels, limits.image_pixels);
  override_from_environment(kPoints, limits.points_per_sweep);
  override_from_environment(kFileBytes, limits.file_bytes);
  override_from_environment(kLabels, limits.labels_per_file);
  return limits;
}

}  // namespace

const InputLimits& input_limits() {
  static const InputLimits limits = limits_from_environment();
  return limits;
}

void check_limit(int64_t value, int64_t limit, const char* variable, const std::string& what,
                 const std::filesystem::path& file, const std::string& field) {
  if (value <= limit) return;
  throw InputError(file, field,
                   what + " " + std::to_string(value) + " exceeds the limit of " + std::to_string(limit) +
                       " (raise it with " + variable + ")");
}

void check_image_size(int64_t width, int64_t height, const std::filesystem::path& file, const std::string& field) {
  const InputLimits& limits = input_limits();
  check_limit(width, limits.image_side, kImageSide, "image width", file, field);
  check_limit(height, limits.image_side, kImageSide, "image height", file, field);
  check_limit(width * height, limits.image_pixels, kImagePixels, "image pixels", file, field);
}

void check_point_count(int64_t points, const std::filesystem::path& file, const std::string& field) {
  check_limit(points, input_limits().points_per_sweep, kPoints, "points", file, field);
}

void check_label_count(int64_t labels, const std::filesystem::path& file, const std::string& field) {
  check_limit(labels, input_limits().labels_per_file, kLabels, "labels", file, field);
}

void check_file_size(int64_t bytes, const std::filesystem::path& file) {
  check_limit(bytes, input_limits().file_bytes, kFileBytes, "file size in bytes", file, "");
}

}  // namespace fuselabel
