#include "io/common/image_io.h"

#include <algorithm>
#include <cctype>
#include <limits>
#include <optional>
#include <opencv2/imgcodecs.hpp>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include "io/common/atomic_file.h"
#include "io/common/file_read.h"
#include "io/common/image_header.h"
#include "model/input_error.h"

namespace fuselabel {

namespace {

cv::Mat decode_image(const std::filesystem::path& path, const std::string& bytes) {
  if (bytes.size() > static_cast<size_t>(std::numeric_limits<int>::max()))
    throw InputError(path, "", "image file larger than 2 GiB");
  cv::Mat image;
  try {
    const cv::Mat buffer(1, static_cast<int>(bytes.size()), CV_8UC1, const_cast<char*>(bytes.data()));
    if (!bytes.empty()) image = cv::imdecode(buffer, cv::IMREAD_COLOR);
  } catch (const cv::Exception& e) {
    throw InputError(path, "", std::string("cannot decode image: ") + e.what());
  }
  if (image.empty()) throw InputError(path, "", "cannot decode image (corrupt or unsupported format)");
  return image;
}

}  // namespace

// Reads the bytes ourselves (so a missing file and an undecodable one get different messages)
// and decodes them in memory.
cv::Mat read_image(const std::filesystem::path& path) { return decode_image(path, read_file_bytes(path)); }

cv::Size read_image_size(const std::filesystem::path& path) {
  const std::string bytes = read_file_bytes(path);
  std::optional<cv::Size> size;
  try {
    size = png_or_jpeg_size(bytes);
  } catch (const std::invalid_argument& e) {
    throw InputError(path, "", std::string("cannot decode image header: ") + e.what());
  }
  return size ? *size : decode_image(path, bytes).size();  // other formats: decode
}

void write_image(const std::filesystem::path& path, const cv::Mat& image, int jpeg_quality) {
  std::string extension = path.extension().string();
  std::transform(extension.begin(), extension.end(), extension.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  if (image.empty()) throw std::invalid_argument("write_image: empty image for " + path.string());

  std::vector<int> params;
  if (extension == ".jpg" || extension == ".jpeg") params = {cv::IMWRITE_JPEG_QUALITY, jpeg_quality};
  std::vector<uchar> encoded;
  bool ok = false;
  try {
    ok = cv::imencode(extension, image, encoded, params);
  } catch (const cv::Exception& e) {
    throw std::runtime_error("cannot encode " + path.string() + " as '" + extension + "': " + e.what());
  }
  if (!ok) throw std::runtime_error("cannot encode " + path.string() + " as '" + extension + "'");
  write_file_atomic(path, std::string_view(reinterpret_cast<const char*>(encoded.data()), encoded.size()));
}

}  // namespace fuselabel
