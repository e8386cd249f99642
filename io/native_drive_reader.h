#pragma once
// A native drive (drive.yaml, docs/native-drive.md) as a DriveReader. Frames are the LiDAR's
// samples, ids "0".."N-1". Each frame carries the deskewed sweep, every camera and radar
// sample within kSensorMatchWindowUs of the sweep (nearest one per sensor), time-aligned
// through the ego poses, and the chosen label set's world-frame cuboids and 2D boxes.
#include <filesystem>
#include <map>
#include <string>
#include <vector>

#include "io/drive_reader.h"
#include "io/native_drive.h"

namespace fuselabel {

class NativeDriveReader : public DriveReader {
 public:
  static constexpr int64_t kSensorMatchWindowUs = 100'000;
  static constexpr const char* kDefaultLabelSet = "ground_truth";

  // Reads drive.yaml, the poses, the indexes and the label set `label_set` (empty: the
  // default set, or none when the drive has no label sets). Throws InputError for invalid
  // files and for an unknown label set (the message lists those the drive has).
  explicit NativeDriveReader(const std::filesystem::path& root, const std::string& label_set = "");

  // True when `dir` holds a drive.yaml.
  static bool recognises(const std::filesystem::path& dir);

  const NativeDrive& drive() const { return drive_; }
  const std::string& label_set_name() const { return label_set_name_; }  // empty: no labels
  const LabelSet& labels() const { return labels_; }

  std::string format() const override { return "native"; }
  std::vector<std::string> frame_ids() const override;
  // load_points = false skips the LiDAR and radar point files.
  FrameData load_frame(const std::string& id, bool load_points = true) const override;
  DriveSummary summarize() const override;

  // T_world_ego at t_us (interpolate_pose, default limits); InputError naming the ego poses
  // file and the timestamp when the poses do not cover it.
  Transform3d pose_at(int64_t t_us) const;

 private:
  size_t frame_index(const std::string& id) const;
  // The sample of `sensor` nearest to t_us within the window, or nullptr.
  const SensorSample* nearest_sample(size_t sensor, int64_t t_us) const;
  void add_camera(FrameData& frame, const NativeSensor& camera, const SensorSample& sample) const;
  void add_radar(FrameData& frame, const NativeSensor& radar, const SensorSample& sample) const;
  void add_labels(FrameData& frame, size_t frame_index) const;

  const NativeSensor& lidar() const { return drive_.sensors[lidar_index_]; }

  NativeDrive drive_;
  size_t lidar_index_ = 0;
  std::vector<std::vector<int64_t>> sample_times_;  // per sensor, parallel to drive_.sensors
  std::string label_set_name_;
  LabelSet labels_;
  std::map<std::string, size_t> track_index_;  // track id -> position in labels_.tracks
};

}  // namespace fuselabel
