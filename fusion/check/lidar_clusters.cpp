#include "fusion/check/lidar_clusters.h"

#include <algorithm>
#include <cmath>
#include <unordered_map>

namespace fuselabel {
namespace {

constexpr double kGroundCellMetres = 1.0;
constexpr int kGroundReachCells = 2;  // the local ground: the lowest point within this many cells

uint64_t cell_key(int64_t i, int64_t j) { return uint64_t(uint32_t(int32_t(i))) << 32 | uint32_t(int32_t(j)); }

}  // namespace

std::vector<LidarCluster> unexplained_clusters(const PointSweep& sweep, const std::vector<Cuboidd>& cuboids_in_lidar,
                                               const ClusterLimits& limits) {
  const int stride = sweep.stride();
  const auto point = [&](int64_t i) {
    const float* r = &sweep.records[size_t(i * stride)];
    return Vec3<double>{r[0], r[1], r[2]};
  };
  // The lowest point of every ground cell.
  std::unordered_map<uint64_t, double> lowest;
  const double reach = limits.max_range_m + kGroundCellMetres * (kGroundReachCells + 1);
  for (int64_t i = 0; i < sweep.size(); ++i) {
    const Vec3<double> p = point(i);
    if (!std::isfinite(p.x) || p.x * p.x + p.y * p.y > reach * reach) continue;
    const uint64_t key =
        cell_key(int64_t(std::floor(p.x / kGroundCellMetres)), int64_t(std::floor(p.y / kGroundCellMetres)));
    const auto [at, added] = lowest.emplace(key, p.z);
    if (!added) at->second = std::min(at->second, p.z);
  }
  std::vector<CuboidFrame<double>> cleared;
  for (const Cuboidd& box : cuboids_in_lidar) {
    CuboidFrame<double> f = make_cuboid_frame(box);
    f.half_size = f.half_size + Vec3<double>{limits.clearance_m, limits.clearance_m, limits.clearance_m};
    cleared.push_back(f);
  }
  // Above-ground points no cuboid explains, by cluster cell, with their height above the ground
  // (the local ground of each ground cell found once).
  std::unordered_map<uint64_t, double> ground_of_cell;
  std::unordered_map<uint64_t, std::vector<std::pair<Vec3<double>, double>>> cells;
  for (int64_t i = 0; i < sweep.size(); ++i) {
    const Vec3<double> p = point(i);
    if (!std::isfinite(p.x) || p.x * p.x + p.y * p.y > limits.max_range_m * limits.max_range_m) continue;
    const int64_t gi = int64_t(std::floor(p.x / kGroundCellMetres)), gj = int64_t(std::floor(p.y / kGroundCellMetres));
    const auto [known, added] = ground_of_cell.emplace(cell_key(gi, gj), INFINITY);
    if (added)
      for (int64_t di = -kGroundReachCells; di <= kGroundReachCells; ++di)
        for (int64_t dj = -kGroundReachCells; dj <= kGroundReachCells; ++dj) {
          const auto at = lowest.find(cell_key(gi + di, gj + dj));
          if (at != lowest.end()) known->second = std::min(known->second, at->second);
        }
    const double above = p.z - known->second;
    if (above < limits.min_above_ground_m || above > limits.max_above_ground_m) continue;
    if (std::any_of(cleared.begin(), cleared.end(),
                    [&](const CuboidFrame<double>& f) { return cuboid_contains(f, p); }))
      continue;
    cells[cell_key(int64_t(std::floor(p.x / limits.cell_m)), int64_t(std::floor(p.y / limits.cell_m)))].push_back(
        {p, above});
  }
  // 8-connected components of the occupied cells.
  std::vector<LidarCluster> clusters;
  std::unordered_map<uint64_t, bool> seen;
  for (const auto& [start, unused] : cells) {
    if (seen[start]) continue;
    seen[start] = true;
    std::vector<uint64_t> stack = {start};
    Vec3<double> sum{0, 0, 0}, lo{INFINITY, INFINITY, 0}, hi{-INFINITY, -INFINITY, 0};
    LidarCluster c;
    while (!stack.empty()) {
      const uint64_t key = stack.back();
      stack.pop_back();
      for (const auto& [p, above] : cells.at(key)) {
        sum = sum + p, ++c.points;
        lo.x = std::min(lo.x, p.x), lo.y = std::min(lo.y, p.y), hi.x = std::max(hi.x, p.x), hi.y = std::max(hi.y, p.y);
        c.height_m = std::max(c.height_m, above);
      }
      const int64_t i = int32_t(uint32_t(key >> 32)), j = int32_t(uint32_t(key & 0xffffffff));
      for (int64_t di = -1; di <= 1; ++di)
        for (int64_t dj = -1; dj <= 1; ++dj) {
          const uint64_t next = cell_key(i + di, j + dj);
          if (cells.count(next) && !seen[next]) seen[next] = true, stack.push_back(next);
        }
    }
    c.centre = (1.0 / c.points) * sum;
    c.length_m = std::max(hi.x - lo.x, hi.y - lo.y), c.width_m = std::min(hi.x - lo.x, hi.y - lo.y);
    c.range_m = std::hypot(c.centre.x, c.centre.y);
    clusters.push_back(c);
  }
  // The same clusters in the same order on every run, whatever the hash map's order.
  std::sort(clusters.begin(), clusters.end(), [](const LidarCluster& a, const LidarCluster& b) {
    return std::make_tuple(a.centre.x, a.centre.y, a.points) < std::make_tuple(b.centre.x, b.centre.y, b.points);
  });
  return clusters;
}

}  // namespace fuselabel
