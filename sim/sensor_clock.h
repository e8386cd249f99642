#pragma once
// When each sensor of a simulated rig samples: its own rate, a phase (time_offset) and a small
// random jitter, so sensors drift past each other and are never exactly synchronous.
#include <cstdint>
#include <vector>

namespace fuselabel {

struct SensorClock {
  double rate_hz = 10;
  double time_offset = 0;   // s after the drive's start of the first nominal sample
  double jitter = 0;        // s, uniform +- on every sample
  int sensor_index = 0;     // position of the sensor in the rig
  int sensor_count = 1;
  uint64_t seed = 0;        // jitter
};

// Timestamps (int64 us, strictly increasing) of the samples whose nominal time lies in
// [start_us, start_us + duration). Every timestamp of sensor i is congruent to i modulo the
// number of sensors (offset from the drive's start), so no two sensors ever share one.
std::vector<int64_t> sensor_timestamps(const SensorClock& clock, int64_t start_us, double duration);

}  // namespace fuselabel
