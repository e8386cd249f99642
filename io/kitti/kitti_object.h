#pragma once
// KITTI object detection layout: DIR/{velodyne,image_2,calib,label_2}/ID.{bin,png,txt,txt},
// DIR being KITTI's `training` or `testing` folder. Every field is validated; a problem
// throws InputError naming the file, line and field.
#include <array>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "model/frame.h"
#include "model/labels.h"
#include "model/rig.h"

namespace fuselabel {

struct KittiCalib {
  std::array<std::array<double, 12>, 4> P{};  // P0..P3, row-major 3x4
  Mat3<double> R_rect = Mat3<double>::identity();  // key R0_rect or R_rect
  Transform3d T_cam0_velo;                          // key Tr_velo_to_cam or Tr_velo_cam
  std::optional<Transform3d> T_velo_imu;            // key Tr_imu_to_velo or Tr_imu_velo
};

// One line of a label_2 file.
struct KittiObjectLabel {
  std::string type;  // Car, Van, Truck, Pedestrian, Person_sitting, Cyclist, Tram, Misc, DontCare
  // Object benchmark: fraction in [0, 1]; tracking benchmark: level 0, 1 or 2; -1: not annotated.
  double truncated = 0;
  int occluded = 0;
  double alpha = 0;
  Box2<double> box2d{};      // left top right bottom, pixels
  double height = 0, width = 0, length = 0;  // metres
  Vec3<double> location{};   // bottom centre in the rectified camera frame
  double rotation_y = 0;     // around the rectified camera's y axis
  std::optional<double> score;  // 16th column, detector output only
  int line = 0;              // 1-based line in the file
};

KittiCalib read_kitti_calib(const std::filesystem::path& file);
std::vector<KittiObjectLabel> read_kitti_object_labels(const std::filesystem::path& file);

// The object and tracking benchmarks share the label columns type .. rotation_y [score] and
// differ in two places: tracking gives truncation as an integer level 0..2 (object: a fraction
// in [0, 1]) and its files spell a sitting person "Person" (its readme: Person_sitting).
enum class KittiLabelFlavour { Object, Tracking };

// Parses those shared columns of line `line` of `file`: `columns` holds exactly 15 (16 with a
// score) tokens, type first. Throws InputError naming the file, line and field.
KittiObjectLabel parse_kitti_label_columns(const std::filesystem::path& file, int line,
                                           const std::vector<std::string_view>& columns, KittiLabelFlavour flavour);

// Camera `index` (2 = left colour) as the KittiRectified model (P_index with R_rect), in the
// unrectified cam0 frame, so T_cam_lidar = T_cam0_velo.
CameraModeld kitti_camera_model(const KittiCalib& calib, int index, int width, int height);

// KITTI's camera-frame box (bottom centre, h w l, rotation_y) as a cuboid in the LiDAR frame,
// and back. DontCare lines have no cuboid.
Cuboidd kitti_label_to_lidar_cuboid(const KittiObjectLabel& label, const KittiCalib& calib);

// A Velodyne .bin file: float32 x y z intensity records.
PointSweep read_kitti_velodyne(const std::filesystem::path& file);

// CuboidLabel::attributes keys of a KITTI line's truncation, occlusion and alpha columns. The
// alpha is the annotation's own (KITTI's labels carry alphas up to 0.11 rad off their own
// rotation_y and location): a keyframe label is written back with it, any other with the alpha
// of its geometry.
inline constexpr const char* kKittiTruncated = "kitti.truncated";
inline constexpr const char* kKittiOccluded = "kitti.occluded";
inline constexpr const char* kKittiAlpha = "kitti.alpha";

// Appends one label line of frame `frame` to `labels`: its 2D box in `camera` and, unless
// DontCare, its cuboid in the LiDAR frame (confidence = the detector's or tracker's score when
// present), the two linked by the label's id.
void add_kitti_label(const KittiObjectLabel& label, const KittiCalib& calib, const std::string& label_id,
                     const std::string& track_id, const std::string& camera, int64_t frame, int64_t timestamp_us,
                     LabelSet& labels);

// The rig of a KITTI calibration: the Velodyne and the left colour camera (P2 with R_rect, the
// model applies R_rect and P2 itself, so the camera's frame is the unrectified cam0 and
// T_cam_lidar = Tr_velo_to_cam). T_ego_velo places the Velodyne in the ego frame (the IMU for
// tracking sequences with OXTS, else the Velodyne itself).
Rig kitti_rig(const KittiCalib& calib, const std::string& lidar, const std::string& camera, int width, int height,
              const Transform3d& T_ego_velo = {});
}  // namespace fuselabel
