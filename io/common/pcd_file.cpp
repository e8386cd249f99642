#include "io/common/pcd_file.h"

#include <charconv>
#include <cmath>
#include <cstdint>
#include <cstring>
#include <limits>
#include <stdexcept>
#include <string_view>

#include "io/common/file_read.h"
#include "io/common/lzf.h"
#include "io/common/text_tokens.h"
#include "model/input_error.h"

// Records are copied byte for byte, which is only right on a little-endian host (as PCL's files).
static_assert(__BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__, "PCD files are read by byte copy on a little-endian host");

namespace fuselabel {
namespace {

// Enough for any ordinary header; a longer one is read with the whole file.
constexpr size_t kHeadBytes = 64 * 1024;
constexpr size_t kCompressedPrefixBytes = 8;

std::string line_where(int line, const std::string& what) { return "line " + std::to_string(line) + ", " + what; }
std::string points_where(const PcdHeader& h) { return line_where(h.points_line, "POINTS"); }
std::string data_where(const PcdHeader& h) {
  return line_where(h.data_line, std::string("DATA ") + pcd_data_name(h.data));
}

// Bytes of `count` items of `each` bytes, saturating instead of overflowing (a limit raised by
// its environment variable may allow counts whose product exceeds 64 bits).
int64_t saturating_product(int64_t count, int64_t each) {
  int64_t product;
  return __builtin_mul_overflow(count, each, &product) ? std::numeric_limits<int64_t>::max() : product;
}

// Refuses point data that cannot be in the file before the records are allocated.
void check_body_size(const PcdHeader& h, int64_t body_bytes, const std::filesystem::path& file) {
  if (h.points == 0) return;
  const int64_t need = saturating_product(h.points, h.record_bytes);
  const std::string claim =
      std::to_string(h.points) + " points of " + std::to_string(h.record_bytes) + " bytes need " + std::to_string(need);
  if (h.data == PcdData::Binary && body_bytes < need)
    throw InputError(file, points_where(h),
                     "truncated: " + std::to_string(body_bytes) + " bytes of point data, " + claim);
  // Every value takes at least one character and one separator.
  const int64_t shortest_ascii = saturating_product(h.points, saturating_product(h.values, 2)) - 1;
  if (h.data == PcdData::Ascii && body_bytes < shortest_ascii)
    throw InputError(file, points_where(h),
                     "truncated: " + std::to_string(body_bytes) + " bytes of ascii data cannot hold " +
                         std::to_string(h.points) + " points of " + std::to_string(h.values) + " values");
  if (h.data == PcdData::BinaryCompressed && body_bytes < int64_t(kCompressedPrefixBytes))
    throw InputError(file, data_where(h), "truncated: no compressed-size prefix after the header");
}

// ---- DATA ascii --------------------------------------------------------------------------

template <typename Int>
bool store_integer(std::string_view token, char* out) {
  const std::optional<Int> value = parse_integer<Int>(token);
  if (value) std::memcpy(out, &*value, sizeof(Int));
  return value.has_value();
}

template <typename Float>
bool store_float(std::string_view token, char* out) {
  if (token.size() > 1 && token[0] == '+' && token[1] != '-') token.remove_prefix(1);
  Float value = 0;
  const char* end = token.data() + token.size();
  const auto [ptr, ec] = std::from_chars(token.data(), end, value);
  if (ec != std::errc() || ptr != end || std::isinf(value)) return false;  // NaN stays: PCL writes "nan"
  std::memcpy(out, &value, sizeof value);
  return true;
}

bool store_value(std::string_view token, const PcdField& field, char* out) {
  const int key = field.type << 8 | field.size;
  switch (key) {
    case 'F' << 8 | 4:
      return store_float<float>(token, out);
    case 'F' << 8 | 8:
      return store_float<double>(token, out);
    case 'I' << 8 | 1:
      return store_integer<int8_t>(token, out);
    case 'I' << 8 | 2:
      return store_integer<int16_t>(token, out);
    case 'I' << 8 | 4:
      return store_integer<int32_t>(token, out);
    case 'I' << 8 | 8:
      return store_integer<int64_t>(token, out);
    case 'U' << 8 | 1:
      return store_integer<uint8_t>(token, out);
    case 'U' << 8 | 2:
      return store_integer<uint16_t>(token, out);
    case 'U' << 8 | 4:
      return store_integer<uint32_t>(token, out);
    default:
      return store_integer<uint64_t>(token, out);
  }
}

std::string expected_value(const PcdField& field) {
  const std::string kind = field.type == 'F'   ? "a number"
                           : field.type == 'I' ? "a signed integer"
                                               : "an unsigned integer";
  return "expected " + kind + " (TYPE " + field.type + " SIZE " + std::to_string(field.size) + ")";
}

void parse_ascii_row(std::string_view line, int line_number, const PcdHeader& h, char* record,
                     const std::filesystem::path& file) {
  const std::vector<std::string_view> tokens = split_whitespace(line);
  if (int64_t(tokens.size()) != h.values)
    throw InputError(
        file, "line " + std::to_string(line_number),
        std::to_string(tokens.size()) + " values, the header declares " + std::to_string(h.values) + " per point");
  size_t t = 0;
  for (const PcdField& field : h.fields) {
    for (int64_t c = 0; c < field.count; ++c, ++t) {
      if (store_value(tokens[t], field, record + field.offset + c * field.size)) continue;
      const std::string name = field.count == 1 ? field.name : field.name + "[" + std::to_string(c) + "]";
      throw InputError(file, line_where(line_number, "field " + name),
                       expected_value(field) + ", got " + quote_token(tokens[t]));
    }
  }
}

std::string ascii_records(std::string_view bytes, const PcdHeader& h, const std::filesystem::path& file) {
  std::string records(size_t(h.points * h.record_bytes), '\0');  // bounded by check_body_size
  int64_t row = 0;
  size_t at = h.data_offset;
  for (int line_number = h.data_line + 1; at < bytes.size(); ++line_number) {
    const size_t end = bytes.find('\n', at);
    const std::string_view line = bytes.substr(at, end == std::string_view::npos ? std::string_view::npos : end - at);
    at = end == std::string_view::npos ? bytes.size() : end + 1;
    if (is_blank(line)) continue;
    if (row == h.points)
      throw InputError(
          file, "line " + std::to_string(line_number),
          "more rows than the " + std::to_string(h.points) + " POINTS of line " + std::to_string(h.points_line));
    parse_ascii_row(line, line_number, h, records.data() + row * h.record_bytes, file);
    ++row;
  }
  if (row != h.points)
    throw InputError(
        file, points_where(h),
        "truncated: " + std::to_string(row) + " rows of points, the header declares " + std::to_string(h.points));
  return records;
}

// ---- DATA binary_compressed ----------------------------------------------------------------

uint32_t little_endian_u32(std::string_view bytes, size_t at) {
  uint32_t value;
  std::memcpy(&value, bytes.data() + at, sizeof value);
  return value;
}

// PCL compresses the points as planes (all x, then all y, ...) and writes no plane for its "_"
// padding fields, so a compressed cloud's records have none: they would hold nothing, and a
// header could otherwise make tiny data claim a huge record.
PcdHeader without_padding_fields(PcdHeader h) {
  std::vector<PcdField> kept;
  h.record_bytes = h.values = 0;
  for (PcdField& field : h.fields) {
    if (field.name == "_") continue;
    field.offset = h.record_bytes;
    h.record_bytes += field.bytes();
    h.values += field.count;
    kept.push_back(std::move(field));
  }
  h.fields = std::move(kept);
  return h;
}

std::string planes_to_records(std::string_view planes, const PcdHeader& h) {
  std::string records(planes.size(), '\0');
  size_t plane = 0;
  for (const PcdField& field : h.fields) {
    const size_t each = size_t(field.bytes());
    for (int64_t i = 0; i < h.points; ++i)
      std::memcpy(records.data() + i * h.record_bytes + field.offset, planes.data() + plane + i * each, each);
    plane += size_t(h.points) * each;
  }
  return records;
}

// `h` without padding fields (without_padding_fields).
std::string compressed_records(std::string_view bytes, const PcdHeader& h, const std::filesystem::path& file) {
  const std::string_view body = bytes.substr(h.data_offset);
  if (body.size() < kCompressedPrefixBytes) {
    if (h.points == 0 && body.empty()) return "";
    throw InputError(file, data_where(h), "truncated: no compressed-size prefix after the header");
  }
  const int64_t compressed = little_endian_u32(body, 0), uncompressed = little_endian_u32(body, 4);
  const int64_t need = saturating_product(h.points, h.record_bytes);
  const int64_t after_prefix = int64_t(body.size() - kCompressedPrefixBytes);
  const std::string where = data_where(h);
  if (uncompressed != need)
    throw InputError(file, where,
                     "the data declares " + std::to_string(uncompressed) + " uncompressed bytes, " +
                         std::to_string(h.points) + " points of " + std::to_string(h.record_bytes) + " bytes need " +
                         std::to_string(need));
  if (compressed > after_prefix)
    throw InputError(file, where,
                     "truncated: the data declares " + std::to_string(compressed) +
                         " compressed bytes, the file holds " + std::to_string(after_prefix));
  if (uncompressed > compressed * int64_t(kLzfMaxExpansion))
    throw InputError(file, where,
                     std::to_string(compressed) + " compressed bytes cannot expand to " + std::to_string(uncompressed) +
                         " (LZF expands at most " + std::to_string(kLzfMaxExpansion) + "-fold)");
  std::string planes(size_t(uncompressed), '\0');
  try {
    lzf_decompress(body.substr(kCompressedPrefixBytes, size_t(compressed)), planes.data(), planes.size());
  } catch (const std::invalid_argument& e) {
    throw InputError(file, where, e.what());
  }
  return planes_to_records(planes, h);
}

using HeaderCheck = std::function<void(const PcdHeader&)>;

void check_header_and_body_size(const PcdHeader& header, int64_t file_bytes, const HeaderCheck& check_header,
                                const std::filesystem::path& file) {
  if (check_header) check_header(header);
  check_body_size(header, file_bytes - int64_t(header.data_offset), file);
}

// The header, from the first bytes when it ends within them; `bytes` becomes the whole file.
PcdHeader read_header_and_bytes(const std::filesystem::path& file, const HeaderCheck& check_header,
                                std::string& bytes) {
  FileEnds ends = read_file_ends(file, kHeadBytes, 0);
  const bool whole_file = ends.head.size() >= size_t(ends.size);
  std::optional<PcdHeader> header = parse_pcd_header(ends.head, whole_file, file);
  if (header) check_header_and_body_size(*header, ends.size, check_header, file);
  bytes = whole_file ? std::move(ends.head) : read_file_bytes(file);
  if (header && bytes.size() == size_t(ends.size)) return *header;
  header = parse_pcd_header(bytes, true, file);  // a long header, or a file that changed meanwhile
  check_header_and_body_size(*header, int64_t(bytes.size()), check_header, file);
  return *header;
}

template <typename T>
double load(const char* at) {
  T value;
  std::memcpy(&value, at, sizeof value);
  return static_cast<double>(value);
}

}  // namespace

PcdCloud read_pcd_file(const std::filesystem::path& file, const std::function<void(const PcdHeader&)>& check_header) {
  PcdCloud cloud;
  std::string bytes;
  cloud.header = read_header_and_bytes(file, check_header, bytes);
  const PcdHeader& h = cloud.header;
  if (h.data == PcdData::Ascii) {
    cloud.records = ascii_records(bytes, h, file);
  } else if (h.data == PcdData::BinaryCompressed) {
    cloud.header = without_padding_fields(cloud.header);
    cloud.records = compressed_records(bytes, cloud.header, file);
  } else {
    // In place: the body is what remains, at least POINTS records (checked). PCL's writer can
    // leave zero bytes after the last record and PCL's reader ignores them, as we do.
    bytes.erase(0, h.data_offset);
    bytes.resize(size_t(h.points * h.record_bytes));
    cloud.records = std::move(bytes);
  }
  return cloud;
}

double pcd_value(const char* at, const PcdField& field) {
  switch (field.type << 8 | field.size) {
    case 'F' << 8 | 4:
      return load<float>(at);
    case 'F' << 8 | 8:
      return load<double>(at);
    case 'I' << 8 | 1:
      return load<int8_t>(at);
    case 'I' << 8 | 2:
      return load<int16_t>(at);
    case 'I' << 8 | 4:
      return load<int32_t>(at);
    case 'I' << 8 | 8:
      return load<int64_t>(at);
    case 'U' << 8 | 1:
      return load<uint8_t>(at);
    case 'U' << 8 | 2:
      return load<uint16_t>(at);
    case 'U' << 8 | 4:
      return load<uint32_t>(at);
    default:
      return load<uint64_t>(at);
  }
}

}  // namespace fuselabel
