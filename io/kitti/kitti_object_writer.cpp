// Writers for KITTI calib and label_2 files, in the exact layout KITTI ships (so the devkit's
// own readers accept them), always through write_file_atomic.
#include "io/kitti/kitti_object_writer.h"

#include <array>
#include <cmath>
#include <cstdarg>
#include <cstdio>
#include <stdexcept>
#include <string>

#include "io/common/atomic_file.h"

namespace fuselabel {
namespace {

// printf into the end of `out`, however long the result ("%.2f" of 1e300 is 300 digits).
__attribute__((format(printf, 2, 3))) void append_format(std::string& out, const char* format, ...) {
  va_list args, args_copy;
  va_start(args, format);
  va_copy(args_copy, args);
  const int n = std::vsnprintf(nullptr, 0, format, args_copy);
  va_end(args_copy);
  if (n < 0) {
    va_end(args);
    throw std::runtime_error(std::string("cannot format '") + format + "'");
  }
  const size_t start = out.size();
  out.resize(start + static_cast<size_t>(n) + 1);
  std::vsnprintf(&out[start], static_cast<size_t>(n) + 1, format, args);
  va_end(args);
  out.resize(start + static_cast<size_t>(n));
}

// "%.12e" is KITTI's own spelling (7.215377000000e+02).
void append_matrix_line(std::string& out, const char* key, const double* values, int count) {
  out += key;
  out += ':';
  for (int i = 0; i < count; ++i) append_format(out, " %.12e", values[i] == 0 ? 0.0 : values[i]);  // never -0
  out += '\n';
}

std::array<double, 12> rows_of(const Transform3d& T) {
  const Mat3<double>& R = T.R;
  return {R(0, 0), R(0, 1), R(0, 2), T.t.x, R(1, 0), R(1, 1), R(1, 2), T.t.y, R(2, 0), R(2, 1), R(2, 2), T.t.z};
}

bool has_whitespace(const std::string& s) { return s.find_first_of(" \t\r\n\v\f") != std::string::npos; }

// Values that round to zero print as 0, never as -0 ("-0.00").
double no_negative_zero(double v, int decimals) { return std::fabs(v) < 0.5 * std::pow(10.0, -decimals) ? 0.0 : v; }

}  // namespace

void write_kitti_calib(const std::filesystem::path& file, const KittiCalib& calib) {
  std::string out;
  static const char* const kProjectionKeys[4] = {"P0", "P1", "P2", "P3"};
  for (int p = 0; p < 4; ++p) append_matrix_line(out, kProjectionKeys[p], calib.P[p].data(), 12);
  append_matrix_line(out, "R0_rect", calib.R_rect.m, 9);
  append_matrix_line(out, "Tr_velo_to_cam", rows_of(calib.T_cam0_velo).data(), 12);
  append_matrix_line(out, "Tr_imu_to_velo", rows_of(calib.T_velo_imu.value_or(Transform3d::identity())).data(), 12);
  write_file_atomic(file, out);
}

std::string kitti_label_columns(const KittiObjectLabel& l, const std::filesystem::path& file, KittiLabelFlavour flavour) {
  if (l.type.empty() || has_whitespace(l.type))
    throw std::invalid_argument("KITTI label writer: type '" + l.type + "' cannot be written as one column (" +
                                file.string() + ")");
  std::string out = l.type;
  // Tracking files give truncation as an integer level (kitti_object.h) and print 6 decimals
  // where the object files print 2, as KITTI's own files of each benchmark do.
  const bool tracking = flavour == KittiLabelFlavour::Tracking;
  const int d = tracking ? 6 : 2;
  // The object files print a DontCare line's fixed fill values as integers ("-1 -1 -1 -1000
  // -1000 -1000 -10"); alpha and the 2D box keep their decimals.
  const bool integer_fill = !tracking && l.type == "DontCare";
  const auto append_value = [&](double v) {
    if (integer_fill) append_format(out, " %g", no_negative_zero(v, 0));
    else append_format(out, " %.*f", d, no_negative_zero(v, d));
  };
  if (tracking) append_format(out, " %d", int(l.truncated));
  else append_value(l.truncated);
  append_format(out, " %d", l.occluded);
  for (double v : {l.alpha, l.box2d.x1, l.box2d.y1, l.box2d.x2, l.box2d.y2})
    append_format(out, " %.*f", d, no_negative_zero(v, d));
  for (double v : {l.height, l.width, l.length, l.location.x, l.location.y, l.location.z, l.rotation_y}) append_value(v);
  // The score only ranks detections; 4 decimals keep close scores apart for evaluation.
  if (l.score) append_format(out, " %.4f", *l.score);
  return out;
}

void write_kitti_object_labels(const std::filesystem::path& file, const std::vector<KittiObjectLabel>& labels) {
  std::string out;
  for (const KittiObjectLabel& l : labels) out += kitti_label_columns(l, file, KittiLabelFlavour::Object) + "\n";
  write_file_atomic(file, out);
}

}  // namespace fuselabel
