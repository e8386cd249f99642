#pragma once
// Cuboids of a batch of frames, and their index for point queries: every cuboid's rotation
// computed once (CuboidFrame) and, per frame, a bird's-eye-view grid listing the cuboids whose
// footprint may reach each cell, so a point tests only the cuboids near it instead of all.
#include <cstdint>
#include <string>
#include <vector>

#include "projection/cuboid.h"

namespace fuselabel {

// Frame f owns boxes[offsets[f], offsets[f + 1]); a box's index within its frame is its
// position minus offsets[f]. Boxes are in the frame of the points or sensor they are used with.
struct FrameCuboids {
  std::vector<Cuboidd> boxes;
  std::vector<int64_t> offsets = {0};  // size = frames + 1

  int32_t frames() const { return offsets.empty() ? 0 : static_cast<int32_t>(offsets.size()) - 1; }
  int64_t frame_size(int32_t frame) const { return offsets[frame + 1] - offsets[frame]; }
};

// Throws std::invalid_argument starting with `what`: offsets that do not start at 0, decrease
// or do not end at boxes.size(); a non-finite centre or size, a negative size, or a rotation
// whose quaternion norm is off 1 by more than 1e-6 (naming the box and its frame).
void validate(const FrameCuboids& cuboids, const std::string& what);
// The per-box part of validate: throws std::invalid_argument "<what> has ..." for one box.
void validate_cuboid(const Cuboidd& box, const std::string& what);

// Default bird's-eye-view cell edge in metres. Finer cells list fewer cuboids per point and
// leave more points in empty cells: on the CPU benchmark (100k points, 200 cuboids) 1 m cells
// are 1.8x faster than 4 m ones (docs/PERFORMANCE.md). The cap on the number of cells
// (build_box_index) coarsens the grid of a frame with few, far-apart cuboids.
constexpr float kDefaultBoxGridCellSize = 1.f;

// One frame's grid: cell (cx, cy) covers x in [origin_x + cx / inv_cell_size, ...) and likewise
// y, and is cell number first_cell + cy * nx + cx of the whole index.
struct BevGridFrame {
  float origin_x = 0, origin_y = 0, inv_cell_size = 1;
  int32_t nx = 0, ny = 0;
  int64_t first_cell = 0;
};

// False for points outside the frame's grid (no cuboid reaches them) and for NaN coordinates.
FL_HOST_DEVICE bool grid_cell_of(const BevGridFrame& grid, float x, float y, int64_t& cell) {
  const float fx = (x - grid.origin_x) * grid.inv_cell_size, fy = (y - grid.origin_y) * grid.inv_cell_size;
  if (!(fx >= 0.f && fy >= 0.f && fx < static_cast<float>(grid.nx) && fy < static_cast<float>(grid.ny))) return false;
  cell = grid.first_cell + static_cast<int64_t>(fy) * grid.nx + static_cast<int64_t>(fx);
  return true;
}

// Host-side index; kernels read it through BoxIndexView.
struct BoxIndex {
  std::vector<CuboidFrame<float>> boxes;  // per box (global index), computed in double, stored as float
  std::vector<double> volumes;            // per box: l * w * h, the assignment's "smallest"
  std::vector<BevGridFrame> grids;        // per frame
  std::vector<int32_t> cell_offsets;      // cell c lists cell_boxes[cell_offsets[c], cell_offsets[c + 1])
  std::vector<int32_t> cell_boxes;        // global box indices, ascending within each cell
};

// Every box is listed in each cell its padded footprint's bounding rectangle touches: the
// padding (1 mm plus 1e-5 of the coordinates' magnitude) exceeds the float rounding of both
// the point's cell and the containment test, so a point's cell lists every box that can contain
// it. cell_size grows for a frame whose boxes would need more than max(1024, 64 x boxes) cells.
BoxIndex build_box_index(const FrameCuboids& cuboids, float cell_size);

struct BoxIndexView {
  const BevGridFrame* grids;
  const int32_t* cell_offsets;
  const int32_t* cell_boxes;
  const CuboidFrame<float>* boxes;
  const double* volumes;
};

inline BoxIndexView host_view(const BoxIndex& index) {
  return {index.grids.data(), index.cell_offsets.data(), index.cell_boxes.data(), index.boxes.data(),
          index.volumes.data()};
}

}  // namespace fuselabel
