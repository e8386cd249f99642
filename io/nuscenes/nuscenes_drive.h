#pragma once
// One scene of a nuScenes dataroot opened into the model (docs/nuscenes.md). The dataroot holds
// v1.0-*/ folders of JSON tables plus the samples/ and sweeps/ blobs their filenames name.
// Opening parses the tables once and keeps the selected scene, resolved; frames are the LiDAR
// sample_data, a keyframe's own sample_data go with it, other frames take each channel's
// nearest within Drive::association_window_us; every sample_data keeps its own ego pose.
#include <filesystem>
#include <string>
#include <vector>

#include "io/drive_reader.h"
#include "io/nuscenes/nuscenes_frames.h"
#include "io/nuscenes/nuscenes_scene.h"

namespace fuselabel {

// Record layout of nuScenes LiDAR .pcd.bin files (float32 each).
inline const std::vector<std::string> kNuscenesLidarFields = {"x", "y", "z", "intensity", "ring"};

class NuscenesDrive : public DriveReader {
 public:
  // Opens scene selector("scene") of version selector("version") (or of the only v1.0-* folder
  // when no version is given). Throws InputError listing the versions or scenes that exist when
  // the selection is missing or wrong, and for any invalid table.
  explicit NuscenesDrive(const DriveOptions& options);

  // True when `dir` has a v1.0-* subfolder.
  static bool recognises(const std::filesystem::path& dir);
  // The v1.0-* subfolders of `dataroot`, sorted.
  static std::vector<std::string> versions(const std::filesystem::path& dataroot);

  // Sample indices, sweep:N, sample tokens and LiDAR sample_data tokens (nuscenes_frames.h).
  size_t frame_index(const std::string& id) const override { return frames_.lidar_index(id); }
  PointSweep load_points(const Sensor& sensor, const SensorSample& sample) const override;
  // DIR/VERSION/sample_annotation.json and instance.json: the version's whole tables with this
  // scene's annotations following `labels` (nuscenes_label_writer.h); std::invalid_argument for
  // what nuScenes cannot express (a class flip, a new label).
  void write_labels(const LabelSet& labels, const std::filesystem::path& dir) const override;

  const nuscenes::SceneData& scene() const { return scene_; }

 private:
  nuscenes::SceneData scene_;
  nuscenes::FrameIndex frames_;
};

}  // namespace fuselabel
