#pragma once
// The header of a PCD file (the Point Cloud Library's format, v0.6 and v0.7), parsed and checked
// here rather than by PCL: a hostile header ("WIDTH 4294967295", "SIZE 3", "POINTS 12" for a
// 4 x 1 cloud) is an InputError naming the line and the keyword before anything is allocated.
#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace fuselabel {

struct PcdField {
  std::string name;
  char type = 'F';     // F float, I signed integer, U unsigned integer
  int size = 4;        // bytes per value: F 4 or 8; I and U 1, 2, 4 or 8
  int64_t count = 1;   // values per point
  int64_t offset = 0;  // bytes from the start of a packed record
  int64_t bytes() const { return size * count; }
};

enum class PcdData { Ascii, Binary, BinaryCompressed };

struct PcdHeader {
  std::vector<PcdField> fields;
  int64_t width = 0, height = 0, points = 0;
  PcdData data = PcdData::Binary;
  int64_t record_bytes = 0;  // one packed record: the fields' bytes in header order
  int64_t values = 0;        // values per point: the sum of the COUNTs
  size_t data_offset = 0;    // the byte after the DATA line, where the point data starts
  int data_line = 0;         // the line number of DATA; ascii rows are numbered on from it
  int points_line = 0;       // the line number of POINTS, for messages about the data

  // The first field named `name`, or nullptr.
  const PcdField* find(const std::string& name) const;
};

// The header at the start of `bytes`. Lines are VERSION (0.6 or 0.7, optional), FIELDS, SIZE,
// TYPE, COUNT (optional, 1 each), WIDTH, HEIGHT, VIEWPOINT (optional, 7 numbers), POINTS and
// DATA (ascii, binary or binary_compressed), last; '#' comments and blank lines are skipped. Every
// number must be a whole token, SIZE/TYPE/COUNT one per field, WIDTH x HEIGHT == POINTS, each
// within the points-per-sweep limit, a record under 2 GiB. Throws InputError(file, "line N,
// KEYWORD", ...) otherwise. When `bytes` is only the start of the file
// (`bytes_are_whole_file` false) and ends before the DATA line, returns nullopt: read more.
std::optional<PcdHeader> parse_pcd_header(std::string_view bytes, bool bytes_are_whole_file,
                                          const std::filesystem::path& file);

// The name of a DATA encoding as the header spells it.
const char* pcd_data_name(PcdData data);

}  // namespace fuselabel
