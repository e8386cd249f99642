#include "io/frame.h"

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
