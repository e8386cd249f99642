#pragma once
// Labels of any drive as KITTI object or tracking label lines with their calibration
// (docs/export.md, "KITTI"): cuboids in KITTI's rectified camera frame (bottom centre, h w l,
// rotation_y, alpha from the viewing ray), the human 2D box where the labels have one in the
// exported camera, else the projected cuboid clipped to [0, W-1] x [0, H-1]; truncation from the
// clipped against the unclipped projection; DontCare regions kept.
#include <cstdint>
#include <functional>
#include <map>
#include <string>
#include <vector>

#include "io/kitti/kitti_tracking.h"
#include "model/drive.h"

namespace fuselabel {

struct KittiExportOptions {
  KittiLabelFlavour flavour = KittiLabelFlavour::Tracking;
  std::string camera;        // the camera KITTI's P2 is; "" = the drive's first camera
  bool all_objects = false;  // also cuboids the camera does not see (2D box -1 -1 -1 -1)
  std::map<std::string, std::string> class_map;  // --class-map FROM=TO (kitti_classes.h)
  // Per cuboid id, the camera's visible share of its LiDAR points (cuboid_evidence.h), for
  // cuboids with enough points: the occlusion level of cuboids that carry none of their own.
  std::map<std::string, double> visible_share;
};

struct KittiExport {
  std::string camera;
  std::vector<KittiCalib> calibs;          // per drive frame
  std::vector<KittiTrackingLabel> lines;   // by frame, each frame's lines in label order
  int64_t unseen = 0;                      // cuboids left out: the camera does not see them
  int64_t image_only = 0;                  // 2D boxes without a cuboid (not DontCare): KITTI cannot hold them
  std::map<std::string, int64_t> unmapped;  // labels left out per class without a KITTI class
};

// The KITTI calibration of one frame's rig with `camera` as P2: the drive's own where
// `own_calib` gives one (KITTI drives, exact), else built from the rig: P2 the camera's 3x4
// matrix (a KITTI rectified camera's P and R_rect, a pinhole camera's [K | 0]), P0 = P1 = [K | 0],
// P3 a second camera at the same pose (a stereo partner) or P2, Tr_velo_to_cam from the poses,
// Tr_imu_to_velo the ego in the LiDAR. std::invalid_argument for a camera with lens distortion
// (KITTI's images are rectified) or a drive without such a camera.
using KittiCalibSource = std::function<const KittiCalib*(size_t frame)>;

// The camera KITTI's labels are for: `requested`, or the first camera of the drive's first rig
// when empty; std::invalid_argument when there is no such camera.
std::string kitti_camera_name(const Drive& drive, const std::string& requested);

// `labels` in `drive`'s label frame. Cuboids of frames outside the ego poses' span (World labels)
// are an InputError of the trajectory.
KittiExport export_kitti(const Drive& drive, const LabelSet& labels, const KittiExportOptions& options,
                         const KittiCalibSource& own_calib);

}  // namespace fuselabel
