#pragma once
// Projects one frame's LiDAR sweep and radar scans into every camera of the frame: one
// batched project_points call per modality, plus the LiDAR z-buffer of each camera.
#include <string>
#include <vector>

#include "io/frame.h"
#include "kernels/project_points.h"

namespace fuselabel {

struct CameraProjection {
  std::string camera;
  int width = 0, height = 0;
  std::vector<ProjectedPoint> lidar;              // one per LiDAR point
  std::vector<uint64_t> depth_keys;               // width x height z-buffer of the LiDAR
  std::vector<std::vector<ProjectedPoint>> radar; // per FrameData::radars entry, one per point
};

// Radar sweeps are assumed to be given in the LiDAR frame (as adapters deliver them).
std::vector<CameraProjection> project_frame(Device device, const FrameData& frame);

// The batch projecting `sweeps` (all of one record layout, in the LiDAR frame) into every
// camera of the frame: job = camera * sweeps.size() + sweep. Points come from the first
// sweep's records (callers with several sweeps point batch.points at a joined copy).
ProjectionBatch camera_projection_batch(const FrameData& frame, const std::vector<const PointSweep*>& sweeps);

}  // namespace fuselabel
