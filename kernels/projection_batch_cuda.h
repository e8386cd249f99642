#pragma once
// A ProjectionBatch's arrays on the device (CUDA translation units only), staged through the
// caller's workspace: the points in place when they are resident, else uploaded once.
#include <algorithm>

#include "kernels/project_points.h"
#include "kernels/workspace_cuda.h"

namespace fuselabel::cuda {

struct DeviceProjectionBatch {
  const float* points;
  int stride;
  const int64_t* sweep_offsets;
  const CameraModelf* cameras;
  const ProjectionJob* jobs;
  int num_jobs;
  int64_t largest_sweep;
};

inline DeviceProjectionBatch on_device(Workspace& ws, const ProjectionBatch& batch) {
  DeviceProjectionBatch d;
  d.points = on_device(ws, "projection.points",
                       View<float>{batch.points, batch.total_points() * batch.point_stride, batch.points_memory});
  d.stride = batch.point_stride;
  d.sweep_offsets = upload(ws, "projection.sweep_offsets", batch.sweep_offsets);
  d.cameras = upload(ws, "projection.cameras", batch.cameras);
  d.jobs = upload(ws, "projection.jobs", batch.jobs);
  d.num_jobs = static_cast<int>(batch.jobs.size());
  d.largest_sweep = 0;
  for (size_t s = 0; s + 1 < batch.sweep_offsets.size(); ++s)
    d.largest_sweep = std::max<int64_t>(d.largest_sweep, batch.sweep_size(static_cast<int32_t>(s)));
  return d;
}

}  // namespace fuselabel::cuda
