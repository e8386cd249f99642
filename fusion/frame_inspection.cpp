#include "fusion/frame_inspection.h"

#include "kernels/box_visibility.h"
#include "kernels/boxes_to_image.h"
#include "kernels/points_in_boxes.h"

namespace fuselabel {
namespace {

// Counts of `records` (x y z first, `stride` floats each) per cuboid; optionally the owner of
// each point.
std::vector<int32_t> count_points(Device device, const std::vector<float>& records, int stride,
                                  const std::vector<Cuboidd>& boxes, std::vector<int32_t>* owners) {
  PointsInBoxesBatch batch;
  batch.points = records.data();
  batch.point_stride = stride;
  batch.point_offsets = {0, static_cast<int64_t>(records.size()) / stride};
  batch.cuboids.boxes = boxes;
  batch.cuboids.offsets = {0, static_cast<int64_t>(boxes.size())};
  PointsInBoxesResult result;
  points_in_boxes(device, batch, result);
  if (owners) *owners = std::move(result.point_box);
  return result.box_points;
}

void add_image_boxes(Device device, const FrameData& frame, FrameInspection& out) {
  BoxesToImageBatch batch;
  batch.cuboids.boxes = out.cuboids_in_lidar;
  batch.cuboids.offsets = {0, static_cast<int64_t>(out.cuboids_in_lidar.size())};
  for (size_t c = 0; c < frame.cameras.size(); ++c) {
    batch.cameras.push_back(frame.cameras[c].model);
    batch.jobs.push_back({0, static_cast<int32_t>(c), frame.cameras[c].T_cam_lidar});
  }
  std::vector<ImageBox> boxes;
  boxes_to_image(device, batch, boxes);
  const std::vector<int64_t> offsets = boxes_to_image_offsets(batch);
  for (size_t c = 0; c < frame.cameras.size(); ++c)
    for (size_t b = 0; b < out.cuboids.size(); ++b) {
      const ImageBox& image_box = boxes[offsets[c] + b];
      if (image_box.visible) out.cuboids[b].cameras[c] = CuboidInCamera{image_box.box, 0.0};
    }
}

void add_visibility(Device device, const FrameData& frame, FrameInspection& out) {
  const ProjectionBatch batch = camera_projection_batch(frame, {&*frame.lidar});
  std::vector<uint64_t> keys;  // the z-buffers project_frame made, in the batch's job order
  for (const CameraProjection& p : out.projections) keys.insert(keys.end(), p.depth_keys.begin(), p.depth_keys.end());
  FrameCuboids cuboids;
  cuboids.boxes = out.cuboids_in_lidar;
  cuboids.offsets = {0, static_cast<int64_t>(cuboids.boxes.size())};
  std::vector<BoxVisibility> visibility;
  box_visibility(device, batch, keys, cuboids, visibility);
  const std::vector<int64_t> offsets = box_visibility_offsets(batch, cuboids);
  for (size_t c = 0; c < frame.cameras.size(); ++c)
    for (size_t b = 0; b < out.cuboids.size(); ++b)
      if (out.cuboids[b].cameras[c]) out.cuboids[b].cameras[c]->visible_fraction = visibility[offsets[c] + b].fraction();
}

}  // namespace

FrameInspection inspect_frame(Device device, const FrameData& frame) {
  FrameInspection out;
  const Transform3d T_lidar_labels = frame.T_labels_lidar.inverse();
  for (const CuboidLabel& label : frame.cuboids) out.cuboids_in_lidar.push_back(transform_cuboid(T_lidar_labels, label.box));
  out.cuboids.resize(frame.cuboids.size());
  for (CuboidInspection& c : out.cuboids) c.cameras.resize(frame.cameras.size());
  out.projections = project_frame(device, frame);
  if (frame.lidar && frame.lidar->size() > 0 && !out.cuboids.empty()) {
    const std::vector<int32_t> counts =
        count_points(device, frame.lidar->records, frame.lidar->stride(), out.cuboids_in_lidar, &out.lidar_point_cuboid);
    for (size_t b = 0; b < counts.size(); ++b) out.cuboids[b].num_lidar_pts = counts[b];
  } else if (frame.lidar) {
    out.lidar_point_cuboid.assign(frame.lidar->size(), -1);
  }
  for (const PointSweep& radar : frame.radars) {
    if (radar.size() == 0 || out.cuboids.empty()) continue;
    const std::vector<int32_t> counts = count_points(device, radar.records, radar.stride(), out.cuboids_in_lidar, nullptr);
    for (size_t b = 0; b < counts.size(); ++b) out.cuboids[b].num_radar_pts += counts[b];
  }
  if (!out.cuboids.empty() && !frame.cameras.empty()) {
    add_image_boxes(device, frame, out);
    if (frame.lidar && frame.lidar->size() > 0) add_visibility(device, frame, out);
  }
  return out;
}

}  // namespace fuselabel
