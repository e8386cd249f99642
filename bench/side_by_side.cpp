#include "side_by_side.h"

#include <algorithm>
#include <chrono>
#include <vector>

namespace fuselabel::bench {
namespace {

double seconds_per_call(const std::function<void()>& f, double budget) {
  using Clock = std::chrono::steady_clock;
  const Clock::time_point start = Clock::now();
  int64_t calls = 0;
  double elapsed = 0;
  do {
    f();
    ++calls;
    elapsed = std::chrono::duration<double>(Clock::now() - start).count();
  } while (elapsed < budget);
  return elapsed / static_cast<double>(calls);
}

double median(std::vector<double> v) {
  std::sort(v.begin(), v.end());
  return v.size() % 2 ? v[v.size() / 2] : (v[v.size() / 2 - 1] + v[v.size() / 2]) / 2;
}

}  // namespace

SideBySide time_side_by_side(const std::function<void()>& self, const std::function<void()>& peer, double min_time,
                             int rounds) {
  self();
  if (peer) peer();
  std::vector<double> a, b;
  for (int r = 0; r < rounds; ++r) {
    a.push_back(seconds_per_call(self, min_time / rounds));
    if (peer) b.push_back(seconds_per_call(peer, min_time / rounds));
  }
  return {median(a), peer ? median(b) : 0};
}

double time_alone(const std::function<void()>& self, double min_time, int rounds) {
  return time_side_by_side(self, nullptr, min_time, rounds).self_seconds;
}

}  // namespace fuselabel::bench
