#pragma once
// Width and height of a PNG or JPEG from its header, without decoding the pixels: what a reader
// needs to set up a camera for every frame of a long drive.
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

}  // namespace fuselabel
