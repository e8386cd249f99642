#include "fusion/check/check_flag.h"

#include <algorithm>
#include <tuple>

#include "io/common/stable_token.h"

namespace fuselabel {

const char* severity_name(Severity severity) {
  switch (severity) {
    case Severity::Error:
      return "error";
    case Severity::Warning:
      return "warning";
    case Severity::Info:
      return "info";
  }
  return "info";
}

std::string flag_id(const Flag& flag) {
  // A sensor's finding is about one of its samples: two images of a camera can share a frame.
  const std::string sample_time = flag.sensor.empty() ? "" : std::to_string(flag.timestamp_us);
  return stable_token({"flag", flag.check, flag.kind, flag.track_id, flag.other_track_id, flag.frame_id, flag.sensor,
                       sample_time, flag.label_id});
}

void rank_flags(std::vector<Flag>& flags) {
  std::stable_sort(flags.begin(), flags.end(), [](const Flag& a, const Flag& b) {
    return std::make_tuple(int(a.severity), -a.score, a.frame, a.track_id, a.check, a.sensor, a.id) <
           std::make_tuple(int(b.severity), -b.score, b.frame, b.track_id, b.check, b.sensor, b.id);
  });
}

}  // namespace fuselabel
