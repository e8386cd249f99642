#include "fusion/check/check_scoring.h"

#include <cstdlib>

namespace fuselabel {
namespace {

// A sensor check may place the change it finds a few frames from where it began (the frames
// either side of a change look alike until enough of them disagree).
constexpr int64_t kSensorChangeFrames = 10;

bool finds(const Flag& flag, const KnownError& e) {
  if (!checks_for_error_type(e.type).count(flag.check)) return false;
  if (e.track.empty() && e.second_track.empty())  // a sensor error: the sensor, near its frame
    return !e.sensor.empty() && flag.sensor == e.sensor && flag.track_id.empty() &&
           std::llabs(flag.frame - e.frame) <= kSensorChangeFrames;
  const auto names = [&](const std::string& track) {
    return !track.empty() && (flag.track_id == track || flag.other_track_id == track);
  };
  if (!names(e.track) && !names(e.second_track)) return false;
  if (!e.sensor.empty() && !flag.sensor.empty() && flag.sensor != e.sensor) return false;
  if (e.last_frame >= 0) return flag.frame >= e.frame && flag.frame <= e.last_frame + 1;
  return flag.frame == e.frame;
}

}  // namespace

const std::set<std::string>& checks_for_error_type(const std::string& type) {
  static const std::map<std::string, std::set<std::string>> expected = {
      {"box_lift", {"ground_contact", "box_2d3d_mismatch", "track_motion", "box_overlap"}},
      {"box_shift", {"track_motion", "lidar_support", "box_2d3d_mismatch", "box_overlap"}},
      {"yaw_flip", {"track_motion"}},
      {"size_change",
       {"track_size", "box_2d3d_mismatch", "lidar_support", "box_overlap", "taxonomy", "ground_contact"}},
      {"class_flip", {"class_mismatch", "taxonomy"}},
      {"id_switch", {"track_identity", "track_motion", "track_size", "class_mismatch", "taxonomy", "radar_velocity"}},
      {"missing_2d", {"missing_2d"}},
      {"inconsistent_2d", {"box_2d3d_mismatch"}},
      {"missing_3d", {"missing_3d"}},
      {"camera_extrinsic", {"calibration_drift"}},
      {"radar_extrinsic", {"radar_alignment"}},
      {"camera_time_offset", {"sensor_sync"}},
  };
  static const std::set<std::string> none;
  const auto found = expected.find(type);
  return found == expected.end() ? none : found->second;
}

CheckScores score_checks(const std::vector<Flag>& flags, const std::vector<KnownError>& errors, Severity min_severity) {
  CheckScores s;
  std::map<std::string, int64_t> unscored;
  std::vector<const KnownError*> scored;
  std::vector<size_t> scored_index;
  for (size_t i = 0; i < errors.size(); ++i) {
    if (checks_for_error_type(errors[i].type).empty())
      ++unscored[errors[i].type];
    else
      scored.push_back(&errors[i]), scored_index.push_back(i);
  }
  for (const auto& [type, n] : unscored) s.not_scored.push_back(type + ": " + std::to_string(n));
  std::vector<bool> found(scored.size(), false);
  for (size_t f = 0; f < flags.size(); ++f) {
    const Flag& flag = flags[f];
    if (int(flag.severity) > int(min_severity)) continue;
    ++s.flags;
    auto& per_check = s.by_check[flag.check];
    ++per_check.first;
    bool any = false;
    for (size_t i = 0; i < scored.size(); ++i)
      if (finds(flag, *scored[i])) found[i] = true, any = true;
    s.true_flags += any;
    per_check.second += any;
    if (!any) s.false_flags.push_back(f);
  }
  for (size_t i = 0; i < scored.size(); ++i) {
    TypeScore& t = s.by_type[scored[i]->type];
    ++t.injected, ++s.injected;
    if (found[i])
      ++t.found, ++s.found;
    else
      s.missed.push_back(scored_index[i]);
  }
  return s;
}

}  // namespace fuselabel
