// KITTI's camera-frame boxes <-> the engine's LiDAR-frame cuboids (GUIDE.md: converted at IO
// and nowhere else). KITTI: `location` is the bottom centre in the rectified camera frame
// (x right, y down, z forward), dimensions are h w l, and rotation_y turns the object about
// the camera's y axis, so its heading is (cos ry, 0, -sin ry). The LiDAR frame is reached
// through T_velo_rect = (R_rect * Tr_velo_to_cam)^-1.
#include <cmath>
#include <stdexcept>
#include <string>

#include "io/kitti/kitti_object.h"
#include "io/common/point_file.h"
#include "io/kitti/kitti_object_writer.h"
#include "io/native/native_drive_text.h"
#include "projection/cuboid_axes.h"

namespace fuselabel {
namespace {

Transform3d compose_T_rect_velo(const KittiCalib& calib) {
  return Transform3d{calib.R_rect, {0, 0, 0}} * calib.T_cam0_velo;
}

// The object's axes in the rectified camera frame: x along the heading, z up (camera -y),
// y = z x x completing a right-handed frame (the side KITTI's width spans).
Mat3<double> R_rect_object(double rotation_y) {
  const double c = std::cos(rotation_y), s = std::sin(rotation_y);
  const Vec3<double> x = {c, 0, -s}, z = {0, -1, 0};
  const Vec3<double> y = cross(z, x);
  return {{x.x, y.x, z.x, x.y, y.y, z.y, x.z, y.z, z.z}};
}

constexpr double kPi = 3.14159265358979323846;

}  // namespace

CameraModeld kitti_camera_model(const KittiCalib& calib, int index, int width, int height) {
  if (index < 0 || index > 3)
    throw std::invalid_argument("kitti_camera_model: camera index " + std::to_string(index) + " is not 0..3");
  CameraModeld cam;
  cam.type = CameraModelType::KittiRectified;
  cam.width = width;
  cam.height = height;
  const auto& P = calib.P[index];
  for (int i = 0; i < 12; ++i) cam.P[i] = P[i];
  for (int i = 0; i < 9; ++i) cam.R_rect[i] = calib.R_rect.m[i];
  // Not used by the KittiRectified projection; filled so code that reads intrinsics (e.g. to
  // pick a pixel scale) sees the rectified camera's focal lengths and principal point.
  cam.fx = P[0], cam.fy = P[5], cam.cx = P[2], cam.cy = P[6];
  return cam;
}

Cuboidd kitti_label_to_lidar_cuboid(const KittiObjectLabel& label, const KittiCalib& calib) {
  if (label.type == "DontCare")
    throw std::invalid_argument("kitti_label_to_lidar_cuboid: DontCare lines have no cuboid");
  const Transform3d T_velo_rect = compose_T_rect_velo(calib).inverse();
  const Vec3<double> center_rect = label.location - Vec3<double>{0, label.height / 2, 0};
  Cuboidd box;
  box.center = T_velo_rect * center_rect;
  box.size = {label.length, label.width, label.height};
  box.rotation = Quat<double>::from_matrix(orthonormalized_keeping_x(T_velo_rect.R * R_rect_object(label.rotation_y)));
  return box;
}

KittiObjectLabel lidar_cuboid_to_kitti_label(const Cuboidd& box, const KittiCalib& calib, const std::string& type) {
  const Transform3d T_rect_velo = compose_T_rect_velo(calib);
  KittiObjectLabel label;
  label.type = type;
  label.length = box.size.x;
  label.width = box.size.y;
  label.height = box.size.z;
  // KITTI boxes only turn about the camera's vertical axis: the heading's component along it
  // is dropped.
  const Vec3<double> heading_rect = T_rect_velo.R * matrix_column(box.rotation.to_matrix(), 0);
  label.rotation_y = std::atan2(-heading_rect.z, heading_rect.x);
  label.location = T_rect_velo * box.center + Vec3<double>{0, label.height / 2, 0};
  // Observation angle as the devkit defines it: rotation_y minus the azimuth of the object's
  // ray from the camera, wrapped to [-pi, pi].
  label.alpha = std::remainder(label.rotation_y - std::atan2(label.location.x, label.location.z), 2 * kPi);
  return label;
}

void add_kitti_label(const KittiObjectLabel& label, const KittiCalib& calib, const std::string& label_id,
                     const std::string& track_id, const std::string& camera, int64_t frame, int64_t timestamp_us,
                     LabelSet& labels) {
  const bool dont_care = label.type == "DontCare";
  ImageBoxLabel box2d;
  box2d.id = label_id;
  box2d.track_id = track_id;
  box2d.class_name = label.type;
  box2d.camera = camera;
  box2d.timestamp_us = timestamp_us;
  box2d.box = label.box2d;
  box2d.cuboid_id = dont_care ? "" : label_id;
  box2d.frame = frame;
  labels.boxes_2d.push_back(std::move(box2d));
  if (dont_care) return;
  CuboidLabel cuboid;
  cuboid.id = label_id;
  cuboid.track_id = track_id;
  cuboid.class_name = label.type;
  cuboid.frame = frame;
  cuboid.timestamp_us = timestamp_us;
  cuboid.box = kitti_label_to_lidar_cuboid(label, calib);
  cuboid.confidence = label.score.value_or(1.0);
  // Kept so the line can be written back (the writers' truncated and occluded columns).
  cuboid.attributes = {{kKittiTruncated, std::to_string(label.truncated)},
                       {kKittiOccluded, std::to_string(label.occluded)},
                       {kKittiAlpha, format_double(label.alpha)}};
  labels.boxes.push_back(std::move(cuboid));
}

PointSweep read_kitti_velodyne(const std::filesystem::path& file) {
  static const std::vector<std::string> fields = {"x", "y", "z", "intensity"};
  PointSweep sweep;
  sweep.fields = fields;
  sweep.records = read_float_records(file, fields);
  return sweep;
}

Rig kitti_rig(const KittiCalib& calib, const std::string& lidar, const std::string& camera, int width, int height,
              const Transform3d& T_ego_velo) {
  Rig rig;
  rig.sensors.push_back({lidar, SensorKind::Lidar, T_ego_velo, std::nullopt, 10.0});
  rig.sensors.push_back({camera, SensorKind::Camera, T_ego_velo * calib.T_cam0_velo.inverse(),
                         kitti_camera_model(calib, 2, width, height), 10.0});
  return rig;
}

}  // namespace fuselabel
