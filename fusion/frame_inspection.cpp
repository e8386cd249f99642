#include "fusion/frame_inspection.h"

#include <algorithm>

#include "kernels/box_visibility.h"
#include "kernels/boxes_to_image.h"
#include "kernels/points_in_boxes.h"

namespace fuselabel {
namespace {

// Per sweep of `sweeps`, its frame's cuboids in the LiDAR frame.
FrameCuboids cuboids_of_sweeps(const std::vector<FrameInspection>& out, const ResidentSweeps& sweeps) {
  FrameCuboids cuboids;
  for (int32_t f : sweeps.frame_of_sweep) {
    const std::vector<Cuboidd>& boxes = out[f].cuboids_in_lidar;
    cuboids.boxes.insert(cuboids.boxes.end(), boxes.begin(), boxes.end());
    cuboids.offsets.push_back(static_cast<int64_t>(cuboids.boxes.size()));
  }
  return cuboids;
}

// points_in_boxes over the resident sweeps; per frame the points of its cuboids are added to
// num_lidar_pts (lidar) or num_radar_pts.
PointsInBoxesResult count_points(Workspace& ws, const ResidentSweeps& sweeps, const FrameCuboids& cuboids, bool lidar,
                                 std::vector<FrameInspection>& out) {
  PointsInBoxesBatch batch;
  batch.points = sweeps.batch.points;
  batch.points_memory = sweeps.batch.points_memory;
  batch.point_stride = sweeps.batch.point_stride;
  batch.point_offsets = sweeps.batch.sweep_offsets;
  batch.cuboids = cuboids;
  batch.keep_members = lidar;
  PointsInBoxesResult result;
  points_in_boxes(ws, batch, result);
  for (size_t s = 0; s < sweeps.frame_of_sweep.size(); ++s) {
    FrameInspection& frame = out[sweeps.frame_of_sweep[s]];
    for (int64_t b = cuboids.offsets[s]; b < cuboids.offsets[s + 1]; ++b)
      (lidar ? frame.cuboids[b - cuboids.offsets[s]].num_lidar_pts : frame.cuboids[b - cuboids.offsets[s]].num_radar_pts) +=
          result.box_points[b];
    if (lidar)
      frame.lidar_point_cuboid.assign(result.point_box.begin() + batch.point_offsets[s],
                                      result.point_box.begin() + batch.point_offsets[s + 1]);
  }
  return result;
}

void add_image_boxes(Workspace& ws, const std::vector<const FrameData*>& frames, std::vector<FrameInspection>& out) {
  BoxesToImageBatch batch;
  std::vector<int64_t> first_job(frames.size() + 1, 0);
  for (size_t f = 0; f < frames.size(); ++f) {
    batch.cuboids.boxes.insert(batch.cuboids.boxes.end(), out[f].cuboids_in_lidar.begin(), out[f].cuboids_in_lidar.end());
    batch.cuboids.offsets.push_back(static_cast<int64_t>(batch.cuboids.boxes.size()));
    for (size_t c = 0; c < frames[f]->cameras.size(); ++c) {
      batch.jobs.push_back({static_cast<int32_t>(f), static_cast<int32_t>(batch.cameras.size()), frames[f]->cameras[c].T_cam_lidar});
      batch.cameras.push_back(frames[f]->cameras[c].model);
    }
    first_job[f + 1] = static_cast<int64_t>(batch.jobs.size());
  }
  std::vector<ImageBox> boxes;
  boxes_to_image(ws, batch, boxes);
  const std::vector<int64_t> offsets = boxes_to_image_offsets(batch);
  for (size_t f = 0; f < frames.size(); ++f)
    for (int64_t j = first_job[f]; j < first_job[f + 1]; ++j)
      for (size_t b = 0; b < out[f].cuboids.size(); ++b) {
        const ImageBox& image_box = boxes[offsets[j] + b];
        if (image_box.visible) out[f].cuboids[b].cameras[j - first_job[f]] = CuboidInCamera{image_box.box, 0.0};
      }
}

// Visible fractions from the LiDAR membership and z-buffers already in the workspace.
void add_visibility(Workspace& ws, const std::vector<const FrameData*>& frames, const ResidentSweeps& lidar,
                    const FrameCuboids& cuboids, const PointsInBoxesResult& membership, std::vector<FrameInspection>& out) {
  std::vector<BoxVisibility> visibility;
  box_visibility(ws, lidar.batch, lidar.depth_keys, cuboids, membership, visibility);
  const std::vector<int64_t> offsets = box_visibility_offsets(lidar.batch, cuboids);
  size_t j = 0;
  for (int32_t f : lidar.frame_of_sweep)  // jobs go frame by frame, camera by camera (project_frames)
    for (size_t c = 0; c < frames[f]->cameras.size(); ++c, ++j)
      for (size_t b = 0; b < out[f].cuboids.size(); ++b)
        if (out[f].cuboids[b].cameras[c]) out[f].cuboids[b].cameras[c]->visible_fraction = visibility[offsets[j] + b].fraction();
}

}  // namespace

std::vector<FrameInspection> inspect_frames(Workspace& ws, const std::vector<const FrameData*>& frames) {
  std::vector<FrameInspection> out(frames.size());
  for (size_t f = 0; f < frames.size(); ++f) {
    const FrameData& frame = *frames[f];
    const Transform3d T_lidar_labels = frame.T_labels_lidar.inverse();
    for (const CuboidLabel& label : frame.cuboids)
      out[f].cuboids_in_lidar.push_back(transform_cuboid(T_lidar_labels, label.box));
    out[f].cuboids.resize(frame.cuboids.size());
    for (CuboidInspection& c : out[f].cuboids) c.cameras.resize(frame.cameras.size());
  }
  ResidentSweeps lidar, radar;
  std::vector<std::vector<CameraProjection>> projections = project_frames(ws, frames, &lidar, &radar);
  for (size_t f = 0; f < frames.size(); ++f) out[f].projections = std::move(projections[f]);
  const FrameCuboids lidar_cuboids = cuboids_of_sweeps(out, lidar);
  const PointsInBoxesResult membership = count_points(ws, lidar, lidar_cuboids, true, out);
  count_points(ws, radar, cuboids_of_sweeps(out, radar), false, out);
  add_image_boxes(ws, frames, out);
  add_visibility(ws, frames, lidar, lidar_cuboids, membership, out);
  return out;
}

FrameInspection inspect_frame(Device device, const FrameData& frame) {
  Workspace ws(device);
  return std::move(inspect_frames(ws, {&frame}).front());
}

void inspect_drive_frames(Workspace& ws, const Drive& drive, const SampleLoader& loader, const std::vector<size_t>& frames,
                          size_t batch, const std::function<void(const FrameData&, const FrameInspection&)>& visit) {
  for (size_t begin = 0; begin < frames.size(); begin += batch) {
    std::vector<FrameData> data;
    for (size_t i = begin; i < std::min(frames.size(), begin + batch); ++i)
      data.push_back(assemble_frame(drive, frames[i], loader, drive.frames[frames[i]].lidar_sample >= 0));
    std::vector<const FrameData*> views;
    for (const FrameData& frame : data) views.push_back(&frame);
    const std::vector<FrameInspection> inspections = inspect_frames(ws, views);
    for (size_t k = 0; k < data.size(); ++k) visit(data[k], inspections[k]);
  }
}

}  // namespace fuselabel
