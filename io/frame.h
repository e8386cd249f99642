#pragma once
// The engine's view of one frame of a drive, as every dataset adapter delivers it: the LiDAR
// sweep, the cameras with their composed transforms, and the labels. Plain data; formats are
// converted to these conventions (GUIDE.md) inside the adapters and nowhere else.
#include <cstdint>
#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "projection/camera_model.h"
#include "projection/cuboid.h"
#include "projection/polygon.h"
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

enum class LabelSource { Keyframe, Interpolated, Extrapolated, Refined };

// A 3D label. The cuboid is expressed in FrameData::label_frame.
struct CuboidLabel {
  std::string id;        // the label's own identity in its format (KITTI: "frame:line")
  std::string track_id;  // empty when the format has no tracks
  std::string class_name;
  Cuboidd box;
  LabelSource source = LabelSource::Keyframe;
  double confidence = 1.0;
  std::map<std::string, std::string> attributes;  // e.g. vehicle.moving, pedestrian.standing
};

const char* label_source_name(LabelSource source);  // "keyframe", "interpolated", ...
// Throws std::invalid_argument for an unknown name.
LabelSource parse_label_source(const std::string& name);

// A 2D label in one camera, optionally linked to a track.
struct ImageBoxLabel {
  std::string id;
  std::string track_id;
  std::string class_name;
  std::string camera;
  Box2<double> box;  // x1 y1 x2 y2 in pixels
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
