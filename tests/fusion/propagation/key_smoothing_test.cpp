#include "fusion/propagation/key_smoothing.h"

#include <gtest/gtest.h>

#include <cmath>
#include <random>

#include "fusion/propagation/track_motion.h"

namespace fuselabel {
namespace {

using Matrix = std::vector<std::vector<double>>;

// Gaussian elimination with partial pivoting: the float64 reference of the band solver.
std::vector<double> solve_dense(Matrix a, std::vector<double> b) {
  const size_t n = b.size();
  for (size_t c = 0; c < n; ++c) {
    size_t pivot = c;
    for (size_t r = c + 1; r < n; ++r)
      if (std::abs(a[r][c]) > std::abs(a[pivot][c])) pivot = r;
    std::swap(a[c], a[pivot]), std::swap(b[c], b[pivot]);
    for (size_t r = c + 1; r < n; ++r) {
      const double f = a[r][c] / a[c][c];
      for (size_t k = c; k < n; ++k) a[r][k] -= f * a[c][k];
      b[r] -= f * b[c];
    }
  }
  std::vector<double> x(n);
  for (size_t r = n; r-- > 0;) {
    double s = b[r];
    for (size_t k = r + 1; k < n; ++k) s -= a[r][k] * x[k];
    x[r] = s / a[r][r];
  }
  return x;
}

// g = (I + alpha K)^-1 y with the roughness matrix K = Q R^-1 Q^T, built densely.
std::vector<double> dense_smoothing_knots(const std::vector<double>& t, const std::vector<double>& y, double alpha) {
  const size_t n = t.size(), m = n - 2;
  Matrix q(n, std::vector<double>(m, 0.0)), r(m, std::vector<double>(m, 0.0));
  for (size_t j = 0; j < m; ++j) {
    const double h0 = t[j + 1] - t[j], h1 = t[j + 2] - t[j + 1];
    q[j][j] = 1 / h0, q[j + 1][j] = -1 / h0 - 1 / h1, q[j + 2][j] = 1 / h1;
    r[j][j] = (h0 + h1) / 3;
    if (j + 1 < m) r[j][j + 1] = r[j + 1][j] = h1 / 6;
  }
  Matrix a(n, std::vector<double>(n, 0.0));
  for (size_t col = 0; col < n; ++col) {  // column col of K: Q R^-1 (row col of Q)
    std::vector<double> qt(m);
    for (size_t j = 0; j < m; ++j) qt[j] = q[col][j];
    const std::vector<double> z = solve_dense(r, qt);
    for (size_t row = 0; row < n; ++row) {
      double k = 0;
      for (size_t j = 0; j < m; ++j) k += q[row][j] * z[j];
      a[row][col] = (row == col ? 1.0 : 0.0) + alpha * k;
    }
  }
  return solve_dense(a, y);
}

// The natural cubic spline through (t, g), at x.
double natural_spline(const std::vector<double>& t, const std::vector<double>& g, double x) {
  const size_t n = t.size();
  Matrix a(n, std::vector<double>(n, 0.0));
  std::vector<double> b(n, 0.0);
  a[0][0] = a[n - 1][n - 1] = 1;
  for (size_t i = 1; i + 1 < n; ++i) {
    const double h0 = t[i] - t[i - 1], h1 = t[i + 1] - t[i];
    a[i][i - 1] = h0 / 6, a[i][i] = (h0 + h1) / 3, a[i][i + 1] = h1 / 6;
    b[i] = (g[i + 1] - g[i]) / h1 - (g[i] - g[i - 1]) / h0;
  }
  const std::vector<double> m = solve_dense(a, b);
  size_t i = 0;
  while (i + 2 < n && x > t[i + 1]) ++i;
  const double h = t[i + 1] - t[i], u = (t[i + 1] - x) / h, v = (x - t[i]) / h;
  return u * g[i] + v * g[i + 1] + ((u * u * u - u) * m[i] + (v * v * v - v) * m[i + 1]) * h * h / 6;
}

struct Samples {
  std::vector<double> t, y;
};

// Uneven times, a smooth curve plus noise sigma.
Samples noisy_curve(size_t n, double sigma, uint32_t seed) {
  std::mt19937 random(seed);
  std::normal_distribution<double> noise(0.0, sigma);
  std::uniform_real_distribution<double> gap(0.3, 1.2);
  Samples s;
  double t = 0;
  for (size_t i = 0; i < n; ++i, t += gap(random)) {
    s.t.push_back(t);
    s.y.push_back(3 + 2 * t + 0.4 * std::sin(0.7 * t) + noise(random));
  }
  return s;
}

TEST(KeySmoothing, BandSolverEqualsTheDenseReferenceOnRandomKeys) {
  for (uint32_t seed = 1; seed <= 5; ++seed) {
    const Samples s = noisy_curve(9 + seed * 3, 0.2, seed);
    for (double alpha : {0.0, 1e-3, 0.1, 1.0, 10.0, 1e3}) {
      const std::vector<double> band = smoothing_spline_knots(s.t, s.y, alpha);
      const std::vector<double> dense = dense_smoothing_knots(s.t, s.y, alpha);
      for (size_t i = 0; i < s.t.size(); ++i) EXPECT_NEAR(band[i], dense[i], 1e-9) << "seed " << seed << " alpha " << alpha;
    }
  }
}

TEST(KeySmoothing, LeaveOneOutFormulaEqualsRefittingWithoutEachKey) {
  for (uint32_t seed = 1; seed <= 3; ++seed) {
    const Samples s = noisy_curve(10, 0.1, 10 + seed);
    for (double alpha : {0.0, 0.05, 2.0}) {
      double brute = 0;
      for (size_t i = 1; i + 1 < s.t.size(); ++i) {  // inner keys: the ends would need extrapolation
        Samples rest = s;
        rest.t.erase(rest.t.begin() + long(i)), rest.y.erase(rest.y.begin() + long(i));
        const double predicted = natural_spline(rest.t, smoothing_spline_knots(rest.t, rest.y, alpha), s.t[i]);
        brute += (s.y[i] - predicted) * (s.y[i] - predicted);
      }
      // The formula covers the end keys too: there the natural spline continues as its end
      // tangent (slope by a one-sided difference; the end curvature is zero).
      for (size_t i : {size_t(0), s.t.size() - 1}) {
        Samples rest = s;
        rest.t.erase(rest.t.begin() + long(i)), rest.y.erase(rest.y.begin() + long(i));
        const std::vector<double> g = smoothing_spline_knots(rest.t, rest.y, alpha);
        const bool first = i == 0;
        const double h = 1e-6, x = first ? rest.t.front() : rest.t.back();
        const double slope = (natural_spline(rest.t, g, first ? x + h : x) - natural_spline(rest.t, g, first ? x : x - h)) / h;
        const double predicted = (first ? g.front() : g.back()) + slope * (s.t[i] - x);
        brute += (s.y[i] - predicted) * (s.y[i] - predicted);
      }
      EXPECT_NEAR(smoothing_spline_leave_one_out(s.t, s.y, alpha), brute, 1e-6 * (1 + brute))
          << "seed " << seed << " alpha " << alpha;
    }
  }
}

TEST(KeySmoothing, WeightZeroInterpolatesAndAHugeWeightFitsTheLine) {
  const Samples s = noisy_curve(12, 0.3, 7);
  const std::vector<double> exact = smoothing_spline_knots(s.t, s.y, 0.0);
  for (size_t i = 0; i < s.t.size(); ++i) EXPECT_NEAR(exact[i], s.y[i], 1e-12);
  const std::vector<double> line = smoothing_spline_knots(s.t, s.y, 1e12);
  for (size_t i = 2; i < s.t.size(); ++i) {  // collinear: equal slopes
    const double s0 = (line[1] - line[0]) / (s.t[1] - s.t[0]), si = (line[i] - line[i - 1]) / (s.t[i] - s.t[i - 1]);
    EXPECT_NEAR(si, s0, 1e-6);
  }
}

TEST(KeySmoothing, NoisyKeysComeCloserToTheTruthExactOnesStay) {
  double raw_error = 0, smoothed_error = 0;
  for (uint32_t seed = 1; seed <= 20; ++seed) {
    const Samples s = noisy_curve(30, 0.1, 100 + seed);
    const std::vector<double> g = smoothed_knots(s.t, {s.y})[0];
    for (size_t i = 0; i < s.t.size(); ++i) {
      const double truth = 3 + 2 * s.t[i] + 0.4 * std::sin(0.7 * s.t[i]);
      raw_error += (s.y[i] - truth) * (s.y[i] - truth);
      smoothed_error += (g[i] - truth) * (g[i] - truth);
    }
  }
  EXPECT_LT(smoothed_error, 0.5 * raw_error);

  // Exact keys of a curving, speeding-up motion: interpolation predicts them best.
  const Samples exact = noisy_curve(30, 0.0, 5);
  std::vector<double> y2;
  for (double t : exact.t) y2.push_back(0.2 * t * t * t - t);
  const auto kept = smoothed_knots(exact.t, {exact.y, y2});
  for (size_t i = 0; i < exact.t.size(); ++i) {
    EXPECT_NEAR(kept[0][i], exact.y[i], 1e-3);
    EXPECT_NEAR(kept[1][i], y2[i], 1e-3);
  }
  // Too few keys to cross-validate: unchanged.
  const Samples few = noisy_curve(kMinKeysToSmooth - 1, 0.3, 9);
  EXPECT_EQ(smoothed_knots(few.t, {few.y})[0], few.y);
}

TEST(KeySmoothing, TrackMotionStillCopiesNoisyKeysAtTheirOwnTimes) {
  const Samples s = noisy_curve(20, 0.15, 3);
  std::vector<TrackKey> keys;
  for (size_t i = 0; i < s.t.size(); ++i) {
    Cuboidd box;
    box.center = {s.y[i], 0.5 * s.y[i] + (i % 2 ? 0.1 : -0.1), 0.8};
    box.size = {4.4, 1.8, 1.5};
    box.rotation = Quat<double>::from_yaw(0.46 + (i % 3 ? 0.01 : -0.02));
    keys.push_back({s.t[i], box});
  }
  const TrackMotion smoothed(keys, true, true), through(keys, true, false);
  double moved = 0;
  for (const TrackKey& key : keys) {
    const Cuboidd got = smoothed.at(key.t);
    EXPECT_EQ(got.center.x, key.box.center.x);
    EXPECT_EQ(got.center.y, key.box.center.y);
    EXPECT_EQ(got.rotation.w, key.box.rotation.w);
  }
  for (size_t i = 0; i + 1 < keys.size(); ++i) {
    const double mid = 0.5 * (keys[i].t + keys[i + 1].t);
    moved += std::abs(smoothed.at(mid).center.y - through.at(mid).center.y);
  }
  EXPECT_GT(moved / double(keys.size() - 1), 0.02);  // the zig-zag is smoothed away between keys
}

}  // namespace
}  // namespace fuselabel
