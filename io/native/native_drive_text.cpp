#include "io/native/native_drive_text.h"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <stdexcept>

#include "io/common/drive_path.h"

namespace fuselabel {
namespace {

bool is_finite(const Quat<double>& q) {
  return std::isfinite(q.w) && std::isfinite(q.x) && std::isfinite(q.y) && std::isfinite(q.z);
}

// Decimals kept of a transform's x, y, z (see quaternion_to_write).
constexpr double kRotationLattice = 1e12;
// A stored cuboid quaternion this close to unit norm is used as stored: normalising it again
// could move it by an ulp and break byte-identical rewriting.
constexpr double kExactUnitTolerance = 1e-15;

double on_lattice(double v) { return std::round(v * kRotationLattice) / kRotationLattice + 0.0; }

double& component(Quat<double>& q, int i) { return i == 0 ? q.w : i == 1 ? q.x : i == 2 ? q.y : q.z; }
double component(const Quat<double>& q, int i) { return i == 0 ? q.w : i == 1 ? q.x : i == 2 ? q.y : q.z; }

int largest_component(const Quat<double>& q) {
  int largest = 0;
  for (int i = 1; i < 4; ++i)
    if (std::fabs(component(q, i)) > std::fabs(component(q, largest))) largest = i;
  return largest;
}

// A matrix does not remember the norm of the quaternion it was made from, so a quaternion
// printed in full cannot be recovered from it bit for bit. Instead three components are
// rounded to 12 decimals and the fourth, `derived` (one of magnitude >= 0.5, so the result is
// accurate), is sqrt(1 - sum of their squares). Reading back gives the three rounded ones
// within a few ulps, so rounding again finds the same decimals and derives the same value.
// `shrink` lattice steps are taken off the largest rounded magnitude first.
Quat<double> quaternion_deriving(const Quat<double>& q, int derived, int shrink) {
  Quat<double> out;
  double sum = 0;
  int largest_rounded = -1;
  for (int i = 0; i < 4; ++i) {
    if (i == derived) continue;
    component(out, i) = on_lattice(component(q, i));
    if (largest_rounded < 0 || std::fabs(component(out, i)) > std::fabs(component(out, largest_rounded))) largest_rounded = i;
  }
  double& big = component(out, largest_rounded);
  big = on_lattice(big - std::copysign(shrink / kRotationLattice, big));
  for (int i = 0; i < 4; ++i)
    if (i != derived) sum += component(out, i) * component(out, i);
  component(out, derived) = std::copysign(std::sqrt(std::max(0.0, 1 - sum)), component(q, derived)) + 0.0;
  if (out.w < 0 || (out.w == 0 && (out.x < 0 || (out.x == 0 && (out.y < 0 || (out.y == 0 && out.z < 0))))))
    out = {-out.w + 0.0, -out.x + 0.0, -out.y + 0.0, -out.z + 0.0};  // q and -q are one rotation
  return out;
}

// What the writer makes of a rotation on its first try: derive the largest component.
Quat<double> recovered_quaternion(const Quat<double>& q) { return quaternion_deriving(q, largest_component(q), 0); }

bool reads_back(const Quat<double>& stored) {
  const Quat<double> again = recovered_quaternion(Quat<double>::from_matrix(rotation_as_read(stored)));
  return again.w == stored.w && again.x == stored.x && again.y == stored.y && again.z == stored.z;
}

}  // namespace

std::string format_double(double value) {
  if (!std::isfinite(value)) throw std::invalid_argument("cannot write a non-finite number to a native drive file");
  if (value == 0) return "0";
  char buffer[32];
  const auto [end, ec] = std::to_chars(buffer, buffer + sizeof buffer, value);
  if (ec != std::errc()) throw std::logic_error("format_double: buffer too small");
  return std::string(buffer, end);
}

bool is_near_unit(const Quat<double>& q) { return is_finite(q) && std::fabs(q.norm() - 1) <= kUnitQuaternionTolerance; }

Mat3<double> rotation_as_read(const Quat<double>& stored) { return stored.normalized().to_matrix(); }

Quat<double> unit_quaternion_as_read(const Quat<double>& stored) {
  return std::fabs(stored.norm() - 1) <= kExactUnitTolerance ? stored : stored.normalized();
}

Quat<double> quaternion_to_write(const Mat3<double>& R) {
  const Quat<double> q = Quat<double>::from_matrix(R);
  if (!is_finite(q)) throw std::invalid_argument("cannot write a rotation with non-finite entries");
  const Quat<double> first = recovered_quaternion(q);
  if (reads_back(first)) return first;
  // A near tie between the two largest components, or rounding that shrank the derived one
  // below another: try deriving another component, then shrinking the others by a step.
  for (int derived = 0; derived < 4; ++derived) {
    const Quat<double> candidate = quaternion_deriving(q, derived, 0);
    if (reads_back(candidate)) return candidate;
  }
  for (int shrink = 1; shrink <= 4; ++shrink) {
    const Quat<double> candidate = quaternion_deriving(q, largest_component(q), shrink);
    if (reads_back(candidate)) return candidate;
  }
  return first;  // never reached in tests of 6 million rotations, near ties included
}

Quat<double> unit_quaternion_to_write(const Quat<double>& q) {
  if (!is_finite(q) || q.norm() == 0) throw std::invalid_argument("cannot write a quaternion that is not finite and non-zero");
  Quat<double> unit = q;
  for (int i = 0; i < 4 && std::fabs(unit.norm() - 1) > kExactUnitTolerance; ++i) unit = unit.normalized();
  return unit;
}

std::string native_file_reference_problem(std::string_view path) {
  const std::string problem = drive_path_problem(path);
  if (!problem.empty()) return problem;
  if (path.find(',') != std::string_view::npos) return "file name contains ',' (the separator of the CSV indexes)";
  return "";
}

}  // namespace fuselabel
