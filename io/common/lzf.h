#pragma once
// LZF decompression (Marc Lehmann's liblzf format), which PCL uses for PCD files with DATA
// binary_compressed. Written out here so those files are read without PCL, under our checks.
#include <cstddef>
#include <string_view>

namespace fuselabel {

// An LZF stream can expand at most this many times: a 3-byte back reference stands for at most
// 264 bytes. A stream claiming more is refused before anything is allocated.
constexpr size_t kLzfMaxExpansion = 88;

// Decompresses `compressed` into exactly `out_size` bytes at `out`. Throws std::invalid_argument
// naming the byte offset in `compressed` when the stream is malformed (a literal run or a back
// reference past either end) or decompresses to another length than out_size.
void lzf_decompress(std::string_view compressed, char* out, size_t out_size);

}  // namespace fuselabel
