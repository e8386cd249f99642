#include "io/native/native_drive_csv.h"

#include <functional>
#include <stdexcept>
#include <string>
#include <string_view>

#include "io/common/file_read.h"
#include "model/coordinate_ranges.h"
#include "model/input_error.h"
#include "io/native/native_drive_text.h"
#include "io/common/text_tokens.h"

namespace fuselabel {
namespace {

const std::vector<std::string> kPoseColumns = {"timestamp_us", "x", "y", "z", "qw", "qx", "qy", "qz"};
const std::vector<std::string> kIndexColumns = {"timestamp_us", "file"};

std::string_view trimmed(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return s;
}

std::vector<std::string_view> split_commas(std::string_view line) {
  std::vector<std::string_view> fields;
  for (size_t start = 0;;) {
    const size_t comma = line.find(',', start);
    fields.push_back(trimmed(line.substr(start, comma == std::string_view::npos ? comma : comma - start)));
    if (comma == std::string_view::npos) return fields;
    start = comma + 1;
  }
}

std::string where(size_t line, const std::string& column) {
  return "line " + std::to_string(line) + (column.empty() ? "" : ", column " + column);
}

// One data row: its 1-based line number and its fields, one per column.
using RowHandler = std::function<void(size_t line, const std::vector<std::string_view>& fields)>;

// Checks the header and the field count of every row; blank lines are skipped.
void for_each_row(const std::filesystem::path& file, const std::vector<std::string>& columns, const RowHandler& row) {
  const std::string text = read_file_bytes(file);
  std::string_view body(text);
  if (body.substr(0, 3) == "\xEF\xBB\xBF") body.remove_prefix(3);  // UTF-8 byte order mark
  const std::vector<std::string_view> lines = split_lines(body);
  std::string header;
  for (const std::string& c : columns) header += (header.empty() ? "" : ",") + c;
  const std::vector<std::string_view> found = lines.empty() ? std::vector<std::string_view>{} : split_commas(lines[0]);
  if (found != std::vector<std::string_view>(columns.begin(), columns.end()))
    throw InputError(file, where(1, ""),
                     "expected the header '" + header + "', found " + quote_token(lines.empty() ? "" : lines[0]));
  for (size_t i = 1; i < lines.size(); ++i) {
    if (is_blank(lines[i])) continue;
    const std::vector<std::string_view> fields = split_commas(lines[i]);
    if (fields.size() != columns.size())
      throw InputError(file, where(i + 1, ""),
                       std::to_string(fields.size()) + " fields, expected " + std::to_string(columns.size()) + " (" +
                           header + ")");
    row(i + 1, fields);
  }
}

int64_t timestamp_field(const std::filesystem::path& file, size_t line, std::string_view token,
                        const int64_t* previous) {
  const std::optional<int64_t> t = parse_integer<int64_t>(token);
  if (!t) throw InputError(file, where(line, "timestamp_us"), "not an integer number of microseconds: " + quote_token(token));
  if (previous && *t <= *previous)
    throw InputError(file, where(line, "timestamp_us"),
                     std::to_string(*t) + " does not increase (previous row: " + std::to_string(*previous) + ")");
  return *t;
}

double number_field(const std::filesystem::path& file, size_t line, const std::string& column, std::string_view token) {
  const std::optional<double> v = parse_finite_double(token);
  if (!v) throw InputError(file, where(line, column), "not a finite number: " + quote_token(token));
  return *v;
}

void require_increasing(const std::filesystem::path& file, int64_t previous, int64_t t, size_t row) {
  if (row > 0 && t <= previous)
    throw std::invalid_argument("cannot write " + file.string() + ": timestamps must strictly increase (row " +
                                std::to_string(row) + ")");
}

}  // namespace

std::vector<StampedPose> read_ego_poses_csv(const std::filesystem::path& file) {
  std::vector<StampedPose> poses;
  for_each_row(file, kPoseColumns, [&](size_t line, const std::vector<std::string_view>& f) {
    StampedPose pose;
    pose.timestamp_us = timestamp_field(file, line, f[0], poses.empty() ? nullptr : &poses.back().timestamp_us);
    double v[7];
    for (int i = 0; i < 7; ++i) v[i] = number_field(file, line, kPoseColumns[i + 1], f[i + 1]);
    for (int i = 0; i < 3; ++i)
      if (const std::string problem = coordinate_problem(v[i]); !problem.empty())
        throw InputError(file, where(line, kPoseColumns[i + 1]), problem);
    const Quat<double> q{v[3], v[4], v[5], v[6]};
    if (!is_near_unit(q))
      throw InputError(file, where(line, "qw..qz"),
                       "not a unit quaternion (norm " + format_double(q.norm()) + ", tolerance 1e-6)");
    pose.T_world_ego = {rotation_as_read(q), {v[0], v[1], v[2]}};
    poses.push_back(pose);
  });
  if (poses.empty()) throw InputError(file, "", "no ego poses: at least one row is needed");
  return poses;
}

std::string ego_poses_csv_text(const std::filesystem::path& file, const std::vector<StampedPose>& poses) {
  std::string text = "timestamp_us,x,y,z,qw,qx,qy,qz\n";
  for (size_t i = 0; i < poses.size(); ++i) {
    const StampedPose& p = poses[i];
    require_increasing(file, i ? poses[i - 1].timestamp_us : 0, p.timestamp_us, i);
    const Quat<double> q = quaternion_to_write(p.T_world_ego.R);
    text += std::to_string(p.timestamp_us);
    for (double v : {p.T_world_ego.t.x, p.T_world_ego.t.y, p.T_world_ego.t.z, q.w, q.x, q.y, q.z})
      text += "," + format_double(v);
    text += '\n';
  }
  return text;
}

std::vector<NativeSample> read_sensor_index_csv(const std::filesystem::path& file, std::vector<TimingFault>* faults,
                                                std::vector<int64_t>* row_samples) {
  std::vector<NativeSample> samples;
  for_each_row(file, kIndexColumns, [&](size_t line, const std::vector<std::string_view>& f) {
    NativeSample sample;
    // Kept faults: the order is checked below, once the row is known to be valid otherwise.
    const int64_t* previous = samples.empty() || faults ? nullptr : &samples.back().timestamp_us;
    sample.timestamp_us = timestamp_field(file, line, f[0], previous);
    const std::string problem = native_file_reference_problem(f[1]);
    if (!problem.empty()) throw InputError(file, where(line, "file"), problem + ": " + quote_token(f[1]));
    sample.file = std::string(f[1]);
    if (faults && !samples.empty() && sample.timestamp_us <= samples.back().timestamp_us) {
      const int64_t latest = samples.back().timestamp_us;
      const TimingFault::Kind kind =
          sample.timestamp_us == latest ? TimingFault::Kind::Duplicate : TimingFault::Kind::OutOfOrder;
      faults->push_back({"", file, where(line, "timestamp_us"), kind, sample.timestamp_us, latest, sample.file});
      if (row_samples) row_samples->push_back(-1);
      return;
    }
    if (row_samples) row_samples->push_back(int64_t(samples.size()));
    samples.push_back(std::move(sample));
  });
  return samples;
}

std::string sensor_index_csv_text(const std::filesystem::path& file, const std::vector<NativeSample>& samples) {
  std::string text = "timestamp_us,file\n";
  for (size_t i = 0; i < samples.size(); ++i) {
    require_increasing(file, i ? samples[i - 1].timestamp_us : 0, samples[i].timestamp_us, i);
    const std::string problem = native_file_reference_problem(samples[i].file);
    if (!problem.empty()) throw std::invalid_argument("cannot write " + file.string() + ": " + problem);
    if (samples[i].file != trimmed(samples[i].file))
      throw std::invalid_argument("cannot write " + file.string() + ": file names may not start or end with blanks");
    text += std::to_string(samples[i].timestamp_us) + "," + samples[i].file + "\n";
  }
  return text;
}

}  // namespace fuselabel
