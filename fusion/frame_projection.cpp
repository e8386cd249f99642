#include "fusion/frame_projection.h"

namespace fuselabel {

ProjectionBatch camera_projection_batch(const FrameData& frame, const std::vector<const PointSweep*>& sweeps) {
  ProjectionBatch batch;
  batch.point_stride = sweeps.empty() ? 3 : sweeps.front()->stride();
  batch.points = sweeps.empty() ? nullptr : sweeps.front()->records.data();
  batch.sweep_offsets = {0};
  for (const PointSweep* sweep : sweeps) batch.sweep_offsets.push_back(batch.sweep_offsets.back() + sweep->size());
  for (size_t c = 0; c < frame.cameras.size(); ++c) {
    batch.cameras.push_back(frame.cameras[c].model.cast<float>());
    for (size_t s = 0; s < sweeps.size(); ++s)
      batch.jobs.push_back({static_cast<int32_t>(s), static_cast<int32_t>(c), frame.cameras[c].T_cam_lidar.cast<float>()});
  }
  return batch;
}

std::vector<CameraProjection> project_frame(Device device, const FrameData& frame) {
  std::vector<CameraProjection> out(frame.cameras.size());
  for (size_t c = 0; c < frame.cameras.size(); ++c) {
    out[c].camera = frame.cameras[c].sensor;
    out[c].width = frame.cameras[c].model.width;
    out[c].height = frame.cameras[c].model.height;
    out[c].radar.resize(frame.radars.size());
  }
  if (frame.lidar && frame.lidar->size() > 0) {
    const ProjectionBatch batch = camera_projection_batch(frame, {&*frame.lidar});
    std::vector<ProjectedPoint> points;
    project_points(device, batch, points);
    std::vector<uint64_t> keys;
    render_depth(device, batch, keys);
    const std::vector<int64_t> point_offsets = projection_output_offsets(batch);
    const std::vector<int64_t> image_offsets = depth_image_offsets(batch);
    for (size_t c = 0; c < out.size(); ++c) {
      out[c].lidar.assign(points.begin() + point_offsets[c], points.begin() + point_offsets[c + 1]);
      out[c].depth_keys.assign(keys.begin() + image_offsets[c], keys.begin() + image_offsets[c + 1]);
    }
  }
  // Radar scans share one record layout (x y z vr rcs), so they go in one batch; each scan is
  // its own array, so they are copied into one contiguous buffer first (radar scans are small).
  if (!frame.radars.empty()) {
    PointSweep joined = frame.radars.front();
    for (size_t r = 1; r < frame.radars.size(); ++r)
      joined.records.insert(joined.records.end(), frame.radars[r].records.begin(), frame.radars[r].records.end());
    std::vector<const PointSweep*> views;
    for (const PointSweep& radar : frame.radars) views.push_back(&radar);
    ProjectionBatch batch = camera_projection_batch(frame, views);
    batch.points = joined.records.data();
    std::vector<ProjectedPoint> points;
    project_points(device, batch, points);
    const std::vector<int64_t> offsets = projection_output_offsets(batch);
    for (size_t j = 0; j < batch.jobs.size(); ++j) {
      const ProjectionJob& job = batch.jobs[j];
      out[job.camera].radar[job.sweep].assign(points.begin() + offsets[j], points.begin() + offsets[j + 1]);
    }
  }
  return out;
}

}  // namespace fuselabel
