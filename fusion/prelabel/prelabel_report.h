#pragma once
// prelabel_report.json (docs/prelabel.md): per track its number (the value in OUT/points),
// keyframes, propagated stretches, per-frame sources, confidences and LiDAR fit, and the frames
// to re-key; how the ego motion was obtained.
#include <string>

#include "fusion/prelabel/prelabel_outputs.h"

namespace fuselabel {

struct PrelabelRunInfo {
  std::string labels;  // the --labels value
  int extend = 0;
  bool refine = false;
  bool smooth_keys = false;
  std::string device;
};

std::string prelabel_report_json(const Drive& drive, const PropagationResult& result, const PrelabelRunInfo& run,
                                 const PrelabelCounts& counts);

}  // namespace fuselabel
