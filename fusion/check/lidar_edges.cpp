#include "fusion/check/lidar_edges.h"

#include <algorithm>
#include <cmath>

namespace fuselabel {
namespace {

constexpr double kPi = 3.141592653589793;

struct Return {
  Vec3<double> direction;
  double range;
  int64_t record;
  float intensity;
};

// The edge between a pair of returns, if one is across a jump from the other.
void add_edge(const Return& a, const Return& b, const LidarEdgeSettings& s, std::vector<LidarEdge>& edges) {
  const Return& near = a.range < b.range ? a : b;
  const Return& far = a.range < b.range ? b : a;
  const double jump = far.range - near.range;
  if (jump < s.min_jump_m || jump < s.min_jump_fraction * near.range) return;
  Vec3<double> mid = near.direction + far.direction;
  const double n = std::sqrt(dot(mid, mid));
  if (n <= 0) return;
  edges.push_back({(near.range / n) * mid, near.record});
}

// The reflectivity edge between two returns beside each other on one surface, if any.
void add_reflectivity_edge(const Return& a, const Return& b, const LidarEdgeSettings& s, float step,
                           std::vector<LidarEdge>& edges) {
  const double dr = std::fabs(a.range - b.range);
  if (dr > s.same_surface_m || dr > s.same_surface_fraction * std::min(a.range, b.range)) return;
  const float lo = std::min(a.intensity, b.intensity), hi = std::max(a.intensity, b.intensity);
  if (hi - lo < step || hi < s.min_intensity_ratio * lo) return;
  const Return& dark = a.intensity < b.intensity ? a : b;
  edges.push_back({0.5 * (a.range * a.direction + b.range * b.direction), dark.record});
}

double height(const Return& r) { return r.range * r.direction.z; }

// Whether two returns lie on a surface sloping less than `max_slope` (rise over horizontal run).
bool flat_between(const Return& a, const Return& b, double max_slope) {
  const Vec3<double> pa = a.range * a.direction, pb = b.range * b.direction;
  const double run = std::hypot(pa.x - pb.x, pa.y - pb.y);
  return std::fabs(pa.z - pb.z) <= max_slope * run;
}

// Whether the return in cell (row, col) continues the flat surface of the return below it (the
// first one down its column or a column beside, as the beams of one firing can straddle a cell).
bool on_flat_ground(const std::vector<int32_t>& cell, int cols, int row, int col, int max_rows_gap,
                    const std::vector<Return>& returns, double max_slope) {
  const Return& r = returns[size_t(cell[size_t(row) * cols + col])];
  for (int j = 1; j <= max_rows_gap && row - j >= 0; ++j)
    for (int dc : {0, -1, 1}) {
      const int32_t under = cell[size_t(row - j) * cols + (col + dc + cols) % cols];
      if (under >= 0) return flat_between(returns[size_t(under)], r, max_slope);
    }
  return false;
}

float percentile_95(std::vector<float> v) {
  if (v.empty()) return 0;
  const size_t k = v.size() * 95 / 100;
  std::nth_element(v.begin(), v.begin() + long(k), v.end());
  return v[k];
}

// The sweep's firing step in cells: the median step from a filled cell to the next one along its
// row (steps longer than kLongestStepCells are gaps in the scene, not the firing pattern).
double median_azimuth_step(const std::vector<int32_t>& cell, int cols, int rows) {
  constexpr int kLongestStepCells = 64;
  std::vector<int> steps;
  for (int row = 0; row < rows; ++row) {
    int last = -1;
    for (int col = 0; col < cols; ++col) {
      if (cell[size_t(row) * cols + col] < 0) continue;
      if (last >= 0 && col - last <= kLongestStepCells) steps.push_back(col - last);
      last = col;
    }
  }
  if (steps.empty()) return 0;
  std::nth_element(steps.begin(), steps.begin() + long(steps.size() / 2), steps.end());
  return steps[steps.size() / 2];
}

}  // namespace

std::vector<LidarEdge> lidar_depth_edges(const PointSweep& sweep, const LidarEdgeSettings& s) {
  std::vector<Return> returns;
  std::vector<double> elevation;
  const int stride = sweep.stride();
  const auto intensity_field = std::find(sweep.fields.begin(), sweep.fields.end(), "intensity");
  const long intensity = intensity_field == sweep.fields.end() ? -1 : intensity_field - sweep.fields.begin();
  returns.reserve(size_t(sweep.size()));
  for (int64_t i = 0; i < sweep.size(); ++i) {
    const float* r = &sweep.records[size_t(i * stride)];
    const Vec3<double> p = {r[0], r[1], r[2]};
    const double range = std::sqrt(dot(p, p));
    if (!(range >= s.min_range_m && range <= s.max_range_m)) continue;
    returns.push_back({(1 / range) * p, range, i, intensity >= 0 ? r[intensity] : 0.0f});
    elevation.push_back(std::asin(std::clamp(p.z / range, -1.0, 1.0)));
  }
  if (returns.size() < 2) return {};
  const auto [lo, hi] = std::minmax_element(elevation.begin(), elevation.end());
  const double az_cell = s.azimuth_cell_deg * kPi / 180, el_cell = s.elevation_cell_deg * kPi / 180;
  const int cols = int(std::ceil(2 * kPi / az_cell));
  const int rows = std::min(4096, int((*hi - *lo) / el_cell) + 1);
  // Each cell keeps its nearest return.
  std::vector<int32_t> cell(size_t(cols) * size_t(rows), -1);
  for (size_t i = 0; i < returns.size(); ++i) {
    const Vec3<double>& d = returns[i].direction;
    const int col = std::clamp(int((std::atan2(d.y, d.x) + kPi) / az_cell), 0, cols - 1);
    const int row = std::clamp(int((elevation[i] - *lo) / el_cell), 0, rows - 1);
    int32_t& c = cell[size_t(row) * cols + col];
    if (c < 0 || returns[i].range < returns[size_t(c)].range) c = int32_t(i);
  }
  std::vector<LidarEdge> edges;
  float intensity_step = 0;
  if (s.reflectivity && intensity >= 0) {
    std::vector<float> values;
    for (const Return& r : returns) values.push_back(r.intensity);
    intensity_step = float(s.min_intensity_step) * percentile_95(std::move(values));
  }
  const int max_rows_gap = std::max(1, int(std::ceil(s.max_elevation_gap_deg / s.elevation_cell_deg)));
  const int max_azimuth_gap =
      std::max(s.max_azimuth_gap_cells, int(std::ceil(1.5 * median_azimuth_step(cell, cols, rows))));
  for (int row = 0; row < rows; ++row)
    for (int col = 0; col < cols; ++col) {
      const int32_t here = cell[size_t(row) * cols + col];
      if (here < 0) continue;
      for (int k = 1; k <= max_azimuth_gap; ++k) {  // beside (wrapping at +-180 deg)
        const int32_t there = cell[size_t(row) * cols + (col + k) % cols];
        if (there >= 0) {
          add_edge(returns[size_t(here)], returns[size_t(there)], s, edges);
          if (intensity_step > 0)
            add_reflectivity_edge(returns[size_t(here)], returns[size_t(there)], s, intensity_step, edges);
          break;
        }
      }
      for (int k = 1; k <= max_rows_gap && row + k < rows; ++k) {  // above
        const int32_t there = cell[size_t(row + k) * cols + col];
        if (there < 0) continue;
        const Return &a = returns[size_t(here)], &b = returns[size_t(there)];
        if (std::fabs(height(a) - height(b)) < s.min_height_step_m) break;
        // The lower return nearer, on a flat surface that the one below it continues: the ground
        // (or a flat top) at the foot of what the upper ray hits. It hides nothing; the edge there
        // is where the far surface meets it, not at its range.
        if (a.range >= b.range || !on_flat_ground(cell, cols, row, col, max_rows_gap, returns, s.max_flat_slope))
          add_edge(a, b, s, edges);
        break;
      }
    }
  return edges;
}

}  // namespace fuselabel
