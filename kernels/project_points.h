#pragma once
// project_points / render_depth: a batch of sweeps x cameras in one call.
//
// Points of all sweeps lie in one array of float records (x y z first, `point_stride` floats
// per record), sweep s owning records [sweep_offsets[s], sweep_offsets[s+1]). A job projects
// one sweep into one camera through a composed float transform T_cam_sweep (composed in double
// on the host: lidar -> ego(t_lidar) -> world -> ego(t_cam) -> camera).
//
// `points` is host or device memory (points_memory); a batch whose points a Workspace holds
// (Workspace::upload) is projected, depth-rendered and tested against cuboids without another
// upload. Every call runs all of the batch's jobs in one parallel loop (CPU) or launch (CUDA).
#include <cstdint>
#include <vector>

#include "kernels/workspace.h"
#include "projection/camera_model.h"
#include "projection/transform.h"

namespace fuselabel {

struct ProjectionJob {
  int32_t sweep = 0;
  int32_t camera = 0;
  Transform3f T_cam_sweep;
};

struct ProjectionBatch {
  const float* points = nullptr;
  Memory points_memory = Memory::Host;
  int32_t point_stride = 3;
  std::vector<int64_t> sweep_offsets;  // size = sweeps + 1
  std::vector<CameraModelf> cameras;
  std::vector<ProjectionJob> jobs;

  int64_t sweep_size(int32_t sweep) const { return sweep_offsets[sweep + 1] - sweep_offsets[sweep]; }
  int64_t total_points() const { return sweep_offsets.empty() ? 0 : sweep_offsets.back(); }
};

// One (camera, point) result. pixel = row * width + col of the pixel the point falls in, or
// -1 when it is outside the image or does not project (at/behind the near plane, outside the
// lens' valid field); u, v, depth are 0 when it does not project.
struct ProjectedPoint {
  float u = 0, v = 0, depth = 0;
  int32_t pixel = -1;

  bool in_image() const { return pixel >= 0; }
};

// Where each job's results start in the output of project_points (size = jobs + 1).
std::vector<int64_t> projection_output_offsets(const ProjectionBatch& batch);
// Where each job's image starts in the output of render_depth (size = jobs + 1).
std::vector<int64_t> depth_image_offsets(const ProjectionBatch& batch);

// Throws std::invalid_argument on an inconsistent batch (bad offsets, stride, indices, a camera of
// more than 2^31 - 1 pixels, a near plane that is not a positive finite depth).
void validate(const ProjectionBatch& batch);

// out[offsets[j] + i] is point i of job j's sweep projected into job j's camera.
void project_points(Workspace& ws, const ProjectionBatch& batch, std::vector<ProjectedPoint>& out);
void project_points(Device device, const ProjectionBatch& batch, std::vector<ProjectedPoint>& out);

// Z-buffers, one width x height image per job, row-major. Each pixel holds the packed key
// (float depth bits << 32 | point index within the sweep) of the nearest point in it, ties to
// the lower index, or kEmptyDepthKey. Identical on every device.
// Returns the same images in the workspace's memory (on CUDA, valid until the next
// render_depth on ws), for box_visibility.
constexpr uint64_t kEmptyDepthKey = ~uint64_t{0};
View<uint64_t> render_depth(Workspace& ws, const ProjectionBatch& batch, std::vector<uint64_t>& keys);
void render_depth(Device device, const ProjectionBatch& batch, std::vector<uint64_t>& keys);

float depth_of_key(uint64_t key);
uint32_t point_of_key(uint64_t key);

}  // namespace fuselabel
