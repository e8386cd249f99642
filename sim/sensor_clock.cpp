#include "sim/sensor_clock.h"

#include <cmath>

#include "sim/sim_random.h"

namespace fuselabel {

std::vector<int64_t> sensor_timestamps(const SensorClock& clock, int64_t start_us, double duration) {
  std::vector<int64_t> out;
  const int64_t n = clock.sensor_count;
  const double end_us = duration * 1e6;
  for (int64_t k = 0;; ++k) {
    const double nominal = (clock.time_offset + static_cast<double>(k) / clock.rate_hz) * 1e6;
    if (!(nominal < end_us)) break;
    const double jitter = (2 * unit_from_bits(counter_bits(clock.seed, static_cast<uint64_t>(k), 0)) - 1) * clock.jitter * 1e6;
    int64_t t = std::max<int64_t>(0, std::llround(nominal + jitter));
    t = t - t % n + clock.sensor_index;
    out.push_back(start_us + t);
  }
  return out;
}

}  // namespace fuselabel
