#pragma once
// The frame view: one frame of a drive assembled for kernels and outputs (model/frame_assembly.h):
// the LiDAR sweep, the radar scans in the LiDAR frame, the cameras with their composed
// time-aligned transforms, and the labels of the frame. Plain data.
#include <cstdint>
#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "model/labels.h"
#include "projection/camera_model.h"
#include "projection/transform.h"

namespace fuselabel {

// float32 records, x y z first; `fields` names every column (e.g. x y z intensity).
struct PointSweep {
  std::string sensor;
  int64_t timestamp_us = 0;
  std::vector<std::string> fields;
  std::vector<float> records;

  // Radar only: whether vr has the sensor's own motion removed (nuScenes' vx_comp/vy_comp) or
  // is the radial velocity as measured from the moving sensor (native drives, the simulator).
  bool vr_ego_compensated = false;

  int stride() const { return static_cast<int>(fields.size()); }
  int64_t size() const { return fields.empty() ? 0 : static_cast<int64_t>(records.size()) / stride(); }
};

struct CameraView {
  std::string sensor;  // e.g. "image_2", "CAM_FRONT"
  int64_t timestamp_us = 0;
  CameraModeld model;
  Transform3d T_cam_lidar;  // composed on the host in double (time-aligned chain for drives)
  // Camera from the frame the cuboid labels are in, when that is not the LiDAR frame (world
  // labels seen at the camera's own timestamp); absent means T_cam_lidar applies.
  std::optional<Transform3d> T_cam_label_frame;

  Transform3d T_cam_labels() const { return T_cam_label_frame ? *T_cam_label_frame : T_cam_lidar; }
  std::filesystem::path image_path;  // empty when the drive has no image for this frame
};

struct FrameData {
  std::string id;
  int64_t timestamp_us = 0;  // of the LiDAR sweep
  std::string label_frame = "lidar";  // frame of CuboidLabel::box: "lidar" or "world"
  // LiDAR frame (at the sweep's timestamp) into the label frame: identity for "lidar",
  // T_world_ego(t_lidar) * T_ego_lidar for "world".
  Transform3d T_labels_lidar;
  std::string taxonomy;  // class taxonomy the labels use, e.g. "kitti", "nuscenes-v1.0"
  std::optional<PointSweep> lidar;
  // Radar scans with positions in the LiDAR frame at the sweep's timestamp (adapters compose
  // radar(t_radar) -> ego -> world -> ego(t_lidar) -> lidar); fields x y z vr rcs, vr the
  // radial velocity in m/s, positive away from the sensor (see PointSweep::vr_ego_compensated).
  std::vector<PointSweep> radars;
  std::vector<CameraView> cameras;
  std::vector<CuboidLabel> cuboids;
  std::vector<ImageBoxLabel> image_boxes;
};

}  // namespace fuselabel
