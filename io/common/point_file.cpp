#include "io/common/point_file.h"

#include <cmath>
#include <cstring>
#include <stdexcept>
#include <string_view>
#include <system_error>

#include "io/common/atomic_file.h"
#include "io/common/file_read.h"
#include "io/common/input_limits.h"
#include "model/input_error.h"

// The files are little-endian; records are copied byte for byte, which is only right on a
// little-endian host (x86-64, AArch64 and every CUDA host are).
static_assert(__BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__, "point files are read by byte copy on a little-endian host");

namespace fuselabel {
namespace {

// The file's size tells how many records it claims; a file of more points than a sweep may hold
// is refused before its bytes are read and copied.
void check_record_count_before_reading(const std::filesystem::path& path, size_t record_bytes) {
  std::error_code ec;
  const uintmax_t size = std::filesystem::file_size(path, ec);
  if (ec) return;  // read_file_bytes names what is wrong with the file
  check_point_count(
      static_cast<int64_t>(size / record_bytes), path,
      "file size " + std::to_string(size) + " bytes in " + std::to_string(record_bytes) + "-byte records");
}

}  // namespace

std::vector<float> read_float_records(const std::filesystem::path& path, const std::vector<std::string>& fields) {
  if (fields.empty()) throw std::invalid_argument("read_float_records: no fields given for " + path.string());
  const size_t record_bytes = fields.size() * sizeof(float);
  check_record_count_before_reading(path, record_bytes);
  const std::string bytes = read_file_bytes(path);
  if (bytes.size() % record_bytes != 0)
    throw InputError(path, "",
                     "truncated: " + std::to_string(bytes.size()) + " bytes is not a whole number of " +
                         std::to_string(record_bytes) + "-byte records");

  std::vector<float> records(bytes.size() / sizeof(float));
  if (!bytes.empty()) std::memcpy(records.data(), bytes.data(), bytes.size());  // memcpy(nullptr, ..., 0) is UB
  for (size_t i = 0; i < records.size(); ++i) {
    if (std::isfinite(records[i])) continue;
    const size_t record = i / fields.size();
    throw InputError(path,
                     "record " + std::to_string(record) + " (byte offset " + std::to_string(record * record_bytes) +
                         "), field " + fields[i % fields.size()],
                     std::isnan(records[i]) ? "value is NaN" : "value is infinite");
  }
  return records;
}

void write_float_records(const std::filesystem::path& path, const std::vector<float>& records, size_t fields) {
  if (fields == 0 || records.size() % fields != 0)
    throw std::invalid_argument("write_float_records: " + std::to_string(records.size()) +
                                " values are not a whole number of " + std::to_string(fields) + "-field records (" +
                                path.string() + ")");
  // An empty vector's data() may be null, which write_file_atomic would hand to fwrite.
  const std::string_view bytes =
      records.empty() ? std::string_view("", 0)
                      : std::string_view(reinterpret_cast<const char*>(records.data()), records.size() * sizeof(float));
  write_file_atomic(path, bytes);
}

}  // namespace fuselabel
