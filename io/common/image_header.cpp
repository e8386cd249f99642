#include "io/common/image_header.h"

#include <cstdint>
#include <stdexcept>
#include <string>

namespace fuselabel {
namespace {

constexpr std::string_view kPngSignature = "\x89PNG\r\n\x1a\n";
// An IEND chunk: length 0, type, and the CRC of the type (always the same four bytes).
constexpr std::string_view kPngEnd{"\0\0\0\0IEND\xae\x42\x60\x82", 12};
constexpr std::string_view kJpegEnd = "\xff\xd9";
static_assert(kPngEnd.size() == kImageEndBytes);

bool ends_with(std::string_view bytes, std::string_view end) {
  return bytes.size() >= end.size() && bytes.substr(bytes.size() - end.size()) == end;
}

uint32_t big_endian(std::string_view bytes, size_t at, int count) {
  uint32_t value = 0;
  for (int i = 0; i < count; ++i) value = value << 8 | static_cast<unsigned char>(bytes[at + i]);
  return value;
}

cv::Size checked_size(uint32_t width, uint32_t height, const char* format) {
  // cv::Size holds int; PNG allows up to 2^31 - 1, JPEG up to 65535.
  if (width == 0 || height == 0 || width > INT32_MAX || height > INT32_MAX)
    throw std::invalid_argument(std::string(format) + " header gives an invalid size " + std::to_string(width) + "x" +
                                std::to_string(height));
  return {static_cast<int>(width), static_cast<int>(height)};
}

cv::Size png_size(std::string_view bytes) {
  // Signature, then the IHDR chunk: length 13, type, width, height (big endian).
  if (bytes.size() < 24 || bytes.substr(12, 4) != "IHDR" || big_endian(bytes, 8, 4) != 13)
    throw std::invalid_argument("PNG without an IHDR chunk first");
  return checked_size(big_endian(bytes, 16, 4), big_endian(bytes, 20, 4), "PNG");
}

bool is_start_of_frame(unsigned marker) {
  // SOF0..SOF15 except DHT (C4), JPG (C8) and DAC (CC), which share the range.
  return marker >= 0xC0 && marker <= 0xCF && marker != 0xC4 && marker != 0xC8 && marker != 0xCC;
}

std::optional<cv::Size> jpeg_size(std::string_view bytes) {
  size_t at = 2;  // after SOI
  while (true) {
    if (at >= bytes.size() || static_cast<unsigned char>(bytes[at]) != 0xFF)
      throw std::invalid_argument("JPEG segment marker expected at byte " + std::to_string(at));
    while (at < bytes.size() && static_cast<unsigned char>(bytes[at]) == 0xFF) ++at;  // fill bytes
    if (at >= bytes.size()) throw std::invalid_argument("JPEG ends before its frame header");
    const unsigned marker = static_cast<unsigned char>(bytes[at++]);
    if (marker == 0x01 || (marker >= 0xD0 && marker <= 0xD7)) continue;  // segments without a length
    if (marker == 0xD8 || marker == 0xD9 || marker == 0xDA || marker == 0x00)
      throw std::invalid_argument("JPEG has no frame header before its image data");
    if (at + 2 > bytes.size()) throw std::invalid_argument("JPEG ends inside a segment length");
    const uint32_t length = big_endian(bytes, at, 2);
    if (length < 2 || at + length > bytes.size()) throw std::invalid_argument("JPEG segment overruns the file");
    if (is_start_of_frame(marker)) {
      if (length < 7) throw std::invalid_argument("JPEG frame header too short");
      const uint32_t height = big_endian(bytes, at + 3, 2), width = big_endian(bytes, at + 5, 2);
      if (height == 0) return std::nullopt;  // defined by a DNL segment after the first scan
      return checked_size(width, height, "JPEG");
    }
    at += length;
  }
}

}  // namespace

std::optional<cv::Size> png_or_jpeg_size(std::string_view bytes) {
  switch (image_format(bytes)) {
    case ImageFormat::Png:
      return png_size(bytes);
    case ImageFormat::Jpeg:
      return jpeg_size(bytes);
    default:
      return std::nullopt;
  }
}

ImageFormat image_format(std::string_view head) {
  if (head.substr(0, kPngSignature.size()) == kPngSignature) return ImageFormat::Png;
  if (head.size() >= 2 && static_cast<unsigned char>(head[0]) == 0xFF && static_cast<unsigned char>(head[1]) == 0xD8)
    return ImageFormat::Jpeg;
  return ImageFormat::Other;
}

const char* image_size_field(ImageFormat format) {
  switch (format) {
    case ImageFormat::Png:
      return "PNG header (IHDR)";
    case ImageFormat::Jpeg:
      return "JPEG header (SOF)";
    default:
      return "";
  }
}

void check_png_or_jpeg_end(ImageFormat format, std::string_view tail) {
  if (format == ImageFormat::Png && !ends_with(tail, kPngEnd))
    throw std::invalid_argument("truncated: a PNG must end with its IEND chunk, this file does not");
  if (format == ImageFormat::Jpeg && !ends_with(tail, kJpegEnd))
    throw std::invalid_argument("truncated: a JPEG must end with the end-of-image marker FF D9, this file does not");
}

}  // namespace fuselabel
