#pragma once
// Image files through OpenCV, with InputError on unreadable input and atomic output.
#include <filesystem>

#include <opencv2/core.hpp>

namespace fuselabel {

// 8-bit BGR image in its stored orientation (EXIF orientation ignored). Throws InputError naming
// the file when it is missing, when its header gives a size over the limits (input_limits.h,
// checked before decoding), when a PNG or JPEG is truncated (image_header.h), and when it does
// not decode or the decoder reports a problem (its own printing to stderr is captured and
// becomes the message).
cv::Mat read_image(const std::filesystem::path& path);
// Width and height from the header for PNG and JPEG, checked against the limits, plus the
// end-of-file check for truncation; only the head and the tail of the file are read, so a corrupt
// body in between goes unnoticed here. Other formats are decoded.
cv::Size read_image_size(const std::filesystem::path& path);

// Encodes by the extension of `path` (.png, .jpg) and writes atomically. 16-bit single
// channel images are written as 16-bit PNG.
void write_image(const std::filesystem::path& path, const cv::Mat& image, int jpeg_quality = 92);

}  // namespace fuselabel
