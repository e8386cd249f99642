#pragma once
// OUT/report.json of `fuselabel check` (schema in docs/checks.md): the run (drive, label source,
// profile, taxonomy), per check its counts, time or the reason it was skipped, the ranked flags
// for review, and the waived ones.
#include <string>

#include "fusion/check/check_registry.h"
#include "fusion/check/waivers.h"

namespace fuselabel {

struct CheckRunInfo {
  std::string drive;             // the --drive value
  std::string format;            // the drive's format
  std::string labels;            // the label source: the --labels value, else the drive's own set's name
  std::string profile;           // the profile file, or "defaults"
  std::string taxonomy;          // LabelSet::taxonomy: the one the labels were made under
  std::string checked_taxonomy;  // "name version" of the one checked against; empty: none
  std::string motion_frame;      // where track motion was judged: "world" or "estimated_world"
  std::string device;
  int64_t frames = 0, cuboids = 0, boxes_2d = 0, tracks = 0;
  double seconds_inputs = 0;  // assembling the inputs (the LiDAR pass included)
};

std::string check_report_json(const CheckRunInfo& run, const CheckResults& results, const WaivedFlags& flags);

}  // namespace fuselabel
