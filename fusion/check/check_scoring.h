#pragma once
// Precision and recall of the checks against errors known to be in the labels (injected by
// `fuselabel corrupt` or the simulator): an error is found when some flag of a check its type
// should trigger names its track (either track of a swap) at its frame (any frame of a
// class-flip run, or the first after it, where the class flips back), and its camera for 2D
// errors. A flag that finds no error is a false alarm. The matching rules are in docs/checks.md.
#include <cstdint>
#include <map>
#include <set>
#include <string>
#include <vector>

#include "fusion/check/check_flag.h"

namespace fuselabel {

// An error as the scoring needs it (tools convert injected_errors.json records).
struct KnownError {
  std::string type;  // "box_shift", ... (docs/corruption.md)
  std::string track, second_track;
  int64_t frame = 0, last_frame = -1;  // last_frame: a run's last frame (class_flip), else -1
  std::string sensor;                  // 2D errors' camera; a sensor error's sensor (no track)
};

// The checks an error type should trigger; empty for types no check looks for yet (camera_time_offset).
const std::set<std::string>& checks_for_error_type(const std::string& type);

struct TypeScore {
  int64_t injected = 0, found = 0;
  double recall() const { return injected ? double(found) / double(injected) : 0; }
};

struct CheckScores {
  std::map<std::string, TypeScore> by_type;  // label error types only
  int64_t injected = 0, found = 0;
  int64_t flags = 0, true_flags = 0;  // flags of the scored severities; those finding an error
  std::map<std::string, std::pair<int64_t, int64_t>> by_check;  // flags, true flags
  std::vector<std::string> not_scored;                          // error types without a label check, with counts
  std::vector<size_t> missed;                                   // indices into the errors: scored but found by no flag
  std::vector<size_t> false_flags;                              // indices into the flags: scored but finding no error
  double recall() const { return injected ? double(found) / double(injected) : 0; }
  double precision() const { return flags ? double(true_flags) / double(flags) : 1; }
};

// `min_severity`: flags less severe are not scored (Info: every flag).
CheckScores score_checks(const std::vector<Flag>& flags, const std::vector<KnownError>& errors, Severity min_severity);

}  // namespace fuselabel
