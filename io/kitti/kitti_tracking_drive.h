#pragma once
// One sequence SSSS of a KITTI tracking folder (`training` or `testing`) opened into the model
// (docs/kitti-tracking.md): calib/SSSS.txt is required, and label_02/SSSS.txt whenever the
// folder has label_02/ (`training`); without label_02/ (`testing`) the sequence has no labels.
// velodyne/SSSS/, image_02/SSSS/ and oxts/SSSS.txt are each optional, so a labels-only drive
// is valid.
// Frame ids are the sequence's frame numbers "0".."N-1"; KITTI records at 10 Hz and the
// benchmark has no timestamps, so frame f is at f * kFramePeriodUs.
#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "io/drive_reader.h"
#include "io/kitti/kitti_object.h"
#include "io/kitti/kitti_oxts.h"
#include "io/kitti/kitti_tracking.h"
#include "projection/pose_interpolation.h"

namespace fuselabel {

class KittiTrackingDrive : public DriveReader {
 public:
  // KITTI's most common image size, for a sequence without images.
  static constexpr int kDefaultImageWidth = 1242;
  static constexpr int kDefaultImageHeight = 375;
  static constexpr int64_t kFramePeriodUs = 100'000;
  // The rig's sensors, named as the sequence's folders.
  static constexpr const char* kLidarName = "velodyne";
  static constexpr const char* kCameraName = "image_02";

  // Reads and validates the labels, the calibration and the OXTS file (when present) and lists
  // the point and image files. `sequence` is SSSS ("5" is read as "0005"). Throws InputError
  // when it is empty or unknown (listing the sequences found), has no frame at all, or any of
  // those files is invalid.
  KittiTrackingDrive(std::filesystem::path root, const std::string& sequence);

  // True when `dir` looks like a KITTI tracking folder: label_02/, oxts/ holding SSSS.txt, or
  // velodyne/ or image_02/ holding SSSS subfolders (a KITTI raw drive's oxts/data/ is not one).
  static bool recognises(const std::filesystem::path& dir);
  // The sequences of `root` that can be opened, sorted: those with a label_02/SSSS.txt, or
  // for an unlabelled folder (no label_02/) those with a calib/SSSS.txt.
  static std::vector<std::string> sequences(const std::filesystem::path& root);

  size_t frame_index(const std::string& id) const override;
  PointSweep load_points(const Sensor& sensor, const SensorSample& sample) const override;
  void write_labels(const LabelSet& labels, const std::filesystem::path& dir) const override;
  // `value` is a file of label_02 lines (kitti_tracking.h) for this sequence, e.g. keyframe
  // boxes; converted exactly as the sequence's own label_02/SSSS.txt (same ids, tracks and
  // frame). InputError naming the file, line and field for an invalid line, a frame the
  // sequence does not have, or a JSON file (label set JSON is for native drives).
  LabelSet read_replacement_labels(const std::string& value) const override;

  const std::string& sequence() const { return sequence_; }
  // Whether the folder holds labels (has label_02/), as `training` does and `testing` does not.
  bool labelled() const { return labelled_; }
  const KittiCalib& calib() const { return calib_; }
  // T_world_ego of frames 0..N-1 from oxts/SSSS.txt, world being the IMU frame of frame 0;
  // empty when the sequence has no OXTS file.
  const std::vector<StampedPose>& ego_poses() const { return drive_.trajectory.poses; }
  // Ego (IMU) from LiDAR: the inverse of Tr_imu_to_velo; absent when the calibration lacks it
  // (never when the sequence has ego poses).
  std::optional<Transform3d> T_ego_lidar() const;
  // Frames whose velodyne/SSSS/FFFFFF.bin is absent although the sequence has point files
  // (KITTI's own training/velodyne/0001 lacks 000177..000180); load_frame leaves their lidar empty.
  std::vector<int> frames_without_points() const;

 private:
  // Checks the packets against the frames and the calibration, then converts them.
  void set_ego_poses(const std::filesystem::path& oxts_file, const std::vector<KittiOxtsPacket>& packets,
                     size_t frame_count);
  // The frames, the LiDAR and camera timelines and the labels.
  void add_frames(const std::vector<KittiTrackingLabel>& labels, const std::vector<int>& image_frames,
                  size_t frame_count);
  // Label_02 lines of this sequence as the model's label set "label_02" in the LiDAR frame: a
  // line's id is SSSS:frame:line, a track keeps its first line's class
  // (kitti_tracking_label_set.cpp).
  LabelSet label_set(const std::vector<KittiTrackingLabel>& labels) const;
  std::filesystem::path frame_file(const char* folder, int frame, const char* extension) const;

  std::string sequence_;
  bool labelled_ = true;
  KittiCalib calib_;
  std::vector<bool> has_points_;  // N entries; empty without the folder
};

}  // namespace fuselabel
