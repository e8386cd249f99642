#include "kernels/project_points.h"

#include <cmath>
#include <cstdint>
#include <cstring>
#include <stdexcept>
#include <string>

#include "kernels/launch.h"
#include "kernels/project_points_backends.h"

namespace fuselabel {

std::vector<int64_t> projection_output_offsets(const ProjectionBatch& batch) {
  std::vector<int64_t> offsets(batch.jobs.size() + 1, 0);
  for (size_t j = 0; j < batch.jobs.size(); ++j) offsets[j + 1] = offsets[j] + batch.sweep_size(batch.jobs[j].sweep);
  return offsets;
}

std::vector<int64_t> depth_image_offsets(const ProjectionBatch& batch) {
  std::vector<int64_t> offsets(batch.jobs.size() + 1, 0);
  for (size_t j = 0; j < batch.jobs.size(); ++j) {
    const CameraModelf& cam = batch.cameras[batch.jobs[j].camera];
    offsets[j + 1] = offsets[j] + int64_t{cam.width} * cam.height;
  }
  return offsets;
}

void validate(const ProjectionBatch& batch) {
  auto fail = [](const std::string& what) { throw std::invalid_argument("ProjectionBatch: " + what); };
  if (batch.point_stride < 3) fail("point_stride must be >= 3 (x y z first)");
  if (batch.sweep_offsets.empty() || batch.sweep_offsets.front() != 0) fail("sweep_offsets must start at 0");
  for (size_t s = 1; s < batch.sweep_offsets.size(); ++s) {
    if (batch.sweep_offsets[s] < batch.sweep_offsets[s - 1]) fail("sweep_offsets must not decrease");
    if (batch.sweep_offsets[s] - batch.sweep_offsets[s - 1] > int64_t{UINT32_MAX})
      fail("a sweep holds more than 2^32 - 1 points");
  }
  if (batch.total_points() > 0 && batch.points == nullptr) fail("points is null");
  const int sweeps = static_cast<int>(batch.sweep_offsets.size()) - 1;
  for (size_t j = 0; j < batch.jobs.size(); ++j) {
    const ProjectionJob& job = batch.jobs[j];
    if (job.sweep < 0 || job.sweep >= sweeps) fail("job " + std::to_string(j) + " names sweep out of range");
    if (job.camera < 0 || job.camera >= static_cast<int>(batch.cameras.size()))
      fail("job " + std::to_string(j) + " names camera out of range");
  }
  for (size_t c = 0; c < batch.cameras.size(); ++c) {
    const CameraModelf& cam = batch.cameras[c];
    if (cam.width <= 0 || cam.height <= 0) fail("camera " + std::to_string(c) + " has an empty image size");
    // ProjectedPoint::pixel is an int32 row * width + col.
    if (int64_t{cam.width} * cam.height > INT32_MAX)
      fail("camera " + std::to_string(c) + " has more than 2^31 - 1 pixels");
    // A z-buffer key orders by the depth's IEEE bits, which only order like the depths when
    // every depth that reaches it is positive.
    if (!(cam.near_plane > 0.f) || !std::isfinite(cam.near_plane))
      fail("camera " + std::to_string(c) + " has a near plane that is not a positive finite depth");
  }
}

void project_points(Workspace& ws, const ProjectionBatch& batch, std::vector<ProjectedPoint>& out) {
  validate(batch);
  require_readable(ws.device(), batch.points_memory, "project_points");
  const std::vector<int64_t> offsets = projection_output_offsets(batch);
  out.resize(offsets.back());
  FL_DISPATCH(ws.device(), project_points(ws, batch, offsets, out.data()));
}

void project_points(Device device, const ProjectionBatch& batch, std::vector<ProjectedPoint>& out) {
  Workspace ws(device);
  project_points(ws, batch, out);
}

View<uint64_t> render_depth(Workspace& ws, const ProjectionBatch& batch, std::vector<uint64_t>& keys) {
  validate(batch);
  require_readable(ws.device(), batch.points_memory, "render_depth");
  const std::vector<int64_t> offsets = depth_image_offsets(batch);
  keys.assign(offsets.back(), kEmptyDepthKey);
  return FL_DISPATCH(ws.device(), render_depth(ws, batch, projection_output_offsets(batch), offsets, keys.data()));
}

void render_depth(Device device, const ProjectionBatch& batch, std::vector<uint64_t>& keys) {
  Workspace ws(device);
  render_depth(ws, batch, keys);
}

float depth_of_key(uint64_t key) {
  const uint32_t bits = static_cast<uint32_t>(key >> 32);
  float depth;
  std::memcpy(&depth, &bits, sizeof depth);
  return depth;
}

uint32_t point_of_key(uint64_t key) { return static_cast<uint32_t>(key & 0xffffffffu); }

}  // namespace fuselabel
