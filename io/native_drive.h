#pragma once
// The native drive format (docs/native-drive.md): a directory with drive.yaml describing the
// sensors (extrinsics T_ego_sensor, camera models), the ego poses file, one timestamped index
// per sensor, and label sets (tracks of world-frame cuboids with per-frame source, 2D boxes
// linked to tracks). Readers validate everything (InputError naming file and field); writers
// are deterministic, so write -> read -> write is byte-identical, and atomic.
#include <cstdint>
#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "io/frame.h"
#include "projection/pose_interpolation.h"

namespace fuselabel {

enum class SensorKind { Lidar, Radar, Camera };
const char* sensor_kind_name(SensorKind kind);  // "lidar", "radar", "camera"

// Float32 little-endian record layouts of the point files.
inline const std::vector<std::string> kNativeLidarFields = {"x", "y", "z", "intensity", "t_offset"};
inline const std::vector<std::string> kNativeRadarFields = {"x", "y", "z", "vr", "rcs"};

struct SensorSample {
  int64_t timestamp_us = 0;  // LiDAR: start of the sweep; t_offset of each point is added to it
  std::string file;          // relative to the drive root
};

struct NativeSensor {
  std::string name;  // e.g. LIDAR_TOP, RADAR_FRONT, CAM_FRONT
  SensorKind kind = SensorKind::Lidar;
  Transform3d T_ego_sensor;
  std::optional<CameraModeld> camera;  // cameras only
  std::string index_file;              // relative: CSV "timestamp_us,file", sorted by time
  std::vector<SensorSample> samples;
};

struct TrackInfo {
  std::string track_id;
  std::string class_name;
  std::map<std::string, std::string> attributes;
};

// One cuboid of a track at one LiDAR frame, in the world frame.
struct TrackBox {
  std::string track_id;
  int64_t frame = 0;  // LiDAR frame index (position in the LiDAR's sample list)
  int64_t timestamp_us = 0;
  Cuboidd box;
  LabelSource source = LabelSource::Keyframe;
  double confidence = 1.0;
  // Empty: the track's class. Set where this frame's label names another class (KITTI tracking
  // labels carry a class per line; a corruption profile's class flip writes one).
  std::string class_name;
};

// A 2D box of a track in one camera image.
struct TrackBox2D {
  std::string track_id;
  std::string camera;
  int64_t timestamp_us = 0;  // of the camera sample
  Box2<double> box;
};

struct LabelSet {
  std::string taxonomy;  // e.g. "fuselabel-sim-v1"
  std::vector<TrackInfo> tracks;
  std::vector<TrackBox> boxes;      // sorted by (frame, track_id)
  std::vector<TrackBox2D> boxes_2d;  // sorted by (timestamp_us, camera, track_id)
};

struct NativeDrive {
  std::filesystem::path root;
  std::string name;
  std::string world_frame = "odometry";  // odometry | ENU | UTM
  std::string ego_pose_file = "ego_poses.csv";
  std::vector<StampedPose> ego_poses;  // T_world_ego, strictly increasing time
  std::vector<NativeSensor> sensors;   // exactly one LiDAR; any number of radars and cameras
  std::map<std::string, std::string> label_sets;  // name -> relative JSON file

  const NativeSensor& sensor(const std::string& name) const;  // throws std::out_of_range
  const NativeSensor& lidar() const;
};

// drive.yaml, the ego poses and the sensor indexes (not the point files, images or labels).
NativeDrive read_native_drive(const std::filesystem::path& root);
// Writes drive.yaml, the ego poses and the sensor indexes under drive.root.
void write_native_drive(const NativeDrive& drive);

LabelSet read_label_set(const std::filesystem::path& file);
// The same, and every box must refer to the drive: boxes to a LiDAR frame at its timestamp,
// 2D boxes to a camera sample (errors name the JSON path, e.g. "boxes[3].frame").
LabelSet read_label_set(const std::filesystem::path& file, const NativeDrive& drive);
void write_label_set(const std::filesystem::path& file, const LabelSet& labels);

}  // namespace fuselabel
