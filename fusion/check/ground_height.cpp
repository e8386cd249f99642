#include "fusion/check/ground_height.h"

#include <algorithm>
#include <cmath>

#include "projection/quaternion.h"

namespace fuselabel {

Cuboidd ground_apron(const Cuboidd& box) {
  Cuboidd apron = box;
  apron.size.x += 2 * kGroundApronMetres;
  apron.size.y += 2 * kGroundApronMetres;
  apron.size.z = 2 * kGroundBandMetres;
  apron.center = box.center + rotate(box.rotation, Vec3<double>{0, 0, -0.5 * box.size.z});
  return apron;
}

std::optional<GroundHeight> ground_under(const Cuboidd& box, const float* records, int stride,
                                         const std::vector<int32_t>& apron_points, int min_points) {
  // Points in the box's axes, heights above its bottom.
  const Quat<double> to_box = box.rotation.conjugate();
  const double clear_x = 0.5 * box.size.x + kGroundClearMetres, clear_y = 0.5 * box.size.y + kGroundClearMetres;
  std::vector<Vec3<double>> around;
  for (int32_t i : apron_points) {
    const float* r = records + int64_t(i) * stride;
    Vec3<double> p = rotate(to_box, Vec3<double>{r[0], r[1], r[2]} - box.center);
    if (std::fabs(p.x) <= clear_x && std::fabs(p.y) <= clear_y) continue;
    p.z += 0.5 * box.size.z;
    around.push_back(p);
  }
  if (int(around.size()) < min_points) return std::nullopt;
  std::vector<double> heights;
  for (const Vec3<double>& p : around) heights.push_back(p.z);
  std::nth_element(heights.begin(), heights.begin() + heights.size() / 4, heights.end());
  const double low = heights[heights.size() / 4];
  // The lowest layer, and its least-squares plane z = a + b x + c y.
  Mat3<double> A{{0, 0, 0, 0, 0, 0, 0, 0, 0}};
  Vec3<double> rhs{0, 0, 0};
  int n = 0;
  double sum_z = 0;
  int per_side[4] = {0, 0, 0, 0};  // front, back, left, right of the box
  for (const Vec3<double>& p : around) {
    if (p.z < low - 0.15 || p.z > low + 0.25) continue;
    const bool lengthwise = std::fabs(p.x) / clear_x >= std::fabs(p.y) / clear_y;
    ++per_side[lengthwise ? (p.x > 0 ? 0 : 1) : (p.y > 0 ? 2 : 3)];
    const double row[3] = {1, p.x, p.y};
    for (int i = 0; i < 3; ++i)
      for (int j = 0; j < 3; ++j) A(i, j) += row[i] * row[j];
    rhs = rhs + p.z * Vec3<double>{1, p.x, p.y};
    sum_z += p.z, ++n;
  }
  // A layer on one side only is as likely another object's edge as the ground.
  const int sides = int(std::count_if(per_side, per_side + 4, [](int k) { return k >= kMinGroundPointsPerSide; }));
  if (n < min_points || sides < 2) return std::nullopt;
  GroundHeight g{n, sum_z / n};
  // The plane where the layer spreads along both of the box's axes (1 m or more) and is no
  // steeper than a ramp; else the layer's mean.
  const double var_x = A(1, 1) / n - std::pow(A(0, 1) / n, 2), var_y = A(2, 2) / n - std::pow(A(0, 2) / n, 2);
  if (var_x > 1.0 && var_y > 1.0) {
    const Vec3<double> plane = A.inverse() * rhs;
    if (std::fabs(plane.y) < 0.2 && std::fabs(plane.z) < 0.2) g.height_m = plane.x;
  }
  return g;
}

}  // namespace fuselabel
