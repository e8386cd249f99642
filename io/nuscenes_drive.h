#pragma once
// One scene of a nuScenes dataroot as a DriveReader (docs/nuscenes.md). The dataroot holds
// v1.0-*/ folders of JSON tables plus the samples/ and sweeps/ blobs their filenames name.
// Opening parses the tables once and keeps the selected scene, resolved; load_frame reads
// only that frame's files.
#include <filesystem>
#include <string>
#include <vector>

#include "io/drive_reader.h"
#include "io/nuscenes_frames.h"
#include "io/nuscenes_scene.h"

namespace fuselabel {

// Record layout of nuScenes LiDAR .pcd.bin files (float32 each).
inline const std::vector<std::string> kNuscenesLidarFields = {"x", "y", "z", "intensity", "ring"};

class NuscenesDrive : public DriveReader {
 public:
  // Cameras and radars of a sweep are the sample_data nearest in time to the LiDAR sweep, when
  // within this distance (nuScenes cameras run at 12 Hz and radars at 13 Hz: the nearest is
  // within ~42 ms); a channel with none that close is left out of that frame.
  static constexpr int64_t kMaxAssociationOffsetUs = 100'000;

  // Opens scene options.scene of version options.nuscenes_version (or of the only v1.0-* folder
  // when no version is given). Throws InputError listing the versions or scenes that exist when
  // the selection is missing or wrong, and for any invalid table.
  explicit NuscenesDrive(const DriveOptions& options);

  // True when `dir` has a v1.0-* subfolder.
  static bool recognises(const std::filesystem::path& dir);
  // The v1.0-* subfolders of `dataroot`, sorted.
  static std::vector<std::string> versions(const std::filesystem::path& dataroot);

  std::string format() const override { return "nuscenes"; }
  std::vector<std::string> frame_ids() const override { return frames_.ids(); }
  FrameData load_frame(const std::string& id, bool load_points = true) const override;
  DriveSummary summarize() const override;

  const nuscenes::SceneData& scene() const { return scene_; }

 private:
  nuscenes::SceneData scene_;
  nuscenes::FrameIndex frames_;
};

}  // namespace fuselabel
