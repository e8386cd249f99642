#pragma once
// A drive on disk, whatever its layout: the frames it holds and a loader for each.
#include <filesystem>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "io/frame.h"

namespace fuselabel {

struct SensorInfo {
  std::string name;
  std::string kind;  // "lidar", "radar" or "camera"
};

struct DriveSummary {
  std::string format;  // e.g. "kitti-object"
  std::filesystem::path root;
  std::vector<SensorInfo> sensors;
  std::vector<std::string> frame_ids;
  int64_t cuboid_labels = 0;
  int64_t image_box_labels = 0;
  std::map<std::string, int64_t> labels_per_class;
  int64_t tracks = 0;  // 0 for formats without track ids
};

class DriveReader {
 public:
  virtual ~DriveReader() = default;
  virtual std::string format() const = 0;
  virtual std::vector<std::string> frame_ids() const = 0;
  // Throws InputError for an unknown id or any invalid file of the frame.
  virtual FrameData load_frame(const std::string& id, bool load_points = true) const = 0;
  // Reads every label file (not the point clouds) and counts.
  virtual DriveSummary summarize() const = 0;
};

// What names a drive on the command line: its folder plus the selectors some layouts need.
struct DriveOptions {
  std::filesystem::path path;
  std::string label_set;          // native drives: which label set (default "ground_truth")
  std::string nuscenes_version;   // nuScenes: v1.0-mini, v1.0-trainval, ...
  std::string scene;              // nuScenes: scene name, e.g. scene-0061
  std::string sequence;           // KITTI tracking: SSSS, e.g. 0005
};

// Recognises the layout of `options.path` and opens it; throws InputError naming what was
// expected when it is none of the supported layouts or a required selector is missing.
std::unique_ptr<DriveReader> open_drive(const DriveOptions& options);
inline std::unique_ptr<DriveReader> open_drive(const std::filesystem::path& dir) {
  DriveOptions options;
  options.path = dir;
  return open_drive(options);
}

}  // namespace fuselabel
