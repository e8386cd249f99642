#include "kernels/boxes_to_image.h"

#include <cmath>
#include <stdexcept>
#include <string>

#include "kernels/boxes_to_image_backends.h"
#include "kernels/launch.h"

namespace fuselabel {

std::vector<int64_t> boxes_to_image_offsets(const BoxesToImageBatch& batch) {
  std::vector<int64_t> offsets(batch.jobs.size() + 1, 0);
  for (size_t j = 0; j < batch.jobs.size(); ++j)
    offsets[j + 1] = offsets[j] + batch.cuboids.frame_size(batch.jobs[j].frame);
  return offsets;
}

void validate(const BoxesToImageBatch& batch) {
  auto fail = [](const std::string& what) { throw std::invalid_argument("BoxesToImageBatch: " + what); };
  validate(batch.cuboids, "BoxesToImageBatch");
  for (size_t j = 0; j < batch.jobs.size(); ++j) {
    const BoxImageJob& job = batch.jobs[j];
    if (job.frame < 0 || job.frame >= batch.cuboids.frames()) fail("job " + std::to_string(j) + " names frame out of range");
    if (job.camera < 0 || job.camera >= static_cast<int32_t>(batch.cameras.size()))
      fail("job " + std::to_string(j) + " names camera out of range");
    bool finite = std::isfinite(job.T_cam_frame.t.x) && std::isfinite(job.T_cam_frame.t.y) &&
                  std::isfinite(job.T_cam_frame.t.z);
    for (double v : job.T_cam_frame.R.m) finite = finite && std::isfinite(v);
    if (!finite) fail("job " + std::to_string(j) + " has a non-finite T_cam_frame");
  }
  for (size_t c = 0; c < batch.cameras.size(); ++c)
    if (batch.cameras[c].width <= 0 || batch.cameras[c].height <= 0)
      fail("camera " + std::to_string(c) + " has an empty image size");
}

void boxes_to_image(Workspace& ws, const BoxesToImageBatch& batch, std::vector<ImageBox>& out) {
  validate(batch);
  const std::vector<int64_t> offsets = boxes_to_image_offsets(batch);
  std::vector<Vec3<double>> corners(8 * batch.cuboids.boxes.size());
  for (size_t b = 0; b < batch.cuboids.boxes.size(); ++b) cuboid_corners(batch.cuboids.boxes[b], &corners[8 * b]);
  out.assign(offsets.back(), ImageBox{});
  FL_DISPATCH(ws.device(), boxes_to_image(ws, batch, corners, offsets, out.data()));
}

void boxes_to_image(Device device, const BoxesToImageBatch& batch, std::vector<ImageBox>& out) {
  Workspace ws(device);
  boxes_to_image(ws, batch, out);
}

}  // namespace fuselabel
