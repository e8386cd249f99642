#include "io/nuscenes/nuscenes_frames.h"

#include <algorithm>
#include <cctype>

#include "model/input_error.h"
#include "io/nuscenes/nuscenes_tables.h"

namespace fuselabel::nuscenes {
namespace {

const char kSweepPrefix[] = "sweep:";

// A non-negative decimal index without sign or spaces (at most 9 digits, so it fits).
bool parse_index(const std::string& text, size_t& out) {
  if (text.empty() || text.size() > 9 ||
      !std::all_of(text.begin(), text.end(), [](unsigned char c) { return std::isdigit(c); }))
    return false;
  out = std::stoul(text);
  return true;
}

}  // namespace

FrameIndex::FrameIndex(const SceneData& scene)
    : scene_file_(table_file(scene.dataroot / scene.version, "scene")), scene_name_(scene.name) {
  const Channel& lidar = scene.lidar();
  ids_.resize(lidar.samples.size());
  sample_of_.assign(lidar.samples.size(), -1);
  for (size_t k = 0; k < scene.samples.size(); ++k) {
    const size_t i = scene.samples[k].keyframes.at(scene.lidar_channel);
    keyframe_lidar_.push_back(i);
    sample_of_[i] = static_cast<int64_t>(k);
    ids_[i] = std::to_string(k);
    by_token_[scene.samples[k].token] = i;
  }
  for (size_t i = 0; i < lidar.samples.size(); ++i) {
    if (sample_of_[i] < 0) ids_[i] = kSweepPrefix + std::to_string(i);
    by_token_[lidar.samples[i].token] = i;
  }
}

size_t FrameIndex::lidar_index(const std::string& id) const {
  size_t n = 0;
  if (id.rfind(kSweepPrefix, 0) == 0 && parse_index(id.substr(sizeof kSweepPrefix - 1), n) && n < ids_.size()) return n;
  if (parse_index(id, n) && n < keyframe_lidar_.size()) return keyframe_lidar_[n];
  const auto token = by_token_.find(id);
  if (token != by_token_.end()) return token->second;
  throw InputError(scene_file_, "scene " + scene_name_ + ", frame '" + id + "'",
                   "no such frame: expected a sample index 0.." + std::to_string(keyframe_lidar_.size() - 1) +
                       ", sweep:0..sweep:" + std::to_string(ids_.size() - 1) +
                       ", a sample token or a lidar sample_data token of this scene");
}

}  // namespace fuselabel::nuscenes
