#include "fusion/export/kitti_export.h"

#include <algorithm>
#include <map>
#include <set>
#include <stdexcept>

#include "fusion/export/kitti_classes.h"
#include "io/kitti/kitti_label_writer.h"
#include "io/kitti/kitti_levels.h"
#include "io/kitti/kitti_object.h"
#include "projection/cuboid_projection.h"
#include "projection/cuboid_truncation.h"

namespace fuselabel {
namespace {

const Sensor& export_camera(const Rig& rig, const std::string& name) {
  for (const Sensor& s : rig.sensors)
    if (s.camera && (name.empty() || s.name == name)) return s;
  throw std::invalid_argument(name.empty() ? "the drive has no camera to export KITTI labels for"
                                           : "the drive has no camera " + name);
}

std::array<double, 12> projection_matrix(const Sensor& camera) {
  const CameraModeld& cam = *camera.camera;
  std::array<double, 12> P{};
  if (cam.type == CameraModelType::KittiRectified) {
    std::copy(cam.P, cam.P + 12, P.begin());
    return P;
  }
  const bool distorted = std::any_of(cam.dist, cam.dist + 8, [](double k) { return k != 0; });
  if (cam.type == CameraModelType::Fisheye || cam.type == CameraModelType::Mei ||
      (cam.type == CameraModelType::BrownConrady && distorted))
    throw std::invalid_argument("camera " + camera.name +
                                " has lens distortion, which KITTI's projection matrices cannot hold (KITTI's images are "
                                "rectified): export a pinhole or rectified camera");
  P = {cam.fx, 0, cam.cx, 0, 0, cam.fy, cam.cy, 0, 0, 0, 1, 0};
  return P;
}

bool same_pose(const Transform3d& a, const Transform3d& b) {
  for (int i = 0; i < 9; ++i)
    if (std::abs(a.R.m[i] - b.R.m[i]) > 1e-9) return false;
  return std::abs(a.t.x - b.t.x) + std::abs(a.t.y - b.t.y) + std::abs(a.t.z - b.t.z) < 1e-9;
}

Transform3d T_ego_lidar(const Rig& rig) { return rig.lidar() ? rig.lidar()->T_ego_sensor : Transform3d{}; }

KittiCalib rig_calib(const Rig& rig, const Sensor& camera) {
  KittiCalib calib;
  calib.P[2] = projection_matrix(camera);
  calib.P[0] = {calib.P[2][0], calib.P[2][1], calib.P[2][2], 0, calib.P[2][4], calib.P[2][5], calib.P[2][6], 0,
                calib.P[2][8], calib.P[2][9], calib.P[2][10], 0};
  calib.P[1] = calib.P[0];
  calib.P[3] = calib.P[2];
  for (const Sensor& s : rig.sensors)
    if (s.camera && s.name != camera.name && same_pose(s.T_ego_sensor, camera.T_ego_sensor)) {
      try {
        calib.P[3] = projection_matrix(s);
        break;
      } catch (const std::invalid_argument&) {
      }
    }
  if (camera.camera->type == CameraModelType::KittiRectified)
    for (int i = 0; i < 9; ++i) calib.R_rect.m[i] = camera.camera->R_rect[i];
  calib.T_cam0_velo = camera.T_ego_sensor.inverse() * T_ego_lidar(rig);
  calib.T_velo_imu = T_ego_lidar(rig).inverse();
  return calib;
}

// T_lidar_labels at frame f.
Transform3d T_lidar_labels(const Drive& drive, const LabelSet& labels, size_t f) {
  const Transform3d T_lidar_ego = T_ego_lidar(drive.rigs.at(drive.frames[f].rig)).inverse();
  switch (labels.frame) {
    case LabelFrame::Lidar: return {};
    case LabelFrame::Ego: return T_lidar_ego;
    case LabelFrame::World: return T_lidar_ego * drive.trajectory.at(drive.frames[f].timestamp_us).inverse();
  }
  return {};
}

// A cuboid's own KITTI truncation / occlusion (read from KITTI, or OpenLABEL as VCD writes it).
const std::string* own_attribute(const CuboidLabel& c, const char* kitti_key, const char* plain_key) {
  for (const char* key : {kitti_key, plain_key}) {
    const auto found = c.attributes.find(key);
    if (found != c.attributes.end()) return &found->second;
  }
  return nullptr;
}

}  // namespace

std::string kitti_camera_name(const Drive& drive, const std::string& requested) {
  if (drive.rigs.empty()) throw std::invalid_argument("the drive has no camera to export KITTI labels for");
  return export_camera(drive.rigs.front(), requested).name;
}

KittiExport export_kitti(const Drive& drive, const LabelSet& labels, const KittiExportOptions& options,
                         const KittiCalibSource& own_calib) {
  if (drive.rigs.empty() || drive.frames.empty()) throw std::invalid_argument("the drive has no frames to export");
  KittiExport out;
  out.camera = kitti_camera_name(drive, options.camera);
  for (size_t f = 0; f < drive.frames.size(); ++f) {
    const Rig& rig = drive.rig_of(drive.frames[f]);
    const KittiCalib* own = own_calib ? own_calib(f) : nullptr;
    out.calibs.push_back(own ? *own : rig_calib(rig, export_camera(rig, out.camera)));
  }
  // The KITTI-shaped label set: LiDAR-frame cuboids, each with the 2D box its line carries.
  LabelSet kitti;
  kitti.frame = LabelFrame::Lidar;
  kitti.tracks = labels.tracks;
  std::map<std::string, size_t> cuboid_of_id;
  std::map<std::pair<int64_t, std::string>, size_t> cuboid_of_track;
  std::set<std::string> left_out;  // cuboids of classes without a KITTI class, and their boxes
  std::set<std::pair<int64_t, std::string>> left_out_tracks;
  std::vector<std::string> labels_id;  // per KITTI cuboid, its id in `labels`
  for (const CuboidLabel& c : labels.boxes) {
    const std::optional<std::string> kitti_name = kitti_class(labels.class_of(c), options.class_map);
    if (!kitti_name) {
      ++out.unmapped[labels.class_of(c)];
      left_out.insert(c.id);
      if (!c.track_id.empty()) left_out_tracks.insert({c.frame, c.track_id});
      continue;
    }
    CuboidLabel lidar = c;
    lidar.box = transform_cuboid(T_lidar_labels(drive, labels, size_t(c.frame)), c.box);
    lidar.class_name = *kitti_name;
    // Lines are joined to their cuboids by id: a label without one gets one of its own.
    labels_id.push_back(c.id);
    if (lidar.id.empty()) lidar.id = "export:" + std::to_string(kitti.boxes.size());
    if (!c.id.empty()) cuboid_of_id[c.id] = kitti.boxes.size();
    if (!c.track_id.empty()) cuboid_of_track[{c.frame, c.track_id}] = kitti.boxes.size();
    kitti.boxes.push_back(std::move(lidar));
  }
  std::vector<bool> has_box(kitti.boxes.size(), false);
  std::vector<ImageBoxLabel> boxes;  // the lines, before ordering
  const std::vector<int64_t> box_frames = frames_of_image_boxes(drive, labels.boxes_2d);
  for (size_t i = 0; i < labels.boxes_2d.size(); ++i) {
    const ImageBoxLabel& b = labels.boxes_2d[i];
    if (b.camera != out.camera || box_frames[i] < 0) continue;
    if ((!b.cuboid_id.empty() && left_out.count(b.cuboid_id)) ||
        (!b.track_id.empty() && left_out_tracks.count({box_frames[i], b.track_id})))
      continue;
    ImageBoxLabel box = b;
    box.class_name = labels.class_of(b);
    box.frame = box_frames[i];
    const auto linked = b.cuboid_id.empty() ? cuboid_of_id.end() : cuboid_of_id.find(b.cuboid_id);
    size_t c = linked != cuboid_of_id.end() ? linked->second : kitti.boxes.size();
    if (c == kitti.boxes.size() && !b.track_id.empty()) {
      const auto by_track = cuboid_of_track.find({box.frame, b.track_id});
      if (by_track != cuboid_of_track.end()) c = by_track->second;
    }
    if (c == kitti.boxes.size() || has_box[c]) {
      if (box.class_name != "DontCare") ++out.image_only;
      else box.cuboid_id.clear(), boxes.push_back(box);
      continue;
    }
    has_box[c] = true;
    box.cuboid_id = kitti.boxes[c].id;
    box.class_name = kitti.boxes[c].class_name;
    boxes.push_back(box);
  }
  for (size_t c = 0; c < kitti.boxes.size(); ++c) {
    CuboidLabel& cuboid = kitti.boxes[c];
    const size_t f = size_t(cuboid.frame);
    const Sensor& camera = export_camera(drive.rig_of(drive.frames[f]), out.camera);
    const Transform3d T_cam_lidar = camera.T_ego_sensor.inverse() * T_ego_lidar(drive.rig_of(drive.frames[f]));
    Box2<double> projected{-1, -1, -1, -1};
    const bool seen = project_cuboid_box(*camera.camera, T_cam_lidar, cuboid.box, projected);
    if (!has_box[c]) {
      if (!seen && !options.all_objects) {
        ++out.unseen;
        continue;
      }
      ImageBoxLabel box;
      box.id = cuboid.id, box.track_id = cuboid.track_id, box.class_name = cuboid.class_name;
      box.camera = out.camera, box.frame = cuboid.frame, box.cuboid_id = cuboid.id;
      box.box = seen ? projected : Box2<double>{-1, -1, -1, -1};
      boxes.push_back(box);
    }
    if (!own_attribute(cuboid, kKittiTruncated, "truncated")) {
      const double share = seen ? truncated_share(*camera.camera, T_cam_lidar, cuboid.box, projected) : 1.0;
      cuboid.attributes[kKittiTruncated] = options.flavour == KittiLabelFlavour::Tracking
                                               ? std::to_string(kitti_tracking_truncation_level(share))
                                               : std::to_string(share);
    } else {
      cuboid.attributes[kKittiTruncated] = *own_attribute(cuboid, kKittiTruncated, "truncated");
    }
    // The label's own level, else from the LiDAR's visible share, else KITTI's "unknown", 3
    // (a labels-only drive, a cuboid with few points).
    const std::string* occluded = own_attribute(cuboid, kKittiOccluded, "occluded");
    const auto visible = options.visible_share.find(labels_id[c]);
    cuboid.attributes[kKittiOccluded] = occluded ? *occluded
                                        : visible != options.visible_share.end()
                                            ? std::to_string(kitti_occlusion_level(1.0 - visible->second))
                                            : "3";
    if (const std::string* alpha = own_attribute(cuboid, kKittiAlpha, "alpha")) cuboid.attributes[kKittiAlpha] = *alpha;
  }
  // Cuboids left out have no box: drop them before writing.
  std::set<std::string> written;
  for (const ImageBoxLabel& b : boxes)
    if (!b.cuboid_id.empty()) written.insert(b.cuboid_id);
  kitti.boxes.erase(std::remove_if(kitti.boxes.begin(), kitti.boxes.end(),
                                   [&](const CuboidLabel& c) { return !written.count(c.id); }),
                    kitti.boxes.end());
  std::stable_sort(boxes.begin(), boxes.end(), [](const ImageBoxLabel& a, const ImageBoxLabel& b) { return a.frame < b.frame; });
  kitti.boxes_2d = std::move(boxes);
  out.lines = kitti_label_lines(kitti, [&](int64_t f) -> const KittiCalib& { return out.calibs.at(size_t(f)); }, options.flavour);
  return out;
}

}  // namespace fuselabel
