#include "model/labels.h"

#include <stdexcept>

namespace fuselabel {

const char* label_source_name(LabelSource source) {
  switch (source) {
    case LabelSource::Keyframe: return "keyframe";
    case LabelSource::Interpolated: return "interpolated";
    case LabelSource::Extrapolated: return "extrapolated";
    case LabelSource::Refined: return "refined";
  }
  return "keyframe";
}

LabelSource parse_label_source(const std::string& name) {
  for (LabelSource s : {LabelSource::Keyframe, LabelSource::Interpolated, LabelSource::Extrapolated,
                        LabelSource::Refined})
    if (name == label_source_name(s)) return s;
  throw std::invalid_argument("unknown label source '" + name +
                              "' (expected keyframe, interpolated, extrapolated or refined)");
}

}  // namespace fuselabel

namespace fuselabel {

const char* label_frame_name(LabelFrame frame) {
  switch (frame) {
    case LabelFrame::Lidar: return "lidar";
    case LabelFrame::Ego: return "ego";
    case LabelFrame::World: return "world";
  }
  return "lidar";
}

const Track* LabelSet::track(const std::string& track_id) const {
  if (track_id.empty()) return nullptr;
  for (const Track& t : tracks)
    if (t.track_id == track_id) return &t;
  return nullptr;
}

std::string LabelSet::class_of(const CuboidLabel& label) const {
  if (!label.class_name.empty()) return label.class_name;
  const Track* t = track(label.track_id);
  return t ? t->class_name : std::string();
}

std::string LabelSet::class_of(const ImageBoxLabel& label) const {
  if (!label.class_name.empty()) return label.class_name;
  const Track* t = track(label.track_id);
  return t ? t->class_name : std::string();
}

}  // namespace fuselabel
