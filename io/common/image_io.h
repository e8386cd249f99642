#pragma once
// Image files through OpenCV, with InputError on unreadable input and atomic output.
#include <filesystem>

#include <opencv2/core.hpp>

namespace fuselabel {

// 8-bit BGR image; throws InputError naming the file when missing or undecodable.
cv::Mat read_image(const std::filesystem::path& path);
// Width and height from the header for PNG and JPEG (image_header.h: the pixels are not
// decoded, so a corrupt body goes unnoticed here); other formats are decoded.
cv::Size read_image_size(const std::filesystem::path& path);

// Encodes by the extension of `path` (.png, .jpg) and writes atomically. 16-bit single
// channel images are written as 16-bit PNG.
void write_image(const std::filesystem::path& path, const cv::Mat& image, int jpeg_quality = 92);

}  // namespace fuselabel
