#pragma once
// Width and height of a PNG or JPEG from its header, and whether the file is complete, without
// decoding the pixels: what a reader needs to set up and check a camera for every frame of a long
// drive.
#include <optional>
#include <string_view>

#include <opencv2/core.hpp>

namespace fuselabel {

// PNG: the IHDR chunk. JPEG: the first start-of-frame segment (baseline, progressive,
// lossless, arithmetic). Returns nullopt for any other format (and for a JPEG whose height is
// defined later by a DNL segment); throws std::invalid_argument naming the problem for a PNG
// or JPEG whose header is truncated or malformed. Only the header is checked: a file with a
// valid header and a corrupt body reads here and fails when decoded.
std::optional<cv::Size> png_or_jpeg_size(std::string_view bytes);

enum class ImageFormat { Png, Jpeg, Other };
// By the signature at the start of `head`.
ImageFormat image_format(std::string_view head);
// Where the size of a PNG or JPEG is read from, for messages: "PNG header (IHDR)", "JPEG header
// (SOF)"; "" for other formats.
const char* image_size_field(ImageFormat format);

// A PNG must end with its IEND chunk (the 12 bytes 00 00 00 00 "IEND" AE 42 60 82), a JPEG with
// the end-of-image marker FF D9 as its last two bytes: a file cut short anywhere (a partial copy
// or download) fails this cheap look at its tail. Throws std::invalid_argument beginning with
// "truncated" otherwise; `tail` is the file's last bytes (kImageEndBytes suffice). Other
// formats are not checked.
constexpr size_t kImageEndBytes = 12;
void check_png_or_jpeg_end(ImageFormat format, std::string_view tail);

}  // namespace fuselabel
