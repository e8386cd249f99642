#include "model/timeline.h"

#include <stdexcept>

namespace fuselabel {

void SensorTimeline::add(SensorSample sample) {
  if (!timestamps.empty() && sample.timestamp_us < timestamps.back())
    throw std::invalid_argument("SensorTimeline::add: " + sensor + " sample at " + std::to_string(sample.timestamp_us) +
                                " us is older than the previous one");
  timestamps.push_back(sample.timestamp_us);
  samples.push_back(std::move(sample));
}

}  // namespace fuselabel
