#pragma once
// Random numbers whose values are fixed by the seed on every platform. std::mt19937_64 and
// SplitMix64 are specified bit for bit; the standard's distributions (uniform_real_distribution,
// normal_distribution) are not, so the simulator builds its own from raw 64-bit values.
#include <cmath>
#include <cstdint>
#include <random>

namespace fuselabel {

// Uniform in [0, 1) from the top 53 bits: every double in the range is equally likely.
inline double unit_from_bits(uint64_t bits) { return static_cast<double>(bits >> 11) * 0x1.0p-53; }

// Standard normal from two raw values (Box-Muller); 1 - u keeps the logarithm finite.
inline double normal_from_bits(uint64_t bits_a, uint64_t bits_b) {
  const double u1 = 1.0 - unit_from_bits(bits_a), u2 = unit_from_bits(bits_b);
  return std::sqrt(-2.0 * std::log(u1)) * std::cos(6.283185307179586 * u2);
}

// Sequential stream for scene construction, where values are drawn in a fixed order.
class SimRandom {
 public:
  explicit SimRandom(uint64_t seed) : engine_(seed) {}
  double uniform(double lo, double hi) { return lo + (hi - lo) * unit_from_bits(engine_()); }
  // Uniform integer in [0, n); the modulo bias is below 1e-17 for the small n used here.
  int index(int n) { return static_cast<int>(engine_() % static_cast<uint64_t>(n)); }
  bool chance(double probability) { return unit_from_bits(engine_()) < probability; }

 private:
  std::mt19937_64 engine_;
};

// Counter-based values: the k-th value of element i depends only on (seed, i, k), so sensor
// rays can be simulated in any order or in parallel (a later GPU path) with identical output,
// and adding an actor to a scene does not reshuffle the noise of unrelated rays.
inline uint64_t splitmix64(uint64_t x) {
  x += 0x9e3779b97f4a7c15ULL;
  x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9ULL;
  x = (x ^ (x >> 27)) * 0x94d049bb133111ebULL;
  return x ^ (x >> 31);
}

inline uint64_t counter_bits(uint64_t seed, uint64_t element, uint64_t k) {
  return splitmix64(splitmix64(seed ^ splitmix64(element)) + k);
}

// A standard normal truncated to [-3, 3] by rejection, from element `element`'s counter stream
// starting at draw `first_draw` (two draws per attempt; all eight attempts fail with p < 1e-20).
inline double truncated_normal(uint64_t seed, uint64_t element, uint64_t first_draw) {
  constexpr double kTruncation = 3.0;
  constexpr int kAttempts = 8;
  for (int attempt = 0; attempt < kAttempts; ++attempt) {
    const uint64_t k = first_draw + 2 * static_cast<uint64_t>(attempt);
    const double n = normal_from_bits(counter_bits(seed, element, k), counter_bits(seed, element, k + 1));
    if (std::fabs(n) <= kTruncation) return n;
  }
  return 0.0;
}

// Independent seeds for the parts of one simulation, derived from the user's single seed.
inline uint64_t derive_seed(uint64_t seed, uint64_t purpose) { return splitmix64(seed + splitmix64(purpose)); }

}  // namespace fuselabel
