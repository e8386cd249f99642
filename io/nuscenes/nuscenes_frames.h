#pragma once
// The frames of a nuScenes scene: every sample_data of its lidar channel (LIDAR_TOP), keyframes
// and the sweeps between them, in time order. Ids (docs/nuscenes.md):
//   "K"        keyframe: the K-th sample of the scene (0-based)
//   "sweep:N"  the N-th lidar sample_data of the scene (0-based, keyframes counted too)
// and, as aliases, a sample token (its keyframe) or a lidar sample_data token. frame_ids() lists
// each frame once: "K" for keyframes, "sweep:N" for the others.
#include <cstdint>
#include <string>
#include <unordered_map>
#include <vector>

#include "io/nuscenes/nuscenes_scene.h"

namespace fuselabel::nuscenes {

class FrameIndex {
 public:
  explicit FrameIndex(const SceneData& scene);

  const std::vector<std::string>& ids() const { return ids_; }
  // Position in the lidar channel of the frame `id` names; throws InputError naming the scene
  // and the accepted forms for anything else.
  size_t lidar_index(const std::string& id) const;
  const std::string& id_of(size_t lidar_index) const { return ids_[lidar_index]; }
  // The sample a keyframe belongs to (index into SceneData::samples), or -1 for a sweep.
  int64_t sample_of(size_t lidar_index) const { return sample_of_[lidar_index]; }

 private:
  std::filesystem::path scene_file_;
  std::string scene_name_;
  std::vector<std::string> ids_;                      // by lidar index
  std::vector<int64_t> sample_of_;                    // by lidar index
  std::vector<size_t> keyframe_lidar_;                // by sample index
  std::unordered_map<std::string, size_t> by_token_;  // sample and lidar sample_data tokens
};

}  // namespace fuselabel::nuscenes
