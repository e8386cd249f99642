#include "io/common/pcd_header.h"

#include <array>
#include <limits>
#include <map>

#include "io/common/input_limits.h"
#include "io/common/text_tokens.h"
#include "model/input_error.h"

namespace fuselabel {
namespace {

constexpr std::array<std::string_view, 10> kKeywords = {"VERSION", "FIELDS", "SIZE",      "TYPE",   "COUNT",
                                                        "WIDTH",   "HEIGHT", "VIEWPOINT", "POINTS", "DATA"};
// PCL keeps a record's size in 32 bits.
constexpr int64_t kMaxRecordBytes = std::numeric_limits<int32_t>::max();

struct HeaderLine {
  int number = 0;
  std::vector<std::string_view> tokens;  // tokens[0] is the keyword
};

// The header's lines by keyword, with the byte after the DATA line.
struct HeaderLines {
  std::map<std::string_view, HeaderLine> by_keyword;
  size_t data_offset = 0;
};

class HeaderChecker {
 public:
  HeaderChecker(const HeaderLines& lines, const std::filesystem::path& file) : lines_(lines), file_(file) {}

  PcdHeader check() {
    check_version();
    read_fields();
    read_sizes_and_types();
    read_counts();
    check_viewpoint();
    read_point_counts();
    read_data_encoding();
    header_.data_offset = lines_.data_offset;
    return header_;
  }

 private:
  const HeaderLine* optional_line(std::string_view keyword) const {
    const auto it = lines_.by_keyword.find(keyword);
    return it == lines_.by_keyword.end() ? nullptr : &it->second;
  }
  const HeaderLine& required_line(std::string_view keyword) const {
    if (const HeaderLine* line = optional_line(keyword)) return *line;
    throw InputError(file_, "header", "not a readable PCD file: no " + std::string(keyword) + " line before DATA");
  }
  std::string where(const HeaderLine& line, const std::string& detail = "") const {
    return "line " + std::to_string(line.number) + ", " + std::string(line.tokens[0]) +
           (detail.empty() ? "" : ", " + detail);
  }
  std::string field_detail(size_t f) const { return "field " + header_.fields[f].name; }

  // One value per field after the keyword.
  const HeaderLine& per_field_line(std::string_view keyword) const {
    const HeaderLine& line = required_line(keyword);
    if (line.tokens.size() - 1 != header_.fields.size())
      throw InputError(file_, where(line),
                       std::to_string(line.tokens.size() - 1) + " values for the " +
                           std::to_string(header_.fields.size()) + " FIELDS");
    return line;
  }

  int64_t non_negative_integer(const HeaderLine& line, size_t token, const std::string& detail) const {
    const std::optional<int64_t> value = parse_integer<int64_t>(line.tokens[token]);
    if (!value || *value < 0)
      throw InputError(file_, where(line, detail),
                       "expected a non-negative integer, got " + quote_token(line.tokens[token]));
    return *value;
  }

  int64_t single_integer(std::string_view keyword) const {
    const HeaderLine& line = required_line(keyword);
    if (line.tokens.size() != 2) throw InputError(file_, where(line), "expected one value");
    return non_negative_integer(line, 1, "");
  }

  void check_version() const {
    const HeaderLine* line = optional_line("VERSION");
    if (!line) return;
    const std::string_view v = line->tokens.size() == 2 ? line->tokens[1] : "";
    if (v != "0.7" && v != ".7" && v != "0.6" && v != ".6")
      throw InputError(file_, where(*line), "unsupported PCD version (0.6 and 0.7 are read)");
  }

  void read_fields() {
    const HeaderLine& line = required_line("FIELDS");
    if (line.tokens.size() < 2) throw InputError(file_, where(line), "no field names");
    std::map<std::string_view, int> seen;
    for (size_t t = 1; t < line.tokens.size(); ++t) {
      const std::string_view name = line.tokens[t];
      // PCL names padding "_", as often as it needs; any other name twice is ambiguous.
      if (name != "_" && !seen.emplace(name, int(t)).second)
        throw InputError(file_, where(line, "field " + std::string(name)), "named twice");
      header_.fields.push_back(PcdField{std::string(name)});
    }
  }

  void read_sizes_and_types() {
    const HeaderLine& sizes = per_field_line("SIZE");
    const HeaderLine& types = per_field_line("TYPE");
    for (size_t f = 0; f < header_.fields.size(); ++f) {
      PcdField& field = header_.fields[f];
      const int64_t size = non_negative_integer(sizes, f + 1, field_detail(f));
      const std::string_view type = types.tokens[f + 1];
      if (type != "F" && type != "I" && type != "U")
        throw InputError(file_, where(types, field_detail(f)), "expected F, I or U, got " + quote_token(type));
      field.type = type[0];
      const bool valid =
          field.type == 'F' ? (size == 4 || size == 8) : (size == 1 || size == 2 || size == 4 || size == 8);
      if (!valid)
        throw InputError(file_, where(sizes, field_detail(f)),
                         "SIZE " + std::to_string(size) + " for TYPE " + field.type +
                             (field.type == 'F' ? " (F takes 4 or 8)" : " (I and U take 1, 2, 4 or 8)"));
      field.size = int(size);
    }
  }

