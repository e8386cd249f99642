#include "kernels/box_overlap.h"

#include <stdexcept>
#include <string>

#include "kernels/box_overlap_backends.h"
#include "kernels/launch.h"

namespace fuselabel {
namespace {

std::vector<BevBox<double>> bev_boxes(const std::vector<Cuboidd>& boxes) {
  std::vector<BevBox<double>> out;
  out.reserve(boxes.size());
  for (const Cuboidd& box : boxes) out.push_back(make_bev_box(box));
  return out;
}

}  // namespace

std::vector<int64_t> overlap_matrix_offsets(const FrameCuboids& cuboids) {
  std::vector<int64_t> offsets(cuboids.frames() + 1, 0);
  for (int32_t f = 0; f < cuboids.frames(); ++f) offsets[f + 1] = offsets[f] + cuboids.frame_size(f) * cuboids.frame_size(f);
  return offsets;
}

void box_overlap_within_frames(Workspace& ws, const FrameCuboids& cuboids, std::vector<BoxOverlap>& out) {
  validate(cuboids, "box_overlap_within_frames");
  const std::vector<int64_t> offsets = overlap_matrix_offsets(cuboids);
  const std::vector<BevBox<double>> boxes = bev_boxes(cuboids.boxes);
  out.assign(offsets.back(), BoxOverlap{});
  FL_DISPATCH(ws.device(), box_overlap_within_frames(ws, boxes, cuboids.offsets, offsets, out.data()));
}

void box_overlap_within_frames(Device device, const FrameCuboids& cuboids, std::vector<BoxOverlap>& out) {
  Workspace ws(device);
  box_overlap_within_frames(ws, cuboids, out);
}

void box_overlap_pairs(Workspace& ws, const std::vector<Cuboidd>& a, const std::vector<Cuboidd>& b,
                       const std::vector<BoxPair>& pairs, std::vector<BoxOverlap>& out) {
  for (size_t i = 0; i < a.size(); ++i) validate_cuboid(a[i], "box_overlap_pairs: box " + std::to_string(i) + " of set a");
  for (size_t i = 0; i < b.size(); ++i) validate_cuboid(b[i], "box_overlap_pairs: box " + std::to_string(i) + " of set b");
  for (size_t k = 0; k < pairs.size(); ++k)
    if (pairs[k].a < 0 || pairs[k].a >= static_cast<int64_t>(a.size()) || pairs[k].b < 0 ||
        pairs[k].b >= static_cast<int64_t>(b.size()))
      throw std::invalid_argument("box_overlap_pairs: pair " + std::to_string(k) + " names a box out of range");
  out.assign(pairs.size(), BoxOverlap{});
  FL_DISPATCH(ws.device(), box_overlap_pairs(ws, bev_boxes(a), bev_boxes(b), pairs, out.data()));
}

void box_overlap_pairs(Device device, const std::vector<Cuboidd>& a, const std::vector<Cuboidd>& b,
                       const std::vector<BoxPair>& pairs, std::vector<BoxOverlap>& out) {
  Workspace ws(device);
  box_overlap_pairs(ws, a, b, pairs, out);
}

}  // namespace fuselabel
