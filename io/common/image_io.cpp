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
#include "io/common/captured_stderr.h"
#include "io/common/file_read.h"
#include "io/common/image_header.h"
#include "io/common/input_limits.h"
#include "model/input_error.h"

namespace fuselabel {

namespace {

// A PNG's IHDR ends at byte 24; a JPEG's frame header follows its APPn, DQT and DHT segments,
// well inside 4 KiB unless a large EXIF or ICC block comes first (then the whole file is read).
constexpr size_t kHeaderBytes = 4096;

std::optional<cv::Size> parse_header_size(const std::filesystem::path& path, std::string_view bytes) {
  try {
    return png_or_jpeg_size(bytes);
  } catch (const std::invalid_argument& e) {
    throw InputError(path, "", std::string("cannot decode image header: ") + e.what());
  }
}

// Checked against the limits before anything of the size is allocated.
std::optional<cv::Size> checked_header_size(const std::filesystem::path& path, std::string_view bytes) {
  const std::optional<cv::Size> size = parse_header_size(path, bytes);
  if (size) check_image_size(size->width, size->height, path, image_size_field(image_format(bytes)));
  return size;
}

void check_complete(const std::filesystem::path& path, ImageFormat format, std::string_view tail) {
  try {
    check_png_or_jpeg_end(format, tail);
  } catch (const std::invalid_argument& e) {
    throw InputError(path, "", e.what());
  }
}

// libpng warns about ancillary chunks it skips (their names start with a lower-case letter:
// iCCP, sRGB, tEXt, ...), such as the common "iCCP: known incorrect sRGB profile": metadata,
// never pixels.
bool is_ancillary_chunk_warning(std::string_view line) {
  constexpr std::string_view kPrefix = "libpng warning: ";
  if (line.substr(0, kPrefix.size()) != kPrefix) return false;
  const std::string_view chunk = line.substr(kPrefix.size(), 5);  // "tEXt:"
  return chunk.size() == 5 && std::islower(static_cast<unsigned char>(chunk[0])) && chunk[4] == ':';
}

// What a decoder printed that counts as a problem with the image, as one line.
std::string decoder_diagnostics(std::string_view printed) {
  std::string kept;
  while (!printed.empty()) {
    const size_t end = printed.find('\n');
    const std::string_view line = printed.substr(0, end);
    if (!is_ancillary_chunk_warning(line)) kept.append(line).append("\n");
    if (end == std::string_view::npos) break;
    printed.remove_prefix(end + 1);
  }
  return as_one_line(kept);
}

// cv::imdecode with what libjpeg, libpng and OpenCV print captured: their words become the
// InputError, and nothing reaches the terminal.
cv::Mat decode_capturing_stderr(const std::filesystem::path& path, const std::string& bytes) {
  cv::Mat image;
  std::string exception_text;
  CapturedStderr capture;
  try {
    const cv::Mat buffer(1, static_cast<int>(bytes.size()), CV_8UC1, const_cast<char*>(bytes.data()));
    // Calibrations are in the stored pixel grid, so an EXIF orientation must not rotate it.
    image = cv::imdecode(buffer, cv::IMREAD_COLOR | cv::IMREAD_IGNORE_ORIENTATION);
  } catch (const cv::Exception& e) {
    exception_text = as_one_line(e.what());
  }
  const std::string printed = decoder_diagnostics(capture.release());
  if (!exception_text.empty())
    throw InputError(path, "",
                     "cannot decode image: " + exception_text + (printed.empty() ? "" : " (" + printed + ")"));
  if (!printed.empty()) throw InputError(path, "", "cannot decode image: the decoder reports: " + printed);
  if (image.empty()) throw InputError(path, "", "cannot decode image (corrupt or unsupported format)");
  return image;
}

cv::Mat decode_image(const std::filesystem::path& path, const std::string& bytes) {
  if (bytes.size() > static_cast<size_t>(std::numeric_limits<int>::max()))
    throw InputError(path, "", "image file larger than 2 GiB");
  checked_header_size(path, bytes);
  check_complete(path, image_format(bytes), bytes);
  if (bytes.empty()) throw InputError(path, "", "cannot decode image: the file is empty");
  const cv::Mat image = decode_capturing_stderr(path, bytes);
  // Formats without a header parser here were decoded under OpenCV's own limits only.
  check_image_size(image.cols, image.rows, path, "decoded image");
  return image;
}

// The size from the header bytes at hand, or from the whole file where the header reaches past
// them; nullopt when only decoding can tell (other formats, a JPEG whose height comes later).
std::optional<cv::Size> header_size(const std::filesystem::path& path, const FileEnds& ends) {
  if (ends.head.size() < static_cast<size_t>(ends.size)) {
    try {
      if (std::optional<cv::Size> size = png_or_jpeg_size(ends.head)) return size;
    } catch (const std::invalid_argument&) {
    }
    return parse_header_size(path, read_file_bytes(path));
  }
  return parse_header_size(path, ends.head);
}

}  // namespace

// Reads the bytes ourselves (so a missing file and an undecodable one get different messages)
// and decodes them in memory.
cv::Mat read_image(const std::filesystem::path& path) { return decode_image(path, read_file_bytes(path)); }

cv::Size read_image_size(const std::filesystem::path& path) {
  const FileEnds ends = read_file_ends(path, kHeaderBytes, kImageEndBytes);
  const ImageFormat format = image_format(ends.head);
  const std::optional<cv::Size> size = format == ImageFormat::Other ? std::nullopt : header_size(path, ends);
  if (!size) return decode_image(path, read_file_bytes(path)).size();
  check_image_size(size->width, size->height, path, image_size_field(format));
  check_complete(path, format, ends.tail);
  return *size;
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
