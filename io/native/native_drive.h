#pragma once
// The native drive format (docs/native-drive.md): a directory with drive.yaml describing the
// sensors (extrinsics T_ego_sensor, camera models), the ego poses file, one timestamped index
// per sensor, and label sets (model/labels.h: tracks of world-frame cuboids with per-frame
// source, 2D boxes linked to tracks). Readers validate everything (InputError naming file and field); writers
// are deterministic, so write -> read -> write is byte-identical, and atomic.
#include <cstdint>
#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "model/labels.h"
#include "model/rig.h"
#include "model/timing_fault.h"
#include "projection/pose_interpolation.h"

namespace fuselabel {

// Float32 little-endian record layouts of the point files.
inline const std::vector<std::string> kNativeLidarFields = {"x", "y", "z", "intensity", "t_offset"};
inline const std::vector<std::string> kNativeRadarFields = {"x", "y", "z", "vr", "rcs"};

// One line of a sensor index: a timestamp and a file relative to the drive root.
struct NativeSample {
  int64_t timestamp_us = 0;  // LiDAR: start of the sweep; t_offset of each point is added to it
  std::string file;          // relative to the drive root
};

struct NativeSensor {
  std::string name;  // e.g. LIDAR_TOP, RADAR_FRONT, CAM_FRONT
  SensorKind kind = SensorKind::Lidar;
  Transform3d T_ego_sensor;
  std::optional<CameraModeld> camera;  // cameras only
  std::string index_file;              // relative: CSV "timestamp_us,file", sorted by time
  std::vector<NativeSample> samples;
  // Read with timing faults kept only: per data row of the index, the index into `samples` of
  // its sample, -1 for a row left out. Empty: every row is the sample of the same index.
  std::vector<int64_t> row_samples;
};

struct NativeDrive {
  std::filesystem::path root;
  std::string name;
  // Both empty for a drive without ego poses: its labels are then in each frame's ego frame.
  std::string world_frame = "odometry";  // odometry | ENU | UTM
  std::string ego_pose_file = "ego_poses.csv";
  std::vector<StampedPose> ego_poses;  // T_world_ego, strictly increasing time
  std::vector<NativeSensor> sensors;   // exactly one LiDAR; any number of radars and cameras
  std::map<std::string, std::string> label_sets;  // name -> relative JSON file
  // Read with timing faults kept only: the index rows left out of the samples because their
  // times repeat or go back, sensor by sensor in `sensors` order, each in file order.
  std::vector<TimingFault> timing_faults;

  const NativeSensor& sensor(const std::string& name) const;  // throws std::out_of_range
  const NativeSensor& lidar() const;
};

// drive.yaml, the ego poses and the sensor indexes (not the point files, images or labels).
// keep_timing_faults: index rows whose times repeat or go back are left out of the samples and
// listed in timing_faults instead of being errors (the first sample at a time is kept).
NativeDrive read_native_drive(const std::filesystem::path& root, bool keep_timing_faults = false);
// Writes drive.yaml, the ego poses and the sensor indexes under drive.root.
void write_native_drive(const NativeDrive& drive);

LabelSet read_label_set(const std::filesystem::path& file);
// The same, and every box must refer to the drive: boxes to a LiDAR frame at its timestamp,
// 2D boxes to a camera sample (errors name the JSON path, e.g. "boxes[3].frame"). For a drive
// read with timing faults kept, a box's `frame` counts the LiDAR index's rows: boxes of a row
// left out are left out, the others renumbered to the frames kept; 2D boxes at the time of a
// camera sample left out (and of none kept) are left out.
LabelSet read_label_set(const std::filesystem::path& file, const NativeDrive& drive);
void write_label_set(const std::filesystem::path& file, const LabelSet& labels);

}  // namespace fuselabel
