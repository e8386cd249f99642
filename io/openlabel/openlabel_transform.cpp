#include "io/openlabel/openlabel_transform.h"

#include <cmath>
#include <string>

#include "io/native/native_drive_text.h"
#include "model/coordinate_ranges.h"

namespace fuselabel {
namespace {

Mat3<double> axis_rotation(char axis, double angle) {
  const double c = std::cos(angle), s = std::sin(angle);
  switch (axis) {
    case 'X': return {{1, 0, 0, 0, c, -s, 0, s, c}};
    case 'Y': return {{c, 0, s, 0, 1, 0, -s, 0, c}};
    default: return {{c, -s, 0, s, c, 0, 0, 0, 1}};
  }
}

Vec3<double> read_translation(const JsonField& f) {
  const std::vector<double> t = f.checked_numbers(3, coordinate_problem);
  return {t[0], t[1], t[2]};
}

void check_rotation(const JsonField& f, const Mat3<double>& R) {
  const double error = orthonormality_error(R);
  if (!(error <= kOpenLabelRotationTolerance))
    f.fail("the rotation block is not orthonormal (max |R^T R - I| = " + format_double(error) + ", tolerance 1e-3)");
  if (R.determinant() < 0) f.fail("the rotation block is a reflection (determinant " + format_double(R.determinant()) + ")");
}

Transform3d read_matrix(const JsonField& f) {
  const JsonField matrix = f.at("matrix4x4");
  const std::vector<double> m = matrix.numbers(16);
  for (int c = 0; c < 4; ++c)
    if (!(std::abs(m[12 + c] - (c == 3 ? 1.0 : 0.0)) <= 1e-9))
      matrix.fail("the last row must be 0 0 0 1 (a rigid transform), it is " + format_double(m[12]) + " " +
                  format_double(m[13]) + " " + format_double(m[14]) + " " + format_double(m[15]));
  Transform3d T;
  for (int r = 0; r < 3; ++r)
    for (int c = 0; c < 3; ++c) T.R(r, c) = m[4 * r + c];
  for (int r = 0; r < 3; ++r)
    if (!coordinate_problem(m[4 * r + 3]).empty())
      matrix.fail("translation " + std::to_string(r) + ": " + coordinate_problem(m[4 * r + 3]));
  T.t = {m[3], m[7], m[11]};
  check_rotation(matrix, T.R);
  return T;
}

Transform3d read_quaternion(const JsonField& f) {
  const JsonField quaternion = f.at("quaternion");
  const std::vector<double> q = quaternion.numbers(4);
  const Quat<double> rotation{q[3], q[0], q[1], q[2]};  // stored (x, y, z, w)
  if (!(std::abs(rotation.norm() - 1) <= kOpenLabelRotationTolerance))
    quaternion.fail("not a unit quaternion [x, y, z, w] (norm " + format_double(rotation.norm()) + ", tolerance 1e-3)");
  return Transform3d::from_rotation_translation(rotation, read_translation(f.required("translation")));
}

Transform3d read_euler(const JsonField& f) {
  const std::vector<double> a = f.at("euler_angles").numbers(3);
  std::string sequence = "ZYX";
  if (f.has("sequence")) {
    const JsonField s = f.at("sequence");
    sequence = s.string();
    bool valid = sequence.size() == 3;
    for (char c : sequence) valid = valid && (c == 'X' || c == 'Y' || c == 'Z');
    for (size_t i = 0; valid && i + 1 < sequence.size(); ++i) valid = sequence[i] != sequence[i + 1];
    if (!valid) s.fail("expected three axes of X, Y, Z with no axis twice in a row, e.g. \"ZYX\"");
  }
  Transform3d T;
  T.R = axis_rotation(sequence[0], a[0]) * axis_rotation(sequence[1], a[1]) * axis_rotation(sequence[2], a[2]);
  T.t = read_translation(f.required("translation"));
  return T;
}

}  // namespace

Mat3<double> rotation_from_xyz_angles(double rx, double ry, double rz) {
  return axis_rotation('Z', rz) * axis_rotation('Y', ry) * axis_rotation('X', rx);
}

Transform3d read_openlabel_transform(const JsonField& f) {
  if (!f.value.is_object()) f.fail("expected a transform object (matrix4x4, quaternion or euler_angles)");
  if (f.has("matrix4x4")) {
    f.expect_object({"matrix4x4"});
    return read_matrix(f);
  }
  if (f.has("quaternion")) {
    f.expect_object({"quaternion", "translation"});
    return read_quaternion(f);
  }
  if (f.has("euler_angles")) {
    f.expect_object({"euler_angles", "sequence", "translation"});
    return read_euler(f);
  }
  f.fail("expected one of matrix4x4, quaternion + translation, or euler_angles + translation");
}

nlohmann::json openlabel_transform_json(const Transform3d& T) {
  nlohmann::json m = nlohmann::json::array();
  for (int r = 0; r < 3; ++r) {
    for (int c = 0; c < 3; ++c) m.push_back(T.R(r, c));
    m.push_back(r == 0 ? T.t.x : r == 1 ? T.t.y : T.t.z);
  }
  for (double v : {0.0, 0.0, 0.0, 1.0}) m.push_back(v);
  return {{"matrix4x4", m}};
}

}  // namespace fuselabel
