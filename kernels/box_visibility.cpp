#include "kernels/box_visibility.h"

#include <stdexcept>
#include <string>

#include "kernels/box_visibility_backends.h"
#include "kernels/launch.h"

namespace fuselabel {
namespace {

void check_inputs(const ProjectionBatch& batch, const View<uint64_t>& depth_keys, const FrameCuboids& cuboids,
                  const PointsInBoxesResult& membership, const std::vector<int64_t>& image_offsets) {
  auto fail = [](const std::string& what) { throw std::invalid_argument("box_visibility: " + what); };
  if (cuboids.frames() != static_cast<int32_t>(batch.sweep_offsets.size()) - 1)
    fail(std::to_string(cuboids.frames()) + " cuboid frames for " + std::to_string(batch.sweep_offsets.size() - 1) +
         " sweeps");
  if (depth_keys.count != image_offsets.back())
    fail("depth_keys holds " + std::to_string(depth_keys.count) + " pixels, the batch's depth images " +
         std::to_string(image_offsets.back()));
  if (membership.box_points.size() != cuboids.boxes.size() ||
      membership.member_begin.size() != static_cast<size_t>(cuboids.frames()) ||
      membership.point_box.size() != static_cast<size_t>(batch.total_points()))
    fail("membership is not points_in_boxes' (with keep_members) over these sweeps and cuboids");
}

}  // namespace

std::vector<int64_t> box_visibility_offsets(const ProjectionBatch& batch, const FrameCuboids& cuboids) {
  std::vector<int64_t> offsets(batch.jobs.size() + 1, 0);
  for (size_t j = 0; j < batch.jobs.size(); ++j)
    offsets[j + 1] = offsets[j] + cuboids.frame_size(batch.jobs[j].sweep);
  return offsets;
}

void box_visibility(Workspace& ws, const ProjectionBatch& batch, const View<uint64_t>& depth_keys,
                    const FrameCuboids& cuboids, const PointsInBoxesResult& membership,
                    std::vector<BoxVisibility>& out) {
  validate(batch);
  validate(cuboids, "box_visibility");
  require_readable(ws.device(), batch.points_memory, "box_visibility");
  require_readable(ws.device(), depth_keys.memory, "box_visibility");
  require_readable(ws.device(), membership.members.memory, "box_visibility");
  const std::vector<int64_t> image_offsets = depth_image_offsets(batch);
  check_inputs(batch, depth_keys, cuboids, membership, image_offsets);
  const std::vector<int64_t> out_offsets = box_visibility_offsets(batch, cuboids);
  std::vector<int32_t> visible(out_offsets.back(), 0);
  FL_DISPATCH(ws.device(), count_visible_points(ws, batch, depth_keys, image_offsets, cuboids, membership, out_offsets,
                                                visible.data()));
  out.resize(out_offsets.back());
  for (size_t j = 0; j < batch.jobs.size(); ++j) {
    const int64_t first_box = cuboids.offsets[batch.jobs[j].sweep];
    for (int64_t k = out_offsets[j]; k < out_offsets[j + 1]; ++k)
      out[k] = {membership.box_points[first_box + k - out_offsets[j]], visible[k]};
  }
}

void box_visibility(Device device, const ProjectionBatch& batch, const std::vector<uint64_t>& depth_keys,
                    const FrameCuboids& cuboids, std::vector<BoxVisibility>& out) {
  validate(batch);
  Workspace ws(device);
  PointsInBoxesBatch sweeps;
  sweeps.points = batch.points;
  sweeps.points_memory = batch.points_memory;
  sweeps.point_stride = batch.point_stride;
  sweeps.point_offsets = batch.sweep_offsets;
  sweeps.cuboids = cuboids;
  sweeps.keep_members = true;
  PointsInBoxesResult membership;
  points_in_boxes(ws, sweeps, membership);
  const View<uint64_t> keys{depth_keys.data(), static_cast<int64_t>(depth_keys.size()), Memory::Host};
  box_visibility(ws, batch, keys, cuboids, membership, out);
}

void box_visibility(Device device, const ProjectionBatch& batch, const FrameCuboids& cuboids,
                    std::vector<BoxVisibility>& out) {
  std::vector<uint64_t> keys;
  render_depth(device, batch, keys);
  box_visibility(device, batch, keys, cuboids, out);
}

}  // namespace fuselabel
