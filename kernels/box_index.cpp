#include "kernels/box_index.h"

#include <algorithm>
#include <climits>
#include <cmath>
#include <stdexcept>

namespace fuselabel {
namespace {

bool finite(Vec3<double> v) { return std::isfinite(v.x) && std::isfinite(v.y) && std::isfinite(v.z); }

// A box's footprint bounding rectangle, padded (see build_box_index).
struct Footprint {
  double x_lo, y_lo, x_hi, y_hi;
};

Footprint padded_footprint(const CuboidFrame<float>& f) {
  const Mat3<double> R = f.R_box_frame.cast<double>();
  const Vec3<double> c = f.center.cast<double>(), h = f.half_size.cast<double>();
  // Row i of R_box_frame is box axis i in frame coordinates.
  const double ex = std::abs(R(0, 0)) * h.x + std::abs(R(1, 0)) * h.y + std::abs(R(2, 0)) * h.z;
  const double ey = std::abs(R(0, 1)) * h.x + std::abs(R(1, 1)) * h.y + std::abs(R(2, 1)) * h.z;
  const double magnitude = std::max(std::abs(c.x) + ex, std::abs(c.y) + ey);
  const double pad = 1e-3 + 1e-5 * magnitude;
  return {c.x - ex - pad, c.y - ey - pad, c.x + ex + pad, c.y + ey + pad};
}

// Lays out one frame's grid over its boxes' footprints and appends its cell lists.
void index_frame(const std::vector<Footprint>& footprints, int64_t first_box, float cell_size, BoxIndex& index) {
  BevGridFrame grid;
  grid.first_cell = static_cast<int64_t>(index.cell_offsets.size()) - 1;
  if (footprints.empty()) {
    index.grids.push_back(grid);
    return;
  }
  double x_lo = footprints[0].x_lo, y_lo = footprints[0].y_lo, x_hi = footprints[0].x_hi, y_hi = footprints[0].y_hi;
  for (const Footprint& fp : footprints) {
    x_lo = std::min(x_lo, fp.x_lo), y_lo = std::min(y_lo, fp.y_lo);
    x_hi = std::max(x_hi, fp.x_hi), y_hi = std::max(y_hi, fp.y_hi);
  }
  const double max_cells = std::max<double>(1024, 64.0 * footprints.size());
  double cell = cell_size;
  while (std::ceil((x_hi - x_lo) / cell) * std::ceil((y_hi - y_lo) / cell) > max_cells) cell *= 1.5;
  // The grid is laid out with the float origin and scale the kernels use, so the host's cell
  // ranges and the kernels' point cells differ only by the kernels' rounding, which the
  // footprint padding absorbs.
  grid.origin_x = static_cast<float>(x_lo), grid.origin_y = static_cast<float>(y_lo);
  grid.inv_cell_size = static_cast<float>(1.0 / cell);
  const double ox = grid.origin_x, oy = grid.origin_y, inv = grid.inv_cell_size;
  auto cell_x = [&](double x) { return static_cast<int64_t>(std::floor((x - ox) * inv)); };
  auto cell_y = [&](double y) { return static_cast<int64_t>(std::floor((y - oy) * inv)); };
  grid.nx = static_cast<int32_t>(cell_x(x_hi) + 1);
  grid.ny = static_cast<int32_t>(cell_y(y_hi) + 1);
  auto range = [&](const Footprint& fp, int64_t& cx0, int64_t& cy0, int64_t& cx1, int64_t& cy1) {
    cx0 = std::max<int64_t>(0, cell_x(fp.x_lo)), cx1 = std::min<int64_t>(grid.nx - 1, cell_x(fp.x_hi));
    cy0 = std::max<int64_t>(0, cell_y(fp.y_lo)), cy1 = std::min<int64_t>(grid.ny - 1, cell_y(fp.y_hi));
  };

  const int64_t cells = int64_t{grid.nx} * grid.ny;
  std::vector<int64_t> counts(cells + 1, 0);
  for (const Footprint& fp : footprints) {
    int64_t cx0, cy0, cx1, cy1;
    range(fp, cx0, cy0, cx1, cy1);
    for (int64_t cy = cy0; cy <= cy1; ++cy)
      for (int64_t cx = cx0; cx <= cx1; ++cx) ++counts[cy * grid.nx + cx + 1];
  }
  const int64_t base = index.cell_offsets.back();
  for (int64_t c = 0; c < cells; ++c) counts[c + 1] += counts[c];
  if (base + counts[cells] > INT32_MAX) throw std::invalid_argument("box index: more than 2^31 cell entries");
  for (int64_t c = 1; c <= cells; ++c) index.cell_offsets.push_back(static_cast<int32_t>(base + counts[c]));
  index.cell_boxes.resize(base + counts[cells]);
  std::vector<int64_t> fill(counts.begin(), counts.end() - 1);
  for (size_t b = 0; b < footprints.size(); ++b) {  // ascending box order within every cell
    int64_t cx0, cy0, cx1, cy1;
    range(footprints[b], cx0, cy0, cx1, cy1);
    for (int64_t cy = cy0; cy <= cy1; ++cy)
      for (int64_t cx = cx0; cx <= cx1; ++cx)
        index.cell_boxes[base + fill[cy * grid.nx + cx]++] = static_cast<int32_t>(first_box + b);
  }
  index.grids.push_back(grid);
}

}  // namespace

void validate(const FrameCuboids& cuboids, const std::string& what) {
  auto fail = [&](const std::string& why) { throw std::invalid_argument(what + ": " + why); };
  if (cuboids.offsets.empty() || cuboids.offsets.front() != 0) fail("box offsets must start at 0");
  for (size_t f = 1; f < cuboids.offsets.size(); ++f)
    if (cuboids.offsets[f] < cuboids.offsets[f - 1]) fail("box offsets must not decrease");
  if (cuboids.offsets.back() != static_cast<int64_t>(cuboids.boxes.size()))
    fail("box offsets end at " + std::to_string(cuboids.offsets.back()) + " but there are " +
         std::to_string(cuboids.boxes.size()) + " boxes");
  if (cuboids.boxes.size() > static_cast<size_t>(INT32_MAX)) fail("more than 2^31 - 1 boxes");
  for (int32_t f = 0; f < cuboids.frames(); ++f)
    for (int64_t b = cuboids.offsets[f]; b < cuboids.offsets[f + 1]; ++b)
      validate_cuboid(cuboids.boxes[b],
                      what + ": box " + std::to_string(b - cuboids.offsets[f]) + " of frame " + std::to_string(f));
}

void validate_cuboid(const Cuboidd& box, const std::string& what) {
  auto fail = [&](const std::string& why) { throw std::invalid_argument(what + " " + why); };
  if (!finite(box.center) || !finite(box.size)) fail("has a non-finite centre or size");
  if (box.size.x < 0 || box.size.y < 0 || box.size.z < 0) fail("has a negative size");
  const double norm = box.rotation.norm();
  if (!(std::abs(norm - 1) <= 1e-6)) fail("has a rotation that is not a unit quaternion (norm " + std::to_string(norm) + ")");
}

BoxIndex build_box_index(const FrameCuboids& cuboids, float cell_size) {
  if (!(cell_size > 0) || !std::isfinite(cell_size)) throw std::invalid_argument("box index: cell size must be > 0");
  BoxIndex index;
  index.cell_offsets = {0};
  for (const Cuboidd& box : cuboids.boxes) {
    const CuboidFrame<double> frame = make_cuboid_frame(box);
    const CuboidFrame<float> narrow = {frame.R_box_frame.cast<float>(), frame.center.cast<float>(),
                                       frame.half_size.cast<float>()};
    if (!finite(narrow.center.cast<double>()) || !finite(narrow.half_size.cast<double>()))
      throw std::invalid_argument("box index: box " + std::to_string(index.boxes.size()) + " lies beyond float range");
    index.boxes.push_back(narrow);
    index.volumes.push_back(box.size.x * box.size.y * box.size.z);
  }
  for (int32_t f = 0; f < cuboids.frames(); ++f) {
    std::vector<Footprint> footprints;
    for (int64_t b = cuboids.offsets[f]; b < cuboids.offsets[f + 1]; ++b)
      footprints.push_back(padded_footprint(index.boxes[b]));
    index_frame(footprints, cuboids.offsets[f], cell_size, index);
  }
  return index;
}

}  // namespace fuselabel
