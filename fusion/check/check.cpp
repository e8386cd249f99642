#include "fusion/check/check.h"

#include <algorithm>
#include <cstdio>

namespace fuselabel {

std::string TrackCheck::unavailable(const CheckInputs& inputs) const {
  return inputs.tracks().empty() ? "needs tracked cuboids" : "";
}

void TrackCheck::run(const CheckInputs& inputs, const CheckSettings& settings, std::vector<Flag>& flags) const {
  for (const TrackSeries& track : inputs.tracks()) check_track(inputs, settings, track, flags);
}

Flag make_flag(const CheckInputs& inputs, const std::string& check, const std::string& kind, Severity severity,
               int64_t frame, const std::string& track_id, const std::string& message) {
  Flag flag;
  flag.check = check, flag.kind = kind, flag.severity = severity;
  flag.frame = frame, flag.track_id = track_id, flag.message = message;
  if (frame >= 0) {
    flag.frame_id = inputs.frame_id(frame);
    flag.timestamp_us = inputs.drive().frames.at(size_t(frame)).timestamp_us;
  }
  return flag;
}

void at_image(Flag& flag, const LabelledImage& image) {
  flag.sensor = image.camera;
  flag.timestamp_us = image.timestamp_us;
}

double median(std::vector<double> values) {
  if (values.empty()) return 0;
  std::sort(values.begin(), values.end());
  const size_t n = values.size();
  return n % 2 ? values[n / 2] : 0.5 * (values[n / 2 - 1] + values[n / 2]);
}

std::string fixed(double value, int digits) {
  char text[64];
  std::snprintf(text, sizeof text, "%.*f", digits, value);
  return text;
}

}  // namespace fuselabel
