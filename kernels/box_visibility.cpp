#include "kernels/box_visibility.h"

#include <stdexcept>
#include <string>

#include "kernels/box_visibility_backends.h"
#include "kernels/cuda_backend_missing.h"
#include "kernels/points_in_boxes_backends.h"

namespace fuselabel {

std::vector<int64_t> box_visibility_offsets(const ProjectionBatch& batch, const FrameCuboids& cuboids) {
  std::vector<int64_t> offsets(batch.jobs.size() + 1, 0);
  for (size_t j = 0; j < batch.jobs.size(); ++j)
    offsets[j + 1] = offsets[j] + cuboids.frame_size(batch.jobs[j].sweep);
  return offsets;
}

void box_visibility(Device device, const ProjectionBatch& batch, const std::vector<uint64_t>& depth_keys,
                    const FrameCuboids& cuboids, std::vector<BoxVisibility>& out) {
  validate(batch);
  validate(cuboids, "box_visibility");
  if (cuboids.frames() != static_cast<int32_t>(batch.sweep_offsets.size()) - 1)
    throw std::invalid_argument("box_visibility: " + std::to_string(cuboids.frames()) + " cuboid frames for " +
                                std::to_string(batch.sweep_offsets.size() - 1) + " sweeps");
  const std::vector<int64_t> image_offsets = depth_image_offsets(batch);
  if (static_cast<int64_t>(depth_keys.size()) != image_offsets.back())
    throw std::invalid_argument("box_visibility: depth_keys holds " + std::to_string(depth_keys.size()) +
                                " pixels, the batch's depth images " + std::to_string(image_offsets.back()));
  const BoxIndex index = build_box_index(cuboids, kDefaultBoxGridCellSize);
  PointsInBoxesBatch sweeps;
  sweeps.points = batch.points;
  sweeps.point_stride = batch.point_stride;
  sweeps.point_offsets = batch.sweep_offsets;
  sweeps.cuboids = cuboids;
  std::vector<int32_t> point_box(batch.total_points()), box_points(cuboids.boxes.size(), 0);
  const std::vector<int64_t> out_offsets = box_visibility_offsets(batch, cuboids);
  std::vector<int32_t> visible(out_offsets.back(), 0);
  if (device == Device::Cpu) {
    cpu::points_in_boxes(sweeps, index, point_box.data(), box_points.data());
    cpu::count_visible_points(batch, depth_keys.data(), image_offsets, cuboids, index, out_offsets, visible.data());
  } else {
#ifdef FUSELABEL_HAVE_CUDA
    cuda::points_in_boxes(sweeps, index, point_box.data(), box_points.data());
    cuda::count_visible_points(batch, depth_keys.data(), image_offsets, cuboids, index, out_offsets, visible.data());
#else
    throw_cuda_backend_missing();
#endif
  }
  out.resize(out_offsets.back());
  for (size_t j = 0; j < batch.jobs.size(); ++j) {
    const int64_t first_box = cuboids.offsets[batch.jobs[j].sweep];
    for (int64_t k = out_offsets[j]; k < out_offsets[j + 1]; ++k)
      out[k] = {box_points[first_box + k - out_offsets[j]], visible[k]};
  }
}

void box_visibility(Device device, const ProjectionBatch& batch, const FrameCuboids& cuboids,
                    std::vector<BoxVisibility>& out) {
  std::vector<uint64_t> keys;
  render_depth(device, batch, keys);
  box_visibility(device, batch, keys, cuboids, out);
}

}  // namespace fuselabel
