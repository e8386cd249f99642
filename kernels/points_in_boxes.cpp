#include "kernels/points_in_boxes.h"

#include <climits>
#include <stdexcept>
#include <string>

#include "kernels/launch.h"
#include "kernels/points_in_boxes_backends.h"

namespace fuselabel {

void validate(const PointsInBoxesBatch& batch) {
  auto fail = [](const std::string& what) { throw std::invalid_argument("PointsInBoxesBatch: " + what); };
  if (batch.point_stride < 3) fail("point_stride must be >= 3 (x y z first)");
  if (batch.point_offsets.empty() || batch.point_offsets.front() != 0) fail("point_offsets must start at 0");
  for (size_t f = 1; f < batch.point_offsets.size(); ++f) {
    if (batch.point_offsets[f] < batch.point_offsets[f - 1]) fail("point_offsets must not decrease");
    if (batch.point_offsets[f] - batch.point_offsets[f - 1] > INT32_MAX)
      fail("frame " + std::to_string(f - 1) + " holds more than 2^31 - 1 points");
  }
  if (batch.total_points() > 0 && batch.points == nullptr) fail("points is null");
  validate(batch.cuboids, "PointsInBoxesBatch");
  if (batch.cuboids.frames() != static_cast<int32_t>(batch.point_offsets.size()) - 1)
    fail("point_offsets has " + std::to_string(batch.point_offsets.size() - 1) + " frames but cuboids has " +
         std::to_string(batch.cuboids.frames()));
  if (!(batch.grid_cell_size > 0)) fail("grid_cell_size must be > 0");
}

int64_t PointsInBoxesResult::member_count(const FrameCuboids& cuboids, int32_t f) const {
  int64_t n = 0;
  for (int64_t b = cuboids.offsets[f]; b < cuboids.offsets[f + 1]; ++b) n += box_points[b];
  return n;
}

void points_in_boxes(Workspace& ws, const PointsInBoxesBatch& batch, PointsInBoxesResult& out) {
  validate(batch);
  require_readable(ws.device(), batch.points_memory, "points_in_boxes");
  const BoxIndex index = build_box_index(batch.cuboids, batch.grid_cell_size);
  out.point_box.assign(batch.total_points(), -1);
  out.box_points.assign(batch.cuboids.boxes.size(), 0);
  out.members = {};
  out.member_begin.clear();
  out.host_members.clear();
  FL_DISPATCH(ws.device(), points_in_boxes(ws, batch, index, out));
}

void points_in_boxes(Device device, const PointsInBoxesBatch& batch, PointsInBoxesResult& out) {
  Workspace ws(device);
  points_in_boxes(ws, batch, out);
  if (device == Device::Cuda) out.members = {};  // the workspace's memory goes with it
}

}  // namespace fuselabel
