#include "io/nuscenes/nuscenes_conversions.h"

#include <cmath>
#include <stdexcept>

#include "model/coordinate_ranges.h"

namespace fuselabel::nuscenes {
namespace {

void require_finite_count(const std::vector<double>& values, size_t count, const char* what) {
  if (values.size() != count)
    throw std::invalid_argument("expected " + std::to_string(count) + " values (" + what + "), found " +
                                std::to_string(values.size()));
  for (size_t i = 0; i < values.size(); ++i)
    if (!std::isfinite(values[i])) throw std::invalid_argument("value " + std::to_string(i) + " is not finite");
}

// Throws for the first value problem(value) finds a problem with ("value 2: ...").
void require_each(const std::vector<double>& values, std::string (*problem)(double), const char* what) {
  for (size_t i = 0; i < values.size(); ++i)
    if (const std::string found = problem(values[i]); !found.empty())
      throw std::invalid_argument(std::string(what) + " " + std::to_string(i) + ": " + found);
}

}  // namespace

Quat<double> unit_quaternion(const std::vector<double>& wxyz) {
  require_finite_count(wxyz, 4, "w x y z");
  const Quat<double> q{wxyz[0], wxyz[1], wxyz[2], wxyz[3]};
  const double norm = q.norm();
  if (!(std::abs(norm - 1.0) <= kQuaternionNormTolerance))
    throw std::invalid_argument("not a unit quaternion: norm " + std::to_string(norm));
  return q.normalized();
}

Vec3<double> position_vector3(const std::vector<double>& xyz) {
  require_finite_count(xyz, 3, "x y z");
  require_each(xyz, coordinate_problem, "value");
  return {xyz[0], xyz[1], xyz[2]};
}

Vec3<double> size_wlh_to_lwh(const std::vector<double>& wlh) {
  require_finite_count(wlh, 3, "width length height");
  require_each(wlh, box_size_problem, "size value");
  return {wlh[1], wlh[0], wlh[2]};
}

Transform3d rigid_transform(const std::vector<double>& translation, const std::vector<double>& rotation_wxyz) {
  return {unit_quaternion(rotation_wxyz).to_matrix(), position_vector3(translation)};
}

CameraModeld pinhole_camera(const std::vector<std::vector<double>>& K, int width, int height) {
  if (K.size() != 3 || K[0].size() != 3 || K[1].size() != 3 || K[2].size() != 3)
    throw std::invalid_argument("expected a 3x3 matrix");
  for (const auto& row : K)
    for (double v : row)
      if (!std::isfinite(v)) throw std::invalid_argument("a value is not finite");
  if (!(K[0][0] > 0 && K[1][1] > 0)) throw std::invalid_argument("focal lengths must be positive");
  if (K[0][1] != 0 || K[1][0] != 0)
    throw std::invalid_argument("skew is not supported (K[0][1] and K[1][0] must be 0)");
  if (K[2][0] != 0 || K[2][1] != 0 || K[2][2] != 1) throw std::invalid_argument("last row must be 0 0 1");
  if (width <= 0 || height <= 0) throw std::invalid_argument("image width and height must be positive");
  CameraModeld camera;
  camera.type = CameraModelType::Pinhole;
  camera.width = width;
  camera.height = height;
  camera.fx = K[0][0];
  camera.fy = K[1][1];
  camera.cx = K[0][2];
  camera.cy = K[1][2];
  return camera;
}

std::pair<std::string, std::string> attribute_entry(const std::string& name) {
  const size_t dot = name.find('.');
  if (dot == std::string::npos) return {name, ""};
  return {name.substr(0, dot), name.substr(dot + 1)};
}

}  // namespace fuselabel::nuscenes
