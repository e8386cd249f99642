#include "kernels/box_overlap.h"

#include <stdexcept>
#include <string>

#include "kernels/box_overlap_backends.h"
#include "kernels/cuda_backend_missing.h"

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

void box_overlap_within_frames(Device device, const FrameCuboids& cuboids, std::vector<BoxOverlap>& out) {
  validate(cuboids, "box_overlap_within_frames");
  const std::vector<int64_t> offsets = overlap_matrix_offsets(cuboids);
  const std::vector<BevBox<double>> boxes = bev_boxes(cuboids.boxes);
  out.assign(offsets.back(), BoxOverlap{});
  if (device == Device::Cpu) return cpu::box_overlap_within_frames(boxes, cuboids.offsets, offsets, out.data());
#ifdef FUSELABEL_HAVE_CUDA
  cuda::box_overlap_within_frames(boxes, cuboids.offsets, offsets, out.data());
#else
  throw_cuda_backend_missing();
#endif
}

void box_overlap_pairs(Device device, const std::vector<Cuboidd>& a, const std::vector<Cuboidd>& b,
                       const std::vector<BoxPair>& pairs, std::vector<BoxOverlap>& out) {
  for (size_t i = 0; i < a.size(); ++i) validate_cuboid(a[i], "box_overlap_pairs: box " + std::to_string(i) + " of set a");
  for (size_t i = 0; i < b.size(); ++i) validate_cuboid(b[i], "box_overlap_pairs: box " + std::to_string(i) + " of set b");
  for (size_t k = 0; k < pairs.size(); ++k)
    if (pairs[k].a < 0 || pairs[k].a >= static_cast<int64_t>(a.size()) || pairs[k].b < 0 ||
        pairs[k].b >= static_cast<int64_t>(b.size()))
      throw std::invalid_argument("box_overlap_pairs: pair " + std::to_string(k) + " names a box out of range");
  out.assign(pairs.size(), BoxOverlap{});
  if (device == Device::Cpu) return cpu::box_overlap_pairs(bev_boxes(a), bev_boxes(b), pairs, out.data());
#ifdef FUSELABEL_HAVE_CUDA
  cuda::box_overlap_pairs(bev_boxes(a), bev_boxes(b), pairs, out.data());
#else
  throw_cuda_backend_missing();
#endif
}

}  // namespace fuselabel
