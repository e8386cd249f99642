#pragma once
// One finding of `fuselabel check`: what is wrong, where (the drive's own frame and track ids),
// how sure the check is, and the numbers it decided on. A flag's id is derived from what it
// found (check, kind of finding, track, frame, sensor sample), so the same finding has the same id on
// every run: reviewers' waivers refer to it.
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "projection/linalg.h"

namespace fuselabel {

enum class Severity { Error, Warning, Info };
const char* severity_name(Severity severity);  // "error", "warning", "info"

struct Flag {
  std::string id;
  std::string check;  // the registered check's name, e.g. "track_motion"
  std::string kind;   // what the check found, e.g. "heading_flip", "position_jump"
  Severity severity = Severity::Warning;
  int64_t frame = -1;          // index into Drive::frames; -1: not one frame's (a whole track)
  std::string frame_id;        // the drive's own id of that frame (KITTI tracking: the frame number)
  int64_t timestamp_us = 0;    // the frame's; a sensor's finding: its sample's (the image's time)
  std::string track_id;        // the drive's own track id; empty: no track
  std::string other_track_id;  // the second track of a pair finding (an identity swap, an overlap)
  std::string sensor;          // the camera or radar, where the finding is one sensor's
  std::string label_id;        // the label found wrong where no track names it (an untracked 2D box)
  std::string message;         // one sentence for a reviewer
  std::map<std::string, double> metrics;
  std::vector<std::string> evidence;  // paths relative to the report
  // Where the finding is, in the frame tracks move in, for one no label names (an unlabelled
  // cluster): its evidence pictures are centred there.
  std::optional<Vec3<double>> position;
  // How far past its threshold the finding is (>= 1 at the threshold): ranks flags of one severity.
  double score = 1;
};

// The id of a finding: stable_token of check, kind, track, other track, frame id, sensor (with its
// sample's time) and label.
std::string flag_id(const Flag& flag);

// Errors first, then warnings, then info; within a severity by score (highest first), then by
// frame, track and check so the order is the same on every run.
void rank_flags(std::vector<Flag>& flags);

}  // namespace fuselabel
