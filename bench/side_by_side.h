#pragma once
// Timing for side-by-side comparisons on a shared, noisy machine: the two sides alternate in
// rounds, so a slow spell of the machine slows both, and each side's figure is its median round.
#include <functional>

namespace fuselabel::bench {

struct SideBySide {
  double self_seconds = 0, peer_seconds = 0;  // per call
};

// Calls each once untimed, then `rounds` times: self, then peer, each repeatedly for at least
// min_time / rounds seconds.
SideBySide time_side_by_side(const std::function<void()>& self, const std::function<void()>& peer, double min_time,
                             int rounds = 5);
// One side alone, the same way.
double time_alone(const std::function<void()>& self, double min_time, int rounds = 5);

}  // namespace fuselabel::bench
