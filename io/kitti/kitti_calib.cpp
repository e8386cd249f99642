// KITTI calibration files: one "KEY: v1 v2 ..." line per matrix. The object benchmark spells
// the keys R0_rect / Tr_velo_to_cam / Tr_imu_to_velo with a colon; the tracking devkit's files
// use R_rect / Tr_velo_cam / Tr_imu_velo, some without the colon. Both are accepted.
#include <array>
#include <cmath>
#include <cstdio>
#include <string>
#include <vector>

#include "io/common/file_read.h"
#include "model/input_error.h"
#include "io/kitti/kitti_object.h"
#include "io/common/text_tokens.h"
#include "projection/transform.h"

namespace fuselabel {
namespace {

// Largest accepted max|R^T R - I| of a calibration rotation. KITTI's own matrices are only
// nearly orthonormal (printed to 7 significant digits): object/training/calib/000008.txt is off
// by 5.5e-8 in R0_rect, 8.2e-8 in Tr_velo_to_cam and 1.2e-7 in Tr_imu_to_velo, the tracking
// calibs by up to 9e-8. 1e-3 leaves room for hand-made rigs exported with four digits and
// still rejects a wrong matrix: a transposed layout, a scaled rotation (0.1% scale is already
// 2e-3), translation values in the rotation.
constexpr double kRotationTolerance = 1e-3;

enum KeyIndex { kP0, kP1, kP2, kP3, kRRect, kTrVeloCam, kTrImuVelo, kKeyCount };

struct KeySpec {
  const char* name;   // the object benchmark's spelling, used in messages
  const char* alias;  // the tracking devkit's spelling
  size_t values;
  bool required;
};

constexpr std::array<KeySpec, kKeyCount> kKeys = {{
    {"P0", nullptr, 12, true},
    {"P1", nullptr, 12, true},
    {"P2", nullptr, 12, true},
    {"P3", nullptr, 12, true},
    {"R0_rect", "R_rect", 9, true},
    {"Tr_velo_to_cam", "Tr_velo_cam", 12, true},
    {"Tr_imu_to_velo", "Tr_imu_velo", 12, false},
}};

struct Entry {
  std::vector<double> values;
  int line = 0;          // 0: not present
  std::string spelling;  // the key as the file spells it, for messages
};

int find_key(std::string_view key) {
  for (int k = 0; k < kKeyCount; ++k)
    if (key == kKeys[k].name || (kKeys[k].alias && key == kKeys[k].alias)) return k;
  return -1;
}

std::string where(int line, std::string_view key) {
  return "line " + std::to_string(line) + ", key " + std::string(key);
}

// Splits "KEY: v1 v2" or "KEY v1 v2" into the key and the value tokens.
std::string_view split_key(std::string_view line, std::vector<std::string_view>& values) {
  const auto tokens = split_whitespace(line);
  std::string_view key = tokens.front();
  size_t first_value = 1;
  if (const size_t colon = key.find(':'); colon != std::string_view::npos) {
    if (colon + 1 < key.size()) values.push_back(key.substr(colon + 1));  // "KEY:v1"
    key = key.substr(0, colon);
  } else if (tokens.size() > 1 && tokens[1].front() == ':') {  // "KEY : v1"
    if (tokens[1].size() > 1) values.push_back(tokens[1].substr(1));
    first_value = 2;
  }
  values.insert(values.end(), tokens.begin() + static_cast<std::ptrdiff_t>(first_value), tokens.end());
  return key;
}

std::array<Entry, kKeyCount> read_entries(const std::filesystem::path& file) {
  const std::string text = read_file_bytes(file);
  std::array<Entry, kKeyCount> entries;
  const auto lines = split_lines(text);
  for (size_t i = 0; i < lines.size(); ++i) {
    const int line_no = static_cast<int>(i) + 1;
    if (is_blank(lines[i])) continue;
    std::vector<std::string_view> tokens;
    const std::string_view key = split_key(lines[i], tokens);
    if (key.empty()) throw InputError(file, "line " + std::to_string(line_no), "expected 'KEY: values', found no key");
    const int k = find_key(key);
    if (k < 0) continue;  // other matrices (e.g. raw-data keys) are not needed here
    if (entries[k].line != 0)
      throw InputError(
          file, where(line_no, key),
          "duplicate: " + std::string(kKeys[k].name) + " already given on line " + std::to_string(entries[k].line));
    if (tokens.size() != kKeys[k].values)
      throw InputError(
          file, where(line_no, key),
          "expected " + std::to_string(kKeys[k].values) + " values, found " + std::to_string(tokens.size()));
    Entry& entry = entries[k];
    for (size_t v = 0; v < tokens.size(); ++v) {
      const auto value = parse_finite_double(tokens[v]);
      if (!value)
        throw InputError(file, where(line_no, key),
                         "value " + std::to_string(v + 1) + " " + quote_token(tokens[v]) + " is not a finite number");
      entry.values.push_back(*value);
    }
    entry.line = line_no;
    entry.spelling = std::string(key);
  }
  for (int k = 0; k < kKeyCount; ++k)
    if (kKeys[k].required && entries[k].line == 0)
      throw InputError(
          file, std::string("key ") + kKeys[k].name,
          std::string("missing") + (kKeys[k].alias ? std::string(" (also accepted as ") + kKeys[k].alias + ")" : ""));
  return entries;
}

void check_rotation(const std::filesystem::path& file, const Entry& entry, const Mat3<double>& R) {
  const double error = orthonormality_error(R);
  char detail[160];
  if (!(error <= kRotationTolerance)) {
    std::snprintf(detail, sizeof detail, "rotation is not orthonormal: max |R^T R - I| = %.3g exceeds %.0e", error,
                  kRotationTolerance);
    throw InputError(file, where(entry.line, entry.spelling), detail);
  }
  if (R.determinant() < 0) {
    std::snprintf(detail, sizeof detail, "rotation is a reflection (determinant %.6g)", R.determinant());
    throw InputError(file, where(entry.line, entry.spelling), detail);
  }
}

Transform3d transform_from_rows(const std::vector<double>& v) {
  Transform3d T;
  for (int r = 0; r < 3; ++r) {
    for (int c = 0; c < 3; ++c) T.R(r, c) = v[4 * r + c];
  }
  T.t = {v[3], v[7], v[11]};
  return T;
}

}  // namespace

KittiCalib read_kitti_calib(const std::filesystem::path& file) {
  const auto entries = read_entries(file);
  KittiCalib calib;
  for (int p = 0; p < 4; ++p) {
    const auto& values = entries[kP0 + p].values;
    std::copy(values.begin(), values.end(), calib.P[p].begin());
    const Mat3<double> left = {
        {values[0], values[1], values[2], values[4], values[5], values[6], values[8], values[9], values[10]}};
    if (left.determinant() == 0)
      throw InputError(file, where(entries[kP0 + p].line, entries[kP0 + p].spelling), "projection matrix is singular");
  }

  std::copy(entries[kRRect].values.begin(), entries[kRRect].values.end(), calib.R_rect.m);
  check_rotation(file, entries[kRRect], calib.R_rect);

  calib.T_cam0_velo = transform_from_rows(entries[kTrVeloCam].values);
  check_rotation(file, entries[kTrVeloCam], calib.T_cam0_velo.R);

  if (entries[kTrImuVelo].line != 0) {
    calib.T_velo_imu = transform_from_rows(entries[kTrImuVelo].values);
    check_rotation(file, entries[kTrImuVelo], calib.T_velo_imu->R);
  }
  return calib;
}

}  // namespace fuselabel
