#pragma once
// Random overlapping cuboids and clouds that fill them, for the cuboid kernels' tests and
// benchmarks, plus the float64 membership reference those tests compare against.
#include <algorithm>
#include <cmath>
#include <vector>

#include "projection/cuboid.h"
#include "random_calibration.h"

namespace fuselabel::testing {

// Car- and pedestrian-sized cuboids around a vehicle. About a third are placed against an
// earlier one so that they overlap it, some nested inside it, and a few duplicate it exactly
// (equal volumes: the assignment's tie rule). With `tilted`, boxes also get roll and pitch.
inline std::vector<Cuboidd> random_overlapping_cuboids(RandomScene& rng, int n, bool tilted) {
  std::vector<Cuboidd> boxes;
  for (int i = 0; i < n; ++i) {
    Cuboidd box;
    const double kind = rng.uniform(0, 1);
    if (i > 0 && kind < 0.05) {
      box = boxes[static_cast<size_t>(rng.uniform(0, i))];
    } else if (i > 0 && kind < 0.35) {
      const Cuboidd& near = boxes[static_cast<size_t>(rng.uniform(0, i))];
      const double scale = rng.uniform(0.3, 1.2);
      box.center = near.center + Vec3<double>{rng.uniform(-1, 1), rng.uniform(-1, 1), rng.uniform(-0.3, 0.3)};
      box.size = scale * near.size;
      box.rotation = Quat<double>::from_yaw(rng.uniform(-3.2, 3.2));
    } else {
      box.center = {rng.uniform(-20, 80), rng.uniform(-40, 40), rng.uniform(-1.5, 1.5)};
      const bool pedestrian = rng.uniform(0, 1) < 0.2;
      box.size = pedestrian ? Vec3<double>{rng.uniform(0.4, 1), rng.uniform(0.4, 1), rng.uniform(1.5, 2)}
                            : Vec3<double>{rng.uniform(3, 6), rng.uniform(1.5, 2.5), rng.uniform(1.4, 3)};
      box.rotation = Quat<double>::from_yaw(rng.uniform(-3.2, 3.2));
    }
    if (tilted && rng.uniform(0, 1) < 0.3)
      box.rotation = (box.rotation * Quat<double>::from_axis_angle({1, 0, 0}, rng.uniform(-0.3, 0.3)) *
                      Quat<double>::from_axis_angle({0, 1, 0}, rng.uniform(-0.3, 0.3)))
                         .normalized();
    boxes.push_back(box);
  }
  return boxes;
}

// Appends per_box x y z [extra] records around each box: uniform over the box grown by 20%
// in each local axis, so most land inside and many just outside.
inline void append_points_around(RandomScene& rng, const std::vector<Cuboidd>& boxes, int per_box, int stride,
                                 std::vector<float>& records) {
  for (const Cuboidd& box : boxes) {
    const Mat3<double> R = box.rotation.to_matrix();
    for (int i = 0; i < per_box; ++i) {
      const Vec3<double> local = {rng.uniform(-0.6, 0.6) * box.size.x, rng.uniform(-0.6, 0.6) * box.size.y,
                                  rng.uniform(-0.6, 0.6) * box.size.z};
      const Vec3<double> p = R * local + box.center;
      records.push_back(static_cast<float>(p.x));
      records.push_back(static_cast<float>(p.y));
      records.push_back(static_cast<float>(p.z));
      for (int f = 3; f < stride; ++f) records.push_back(0.5f);
    }
  }
}

// How far p lies outside the box, in metres along the box's worst axis: <= 0 inside
// (inclusive bounds), > 0 outside. Evaluated in double.
inline double outside_margin(const CuboidFrame<double>& box, Vec3<double> p) {
  const Vec3<double> d = box.R_box_frame * (p - box.center);
  return std::max({std::abs(d.x) - box.half_size.x, std::abs(d.y) - box.half_size.y, std::abs(d.z) - box.half_size.z});
}
inline double outside_margin(const Cuboidd& box, Vec3<double> p) { return outside_margin(make_cuboid_frame(box), p); }

// Points this close to a face may fall either way under float rounding.
constexpr double kFaceTolerance = 1e-4;

}  // namespace fuselabel::testing
