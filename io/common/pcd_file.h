#pragma once
// PCD files (the Point Cloud Library's format) read without PCL: the header is checked first
// (pcd_header.h), then the point data against it, so a file that claims more than it holds is an
// InputError naming the file and the line or field before the points are allocated, and no
// library prints anything of its own.
#include <filesystem>
#include <functional>
#include <string>

#include "io/common/pcd_header.h"

namespace fuselabel {

// The points of a PCD file as packed little-endian records, whatever the file's DATA encoding:
// record i is records[i * header.record_bytes ...], each field at its offset.
struct PcdCloud {
  PcdHeader header;
  std::string records;  // header.points * header.record_bytes bytes
};

// Reads `file`. DATA ascii: one row per point (blank lines skipped), each with one token per value,
// and each token a number of its field's TYPE and SIZE spelled by the whole token ("nan" is
// accepted for F, as PCL writes it; infinities and out-of-range values are not); as many rows as
// POINTS. DATA binary: POINTS records after the header. DATA binary_compressed: the 8-byte
// prefix (compressed and uncompressed sizes, little endian) must agree with the file and the
// header, and the LZF data decompress to exactly the declared size; planes per field, "_"
// padding fields without a plane, as PCL writes them (so the returned header has them removed,
// with the offsets after them moved up). Throws InputError naming the file and the
// line, field or byte otherwise. Bytes after the point data are ignored, as PCL's reader ignores
// them: its writer (1.13) leaves a file's preallocated tail as zero bytes.
// `check_header`, when given, runs on the parsed header before the data is looked at, so a
// reader's own demands (the fields it needs) are reported ahead of the data's size.
PcdCloud read_pcd_file(const std::filesystem::path& file,
                       const std::function<void(const PcdHeader&)>& check_header = nullptr);

// One value of a packed record as a double (64-bit integers beyond 2^53 are rounded).
double pcd_value(const char* at, const PcdField& field);

}  // namespace fuselabel
