#pragma once
// Projects frames' LiDAR sweeps and radar scans into every camera of their frame: one batched
// project_points call per modality for all frames, plus the LiDAR z-buffer of each camera.
// Each modality's points of all frames are uploaded once (Workspace::upload) and stay
// resident for the caller's further questions (frame_inspection.h).
#include <string>
#include <vector>

#include "model/frame.h"
#include "kernels/project_points.h"

namespace fuselabel {

struct CameraProjection {
  std::string camera;
  int width = 0, height = 0;
  std::vector<ProjectedPoint> lidar;              // one per LiDAR point
  std::vector<uint64_t> depth_keys;               // width x height z-buffer of the LiDAR
  std::vector<std::vector<ProjectedPoint>> radar; // per FrameData::radars entry, one per point
};

// One modality of a batch of frames, in the workspace: sweep s of `batch` is frame
// frame_of_sweep[s]'s (LiDAR) or one of its scans (radar); batch.points is resident.
struct ResidentSweeps {
  std::vector<float> records;  // host copy joined over the frames (the one upload's source)
  ProjectionBatch batch;
  std::vector<int32_t> frame_of_sweep;
  std::vector<uint64_t> host_depth_keys;  // LiDAR: render_depth's images ...
  View<uint64_t> depth_keys;              // ... and the same in the workspace's memory
};

// Per frame, per camera. lidar / radar (optional) receive the resident sweeps.
std::vector<std::vector<CameraProjection>> project_frames(Workspace& ws, const std::vector<const FrameData*>& frames,
                                                          ResidentSweeps* lidar = nullptr,
                                                          ResidentSweeps* radar = nullptr);

// Radar sweeps are assumed to be given in the LiDAR frame (as adapters deliver them).
std::vector<CameraProjection> project_frame(Device device, const FrameData& frame);

// The batch projecting `sweeps` (all of one record layout, in the LiDAR frame) into every
// camera of the frame: job = camera * sweeps.size() + sweep. Points come from the first
// sweep's records (callers with several sweeps point batch.points at a joined copy).
ProjectionBatch camera_projection_batch(const FrameData& frame, const std::vector<const PointSweep*>& sweeps);

}  // namespace fuselabel
