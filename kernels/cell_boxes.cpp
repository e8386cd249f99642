// scan_points_in_boxes with Google Highway (foreach_target.h compiles this file once per x86
// target; HWY_DYNAMIC_DISPATCH runs the best one this CPU has). A run is taken a block at a
// time: first each point's cell and its list of candidate cuboids, without branches, keeping
// the points within the cell's height range (so with a non-empty list); then each kept point
// against its list, a vector of entries per compare.
#undef HWY_TARGET_INCLUDE
#define HWY_TARGET_INCLUDE "kernels/cell_boxes.cpp"
#include <hwy/foreach_target.h>  // IWYU pragma: keep
#include <hwy/highway.h>

#include <algorithm>
#include <climits>
#include <cmath>
#include <limits>

#include "kernels/cell_boxes.h"
#include "kernels/simd_records-inl.h"

#if HWY_ONCE
namespace fuselabel {
namespace {

// The heights a point inside the cuboid can have, with build_box_index's footprint padding
// (1 mm plus 1e-5 of the coordinates' magnitude: more than the float rounding of the test).
void padded_height_range(const CuboidFrame<float>& f, double& lo, double& hi) {
  const Mat3<double> R = f.R_box_frame.cast<double>();  // row i: box axis i in frame coordinates
  const Vec3<double> c = f.center.cast<double>(), h = f.half_size.cast<double>();
  auto extent = [&](int axis) {
    return std::abs(R(0, axis)) * h.x + std::abs(R(1, axis)) * h.y + std::abs(R(2, axis)) * h.z;
  };
  const double ez = extent(2);
  const double magnitude = std::max({std::abs(c.x) + extent(0), std::abs(c.y) + extent(1), std::abs(c.z) + ez});
  const double pad = 1e-3 + 1e-5 * magnitude;
  lo = c.z - ez - pad, hi = c.z + ez + pad;
}

}  // namespace

CellBoxTable make_cell_box_table(const BoxIndex& index) {
  CellBoxTable table;
  const int64_t entries = static_cast<int64_t>(index.cell_boxes.size());
  // Any vector may read past a list's end (its lanes are masked off): one vector of the widest
  // target (AVX-512, 64 bytes) of padding. Not HWY_MAX_BYTES: here, outside the per-target code,
  // it is the static target's width, which may be narrower.
  constexpr int64_t kWidestVectorFloats = 64 / sizeof(float);
  table.stride = entries + kWidestVectorFloats;
  table.values.assign(CellBoxTable::kFields * table.stride, 0.f);
  for (int64_t e = 0; e < entries; ++e) {
    const CuboidFrame<float>& box = index.boxes[index.cell_boxes[e]];
    const float fields[CellBoxTable::kFields] = {
        box.center.x,         box.center.y,         box.center.z,         box.R_box_frame.m[0], box.R_box_frame.m[1],
        box.R_box_frame.m[2], box.R_box_frame.m[3], box.R_box_frame.m[4], box.R_box_frame.m[5], box.R_box_frame.m[6],
        box.R_box_frame.m[7], box.R_box_frame.m[8], box.half_size.x,      box.half_size.y,      box.half_size.z};
    for (int k = 0; k < CellBoxTable::kFields; ++k) table.values[k * table.stride + e] = fields[k];
  }
  std::vector<float> box_z_lo(index.boxes.size()), box_z_hi(index.boxes.size());
  for (size_t b = 0; b < index.boxes.size(); ++b) {
    double lo = 0, hi = 0;
    padded_height_range(index.boxes[b], lo, hi);
    box_z_lo[b] = std::nextafter(static_cast<float>(lo), -HUGE_VALF);  // rounded outwards
    box_z_hi[b] = std::nextafter(static_cast<float>(hi), HUGE_VALF);
  }
  const int64_t cells = static_cast<int64_t>(index.cell_offsets.size()) - 1;
  table.cell_z_lo.assign(cells, std::numeric_limits<float>::infinity());
  table.cell_z_hi.assign(cells, -std::numeric_limits<float>::infinity());
  for (int64_t c = 0; c < cells; ++c)
    for (int32_t e = index.cell_offsets[c]; e < index.cell_offsets[c + 1]; ++e) {
      table.cell_z_lo[c] = std::min(table.cell_z_lo[c], box_z_lo[index.cell_boxes[e]]);
      table.cell_z_hi[c] = std::max(table.cell_z_hi[c], box_z_hi[index.cell_boxes[e]]);
    }
  return table;
}

}  // namespace fuselabel
#endif