  void read_counts() {
    const HeaderLine* counts = optional_line("COUNT");
    if (counts) per_field_line("COUNT");
    for (size_t f = 0; f < header_.fields.size(); ++f) {
      PcdField& field = header_.fields[f];
      if (counts) field.count = non_negative_integer(*counts, f + 1, field_detail(f));
      if (field.count == 0) throw InputError(file_, where(*counts, field_detail(f)), "COUNT 0: a field needs a value");
      // Checked before adding, so the sum never overflows.
      if (field.count > (kMaxRecordBytes - header_.record_bytes) / field.size)
        throw InputError(file_, where(counts ? *counts : required_line("SIZE"), field_detail(f)),
                         "a point record of more than " + std::to_string(kMaxRecordBytes) + " bytes");
      field.offset = header_.record_bytes;
      header_.record_bytes += field.bytes();
      header_.values += field.count;
    }
  }

  void check_viewpoint() const {
    const HeaderLine* line = optional_line("VIEWPOINT");
    if (!line) return;
    if (line->tokens.size() != 8) throw InputError(file_, where(*line), "expected 7 numbers (tx ty tz qw qx qy qz)");
    for (size_t t = 1; t < 8; ++t)
      if (!parse_finite_double(line->tokens[t]))
        throw InputError(file_, where(*line), "expected a number, got " + quote_token(line->tokens[t]));
  }

  void read_point_counts() {
    header_.width = single_integer("WIDTH");
    check_point_count(header_.width, file_, where(required_line("WIDTH")));
    header_.height = single_integer("HEIGHT");
    check_point_count(header_.height, file_, where(required_line("HEIGHT")));
    const HeaderLine& points = required_line("POINTS");
    header_.points = single_integer("POINTS");
    header_.points_line = points.number;
    check_point_count(header_.points, file_, where(points));
    const int64_t cells = header_.width * header_.height;  // each within the limit: no overflow
    if (cells != header_.points)
      throw InputError(file_, where(points),
                       std::to_string(header_.points) + " points, but WIDTH x HEIGHT is " +
                           std::to_string(header_.width) + " x " + std::to_string(header_.height) + " = " +
                           std::to_string(cells));
  }

  void read_data_encoding() {
    const HeaderLine& line = required_line("DATA");
    header_.data_line = line.number;
    const std::string_view encoding = line.tokens.size() == 2 ? line.tokens[1] : "";
    if (encoding == "ascii")
      header_.data = PcdData::Ascii;
    else if (encoding == "binary")
      header_.data = PcdData::Binary;
    else if (encoding == "binary_compressed")
      header_.data = PcdData::BinaryCompressed;
    else
      throw InputError(file_, where(line), "expected ascii, binary or binary_compressed");
  }

  const HeaderLines& lines_;
  const std::filesystem::path& file_;
  PcdHeader header_;
};

// The header's lines up to DATA; nullopt when `bytes` ends first and is not the whole file. The
// body after DATA is binary, so lines are cut one at a time rather than all at once.
std::optional<HeaderLines> split_header_lines(std::string_view bytes, bool whole_file,
                                              const std::filesystem::path& file) {
  HeaderLines lines;
  size_t at = 0;
  for (int number = 1;; ++number) {
    if (at >= bytes.size()) {
      if (!whole_file) return std::nullopt;
      throw InputError(file, "header", "not a readable PCD file: it ends before a DATA line");
    }
    const size_t end = bytes.find('\n', at);
    if (end == std::string_view::npos && !whole_file) return std::nullopt;  // the line may go on
    const std::string_view line = bytes.substr(at, end == std::string_view::npos ? std::string_view::npos : end - at);
    at = end == std::string_view::npos ? bytes.size() : end + 1;
    if (is_blank(line) || line.front() == '#') continue;
    HeaderLine parsed{number, split_whitespace(line)};
    const std::string_view keyword = parsed.tokens[0];
    bool known = false;
    for (std::string_view k : kKeywords) known |= keyword == k;
    if (!known)
      throw InputError(file, "line " + std::to_string(number),
                       "not a readable PCD header line: expected VERSION, FIELDS, SIZE, TYPE, COUNT, WIDTH, HEIGHT, "
                       "VIEWPOINT, POINTS or DATA, got " +
                           quote_token(keyword));
    const auto [it, inserted] = lines.by_keyword.emplace(keyword, parsed);
    if (!inserted)
      throw InputError(file, "line " + std::to_string(number) + ", " + std::string(keyword),
                       "repeats line " + std::to_string(it->second.number));
    if (keyword == "DATA") {
      lines.data_offset = at;
      return lines;
    }
  }
}

}  // namespace

const PcdField* PcdHeader::find(const std::string& name) const {
  for (const PcdField& field : fields)
    if (field.name == name) return &field;
  return nullptr;
}

std::optional<PcdHeader> parse_pcd_header(std::string_view bytes, bool bytes_are_whole_file,
                                          const std::filesystem::path& file) {
  const std::optional<HeaderLines> lines = split_header_lines(bytes, bytes_are_whole_file, file);
  if (!lines) return std::nullopt;
  return HeaderChecker(*lines, file).check();
}

const char* pcd_data_name(PcdData data) {
  switch (data) {
    case PcdData::Ascii:
      return "ascii";
    case PcdData::Binary:
      return "binary";
    default:
      return "binary_compressed";
  }
}

}  // namespace fuselabel
