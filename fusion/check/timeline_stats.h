#pragma once
// The timing of one sensor's timeline, as the sensor_sync check judges it: its period (the
// nominal rate where the rig gives one, else the median step), its jitter (a robust spread of
// the steps, so one dropped sample does not inflate it) and the gaps where samples are missing.
#include <cstddef>
#include <cstdint>
#include <vector>

namespace fuselabel {

// Consecutive steps longer than gap_factor x the period: one run of missing samples.
struct TimelineGap {
  size_t before = 0;     // index of the last sample before the gap
  int64_t start_us = 0;  // that sample's time
  int64_t end_us = 0;    // the time of the first sample after it
  int64_t missing = 0;   // samples the period puts inside the gap (at least 1 per long step)
};

struct TimelineStats {
  size_t samples = 0;
  double period_us = 0;       // 0 with fewer than two samples or no positive step
  bool nominal = false;       // the period is the sensor's rate, not its median step
  double median_step_us = 0;  // of the steps that are not gaps
  double jitter_us = 0;       // 1.4826 x MAD of the steps that are not gaps: their sigma for Gaussian noise
  std::vector<TimelineGap> gaps;

  int64_t missing() const;
  // The share of the samples the period expects (samples + missing) that are missing.
  double missing_share() const;
};

// `times_us` in non-decreasing order (a reader's timeline). rate_hz <= 0: the period is the
// median step.
TimelineStats timeline_stats(const std::vector<int64_t>& times_us, double rate_hz, double gap_factor);

// 1.4826 x the median absolute deviation from the median; 0 for no values.
double robust_sigma(std::vector<double> values);

// The median of (t - the nearest reference time) over `times_us`; `reference_us` sorted. 0 when
// either is empty.
double median_offset_us(const std::vector<int64_t>& times_us, const std::vector<int64_t>& reference_us);

}  // namespace fuselabel
