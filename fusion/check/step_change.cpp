#include "fusion/check/step_change.h"

#include <algorithm>
#include <cmath>

namespace fuselabel {
namespace {

// Candidate splits are evaluated at most this many times (a stride over longer series).
constexpr size_t kMaxSplits = 800;

size_t argmax(const std::vector<double>& v) { return size_t(std::max_element(v.begin(), v.end()) - v.begin()); }

struct MeanVariance {
  double mean = 0, variance = 0;
  size_t n = 0;
};

// Of the block means of values[from, to).
MeanVariance block_stats(const std::vector<double>& values, size_t from, size_t to, size_t block) {
  std::vector<double> means;
  for (size_t b = from; b < to; b += block) {
    const size_t e = std::min(to, b + block);
    double sum = 0;
    for (size_t i = b; i < e; ++i) sum += values[i];
    means.push_back(sum / double(e - b));
  }
  MeanVariance s;
  s.n = means.size();
  for (double m : means) s.mean += m / double(s.n);
  for (double m : means) s.variance += (m - s.mean) * (m - s.mean) / double(std::max<size_t>(1, s.n - 1));
  return s;
}

}  // namespace

std::optional<StepChange> strongest_step(const std::vector<std::vector<double>>& scores, size_t min_run, size_t block) {
  const size_t n = scores.size();
  min_run = std::max<size_t>(min_run, 2 * std::max<size_t>(block, 1));
  if (n < 2 * min_run || scores.front().empty()) return std::nullopt;
  const size_t candidates = scores.front().size();
  // prefix[k][g]: the sum of scores[0..k)[g].
  std::vector<std::vector<double>> prefix(n + 1, std::vector<double>(candidates, 0));
  for (size_t k = 0; k < n; ++k)
    for (size_t g = 0; g < candidates; ++g) prefix[k + 1][g] = prefix[k][g] + scores[k][g];
  const size_t stride = std::max<size_t>(1, (n - 2 * min_run + 1) / kMaxSplits);
  std::optional<StepChange> best;
  std::vector<double> after_sum(candidates), advantage(n);
  for (size_t k = min_run; k + min_run <= n; k += stride) {
    for (size_t g = 0; g < candidates; ++g) after_sum[g] = prefix[n][g] - prefix[k][g];
    const size_t g1 = argmax(prefix[k]), g2 = argmax(after_sum);
    if (g1 == g2) continue;
    for (size_t f = 0; f < n; ++f) advantage[f] = scores[f][g2] - scores[f][g1];
    const MeanVariance b = block_stats(advantage, 0, k, block), a = block_stats(advantage, k, n, block);
    const double error = std::sqrt(b.variance / double(b.n) + a.variance / double(a.n));
    const double t = error > 0 ? (a.mean - b.mean) / error : 0;
    if (!best || t > best->statistic) best = StepChange{k, g1, g2, t};
  }
  return best;
}

}  // namespace fuselabel