HWY_BEFORE_NAMESPACE();
namespace fuselabel {
namespace HWY_NAMESPACE {

// Bit j set: entry first + j's cuboid contains p (cuboid_contains: d = R (p - centre), then the
// six inclusive bounds), for the entries [first, end).
HWY_INLINE uint64_t containing_entries(Df d, const CellBoxTable& table, int64_t first, int64_t end, float px, float py,
                                       float pz) {
  auto field = [&](int k) { return hn::LoadU(d, table.values.data() + k * table.stride + first); };
  const Vf ox = hn::Sub(hn::Set(d, px), field(0)), oy = hn::Sub(hn::Set(d, py), field(1));
  const Vf oz = hn::Sub(hn::Set(d, pz), field(2));
  auto row = [&](int k) {
    return hn::Add(hn::Add(hn::Mul(field(k), ox), hn::Mul(field(k + 1), oy)), hn::Mul(field(k + 2), oz));
  };
  auto within = [&](Vf v, Vf half) { return hn::And(hn::Le(v, half), hn::Le(hn::Neg(v), half)); };
  const auto inside = hn::And(hn::And(within(row(3), field(12)), within(row(6), field(13))),
                              hn::And(within(row(9), field(14)), hn::FirstN(d, static_cast<size_t>(end - first))));
  uint64_t bits = 0;
  hn::StoreMaskBits(d, inside, reinterpret_cast<uint8_t*>(&bits));  // little-endian: lane j is bit j
  return bits;
}

void ScanPointsInBoxes(const BoxIndexView& index, const CellBoxTable& table, const PointRun& run) {
  const BevGridFrame& grid = index.grids[run.frame];
  if (grid.nx <= 0 || grid.ny <= 0) {  // no cuboid in this frame
    for (int64_t i = 0; i < run.count; ++i) run.point_box[i] = -1;
    return;
  }
  const Df d;
  const Di di;
  const int64_t lanes = static_cast<int64_t>(hn::Lanes(d));
  const float nx = static_cast<float>(grid.nx), ny = static_cast<float>(grid.ny);
  const Vf origin_x = hn::Set(d, grid.origin_x), origin_y = hn::Set(d, grid.origin_y);
  const Vf inv_cell = hn::Set(d, grid.inv_cell_size), vnx = hn::Set(d, nx), vny = hn::Set(d, ny), zero = hn::Zero(d);
  // Cells as int32 lanes: exact while the index has fewer than 2^31 cells (else the scalar part).
  const bool int32_cells = grid.first_cell + int64_t{grid.nx} * grid.ny < INT32_MAX;
  constexpr int64_t kBlock = 1024;
  int32_t kept[kBlock];
  int64_t kept_cell[kBlock];
  for (int64_t block = 0; block < run.count; block += kBlock) {
    const int64_t block_end = std::min(run.count, block + kBlock);
    int64_t n = 0, i = block;
    for (; int32_cells && i + lanes <= block_end; i += lanes) {  // grid_cell_of, a vector of points at a time
      Vf x, y, z;
      load_xyz(d, run.records + i * run.stride, run.stride, x, y, z);
      const Vf fx = hn::Mul(hn::Sub(x, origin_x), inv_cell), fy = hn::Mul(hn::Sub(y, origin_y), inv_cell);
      const auto in_grid =
          hn::And(hn::And(hn::Ge(fx, zero), hn::Ge(fy, zero)), hn::And(hn::Lt(fx, vnx), hn::Lt(fy, vny)));
      const Vi row = hn::ConvertTo(di, hn::IfThenElseZero(in_grid, fy)),
               col = hn::ConvertTo(di, hn::IfThenElseZero(in_grid, fx));
      const Vi cell =
          hn::Add(hn::Set(di, static_cast<int32_t>(grid.first_cell)), hn::Add(hn::Mul(row, hn::Set(di, grid.nx)), col));
      // An empty cell's range is empty: one test for "the cell lists a cuboid" and "at its height".
      const auto in_height = hn::And(hn::Ge(z, hn::GatherIndex(d, table.cell_z_lo.data(), cell)),
                                     hn::Le(z, hn::GatherIndex(d, table.cell_z_hi.data(), cell)));
      const auto keep = hn::RebindMask(di, hn::And(in_grid, in_height));
      hn::StoreU(hn::Set(di, -1), di, run.point_box + i);
      // Compacted by hand: Highway 1.0.3's CompressStore copies its 1 KB lookup table onto the
      // stack on every call (half of this function's time on AVX2).
      int32_t cells[HWY_MAX_BYTES / sizeof(int32_t)];
      hn::StoreU(cell, di, cells);
      uint64_t bits = 0;
      hn::StoreMaskBits(di, keep, reinterpret_cast<uint8_t*>(&bits));
      for (int64_t j = 0; j < lanes; ++j) {
        kept[n] = static_cast<int32_t>(i + j), kept_cell[n] = cells[j];
        n += (bits >> j) & 1;
      }
    }
    for (; i < block_end; ++i) {  // the same, one point at a time
      const float* r = run.records + i * run.stride;
      const float fx = (r[0] - grid.origin_x) * grid.inv_cell_size, fy = (r[1] - grid.origin_y) * grid.inv_cell_size;
      const bool in_grid = (fx >= 0.f) & (fy >= 0.f) & (fx < nx) & (fy < ny);
      const int64_t cell = grid.first_cell + static_cast<int64_t>(in_grid ? fy : 0.f) * grid.nx +
                           static_cast<int64_t>(in_grid ? fx : 0.f);
      const bool in_height = (r[2] >= table.cell_z_lo[cell]) & (r[2] <= table.cell_z_hi[cell]);
      run.point_box[i] = -1;
      kept[n] = static_cast<int32_t>(i), kept_cell[n] = cell;
      n += in_grid & in_height;
    }
    for (int64_t c = 0; c < n; ++c) {
      const int64_t i = kept[c];
      const float* r = run.records + i * run.stride;
      int32_t best = -1;
      const int64_t end = index.cell_offsets[kept_cell[c] + 1];
      for (int64_t first = index.cell_offsets[kept_cell[c]]; first < end; first += lanes) {
        for (uint64_t bits = containing_entries(d, table, first, end, r[0], r[1], r[2]); bits != 0; bits &= bits - 1) {
          const int32_t b = index.cell_boxes[first + __builtin_ctzll(bits)];
          ++run.box_counts[b - run.counts_first_box];
          if (run.members) run.members->push_back({run.first_point + static_cast<int32_t>(i), b});
          if (best < 0 || index.volumes[b] < index.volumes[best] ||
              (index.volumes[b] == index.volumes[best] && b < best))
            best = b;
        }
      }
      run.point_box[i] = best < 0 ? -1 : static_cast<int32_t>(best - run.frame_first_box);
    }
  }
}

}  // namespace HWY_NAMESPACE
}  // namespace fuselabel
HWY_AFTER_NAMESPACE();

#if HWY_ONCE
namespace fuselabel {

HWY_EXPORT(ScanPointsInBoxes);

void scan_points_in_boxes(const BoxIndexView& index, const CellBoxTable& table, const PointRun& run) {
  HWY_DYNAMIC_DISPATCH(ScanPointsInBoxes)(index, table, run);
}

}  // namespace fuselabel
#endif
