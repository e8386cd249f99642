#include "fusion/frame_projection.h"

#include <stdexcept>

namespace fuselabel {
namespace {

// Joins `sweeps` (frame_of_sweep[s] owning sweep s) into one resident batch projecting each
// into every camera of its frame, and uploads their records once.
void make_resident(Workspace& ws, const char* slot, const std::vector<const FrameData*>& frames,
                   const std::vector<const PointSweep*>& sweeps, const std::vector<int32_t>& frame_of_sweep,
                   ResidentSweeps& out) {
  out.frame_of_sweep = frame_of_sweep;
  ProjectionBatch& batch = out.batch;
  batch.point_stride = sweeps.empty() ? 3 : sweeps.front()->stride();
  batch.sweep_offsets = {0};
  std::vector<int32_t> first_camera(frames.size() + 1, 0);
  for (size_t f = 0; f < frames.size(); ++f) {
    first_camera[f + 1] = first_camera[f] + static_cast<int32_t>(frames[f]->cameras.size());
    for (const CameraView& camera : frames[f]->cameras) batch.cameras.push_back(camera.model.cast<float>());
  }
  for (size_t s = 0; s < sweeps.size(); ++s) {
    if (sweeps[s]->stride() != batch.point_stride)
      throw std::invalid_argument("project_frames: frames' " + std::string(slot) + " records differ in layout");
    out.records.insert(out.records.end(), sweeps[s]->records.begin(), sweeps[s]->records.end());
    batch.sweep_offsets.push_back(batch.sweep_offsets.back() + sweeps[s]->size());
  }
  // Jobs frame by frame, camera by camera, sweep by sweep: for one frame, camera_projection_batch's order.
  for (size_t f = 0; f < frames.size(); ++f)
    for (size_t c = 0; c < frames[f]->cameras.size(); ++c)
      for (size_t s = 0; s < sweeps.size(); ++s)
        if (frame_of_sweep[s] == static_cast<int32_t>(f))
          batch.jobs.push_back({static_cast<int32_t>(s), first_camera[f] + static_cast<int32_t>(c),
                                frames[f]->cameras[c].T_cam_lidar.cast<float>()});
  const View<float> resident = ws.upload(slot, out.records.data(), static_cast<int64_t>(out.records.size()));
  batch.points = resident.data;
  batch.points_memory = resident.memory;
}

// The camera index within its frame of job j.
int32_t camera_in_frame(const std::vector<const FrameData*>& frames, const ResidentSweeps& sweeps, size_t j) {
  int32_t camera = sweeps.batch.jobs[j].camera;
  for (int32_t f = 0; f < sweeps.frame_of_sweep[sweeps.batch.jobs[j].sweep]; ++f)
    camera -= static_cast<int32_t>(frames[f]->cameras.size());
  return camera;
}

}  // namespace

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

std::vector<std::vector<CameraProjection>> project_frames(Workspace& ws, const std::vector<const FrameData*>& frames,
                                                          ResidentSweeps* lidar_out, ResidentSweeps* radar_out) {
  std::vector<std::vector<CameraProjection>> out(frames.size());
  std::vector<const PointSweep*> lidar_sweeps, radar_scans;
  std::vector<int32_t> lidar_frame, radar_frame, radar_index;
  for (size_t f = 0; f < frames.size(); ++f) {
    const FrameData& frame = *frames[f];
    out[f].resize(frame.cameras.size());
    for (size_t c = 0; c < frame.cameras.size(); ++c) {
      out[f][c].camera = frame.cameras[c].sensor;
      out[f][c].width = frame.cameras[c].model.width;
      out[f][c].height = frame.cameras[c].model.height;
      out[f][c].radar.resize(frame.radars.size());
    }
    if (frame.lidar && frame.lidar->size() > 0) lidar_sweeps.push_back(&*frame.lidar), lidar_frame.push_back(f);
    for (size_t r = 0; r < frame.radars.size(); ++r)
      radar_scans.push_back(&frame.radars[r]), radar_frame.push_back(f), radar_index.push_back(r);
  }
  ResidentSweeps lidar, radar;
  make_resident(ws, "frames.lidar", frames, lidar_sweeps, lidar_frame, lidar);
  std::vector<ProjectedPoint> points;
  project_points(ws, lidar.batch, points);
  std::vector<uint64_t>& keys = lidar.host_depth_keys;
  lidar.depth_keys = render_depth(ws, lidar.batch, keys);
  const std::vector<int64_t> point_offsets = projection_output_offsets(lidar.batch);
  const std::vector<int64_t> image_offsets = depth_image_offsets(lidar.batch);
  for (size_t j = 0; j < lidar.batch.jobs.size(); ++j) {
    CameraProjection& p = out[lidar.frame_of_sweep[lidar.batch.jobs[j].sweep]][camera_in_frame(frames, lidar, j)];
    p.lidar.assign(points.begin() + point_offsets[j], points.begin() + point_offsets[j + 1]);
    p.depth_keys.assign(keys.begin() + image_offsets[j], keys.begin() + image_offsets[j + 1]);
  }
  // Radar scans share one record layout (x y z vr rcs), so all frames' go in one batch.
  make_resident(ws, "frames.radar", frames, radar_scans, radar_frame, radar);
  project_points(ws, radar.batch, points);
  const std::vector<int64_t> radar_offsets = projection_output_offsets(radar.batch);
  for (size_t j = 0; j < radar.batch.jobs.size(); ++j) {
    const int32_t s = radar.batch.jobs[j].sweep;
    out[radar_frame[s]][camera_in_frame(frames, radar, j)].radar[radar_index[s]].assign(
        points.begin() + radar_offsets[j], points.begin() + radar_offsets[j + 1]);
  }
  if (lidar_out) *lidar_out = std::move(lidar);
  if (radar_out) *radar_out = std::move(radar);
  return out;
}

std::vector<CameraProjection> project_frame(Device device, const FrameData& frame) {
  Workspace ws(device);
  return std::move(project_frames(ws, {&frame}).front());
}

}  // namespace fuselabel
