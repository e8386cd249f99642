#include "fusion/check/timeline_stats.h"

#include <algorithm>
#include <cmath>

namespace fuselabel {
namespace {

double median_of(std::vector<double>& values) {
  if (values.empty()) return 0;
  const size_t n = values.size();
  std::nth_element(values.begin(), values.begin() + long(n / 2), values.end());
  const double upper = values[n / 2];
  if (n % 2) return upper;
  return 0.5 * (*std::max_element(values.begin(), values.begin() + long(n / 2)) + upper);
}

}  // namespace

int64_t TimelineStats::missing() const {
  int64_t total = 0;
  for (const TimelineGap& gap : gaps) total += gap.missing;
  return total;
}

double TimelineStats::missing_share() const {
  const int64_t lost = missing();
  return lost > 0 ? double(lost) / double(int64_t(samples) + lost) : 0;
}

double robust_sigma(std::vector<double> values) {
  if (values.empty()) return 0;
  const double centre = median_of(values);
  for (double& v : values) v = std::fabs(v - centre);
  return 1.4826 * median_of(values);
}

TimelineStats timeline_stats(const std::vector<int64_t>& times_us, double rate_hz, double gap_factor) {
  TimelineStats stats;
  stats.samples = times_us.size();
  std::vector<double> steps;
  for (size_t i = 1; i < times_us.size(); ++i)
    if (times_us[i] > times_us[i - 1]) steps.push_back(double(times_us[i] - times_us[i - 1]));
  if (steps.empty()) return stats;
  if (rate_hz > 0) {
    stats.period_us = 1e6 / rate_hz, stats.nominal = true;
  } else {
    std::vector<double> copy = steps;
    stats.period_us = median_of(copy);
  }
  const double longest = gap_factor * stats.period_us;
  std::vector<double> regular;
  bool in_gap = false;
  for (size_t i = 1; i < times_us.size(); ++i) {
    const double step = double(times_us[i] - times_us[i - 1]);
    if (step <= longest) {
      if (step > 0) regular.push_back(step);
      in_gap = false;
      continue;
    }
    const int64_t missing = std::max<int64_t>(1, std::llround(step / stats.period_us) - 1);
    if (in_gap) {
      stats.gaps.back().end_us = times_us[i];
      stats.gaps.back().missing += missing;
    } else {
      stats.gaps.push_back({i - 1, times_us[i - 1], times_us[i], missing});
    }
    in_gap = true;
  }
  stats.jitter_us = robust_sigma(regular);
  stats.median_step_us = median_of(regular);
  return stats;
}

double median_offset_us(const std::vector<int64_t>& times_us, const std::vector<int64_t>& reference_us) {
  if (times_us.empty() || reference_us.empty()) return 0;
  std::vector<double> offsets;
  offsets.reserve(times_us.size());
  for (const int64_t t : times_us) {
    const auto after = std::lower_bound(reference_us.begin(), reference_us.end(), t);
    int64_t nearest = after == reference_us.end() ? reference_us.back() : *after;
    if (after != reference_us.begin() && (after == reference_us.end() || t - *(after - 1) <= *after - t))
      nearest = *(after - 1);
    offsets.push_back(double(t - nearest));
  }
  return median_of(offsets);
}

}  // namespace fuselabel
