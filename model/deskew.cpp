#include "model/deskew.h"

#include <algorithm>
#include <cmath>
#include <stdexcept>
#include <vector>

#include "model/input_error.h"

namespace fuselabel {

void deskew_sweep(PointSweep& sweep, const Transform3d& T_ego_lidar,
                  const std::function<Transform3d(int64_t)>& pose_at, const std::filesystem::path& file) {
  const auto t_field = std::find(sweep.fields.begin(), sweep.fields.end(), "t_offset");
  if (t_field == sweep.fields.end() || sweep.stride() < 4)
    throw std::invalid_argument("deskew_sweep: the sweep has no x y z and t_offset fields");
  const int stride = sweep.stride();
  const int t_index = static_cast<int>(t_field - sweep.fields.begin());
  const int64_t count = sweep.size();
  if (count == 0) return;

  float lo = sweep.records[t_index], hi = lo;
  for (int64_t i = 0; i < count; ++i) {
    const float t = sweep.records[i * stride + t_index];
    lo = std::min(lo, t), hi = std::max(hi, t);
  }
  const double lo_us = double(lo) * 1e6, hi_us = double(hi) * 1e6;
  if (lo_us < -kMaxPointOffsetUs || hi_us > kMaxPointOffsetUs)
    throw InputError(file, "field t_offset",
                     "offsets from " + std::to_string(lo) + " s to " + std::to_string(hi) +
                         " s: a point must be measured within 1 s of its sample time");

  // The correction at grid times first_us + k * step (relative to t0), composed in double;
  // UTM-sized world coordinates cancel here, so the float points never see them.
  const int64_t t0 = sweep.timestamp_us;
  const int64_t first_us = static_cast<int64_t>(std::floor(lo_us));
  const int64_t steps = std::max<int64_t>(1, static_cast<int64_t>(std::ceil((hi_us - double(first_us)) / kDeskewStepUs)));
  const Transform3d T_lidar_world_at_t0 = (pose_at(t0) * T_ego_lidar).inverse();
  std::vector<Transform3d> grid(static_cast<size_t>(steps + 1));
  for (int64_t k = 0; k <= steps; ++k)
    grid[size_t(k)] = T_lidar_world_at_t0 * pose_at(t0 + first_us + k * kDeskewStepUs) * T_ego_lidar;

  for (int64_t i = 0; i < count; ++i) {
    float* r = &sweep.records[i * stride];
    const double u = (double(r[t_index]) * 1e6 - double(first_us)) / kDeskewStepUs;
    const int64_t k = std::clamp<int64_t>(static_cast<int64_t>(u), 0, steps - 1);
    const double s = u - double(k);
    const Vec3<double> p{r[0], r[1], r[2]};
    const Vec3<double> a = grid[size_t(k)] * p, b = grid[size_t(k + 1)] * p;
    r[0] = static_cast<float>(a.x + s * (b.x - a.x));
    r[1] = static_cast<float>(a.y + s * (b.y - a.y));
    r[2] = static_cast<float>(a.z + s * (b.z - a.z));
  }
}

}  // namespace fuselabel
