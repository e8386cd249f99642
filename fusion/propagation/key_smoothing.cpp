#include "fusion/propagation/key_smoothing.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <limits>

namespace fuselabel {
namespace {

// Candidate weights: 0 (interpolation) and the mean key spacing cubed times 10^(k/4) for
// k = -kDecades*4 .. kDecades*4.
constexpr int kDecades = 6, kStepsPerDecade = 4;

// Reinsch's formulation over knots t with spacings h: Q (n x n-2, column j at rows j..j+2) maps
// knot values to second differences, R (n-2 x n-2) is tridiagonal; the smoothing spline
// minimising sum (y - g)^2 + alpha * integral g''^2 has g = y - alpha Q gamma with
// M gamma = Q^T y, M = R + alpha Q^T Q, a band matrix with two off-diagonals. The hat matrix
// is I - alpha Q M^-1 Q^T, so the leave-one-out residual of key i is
// (Q gamma)_i / (Q M^-1 Q^T)_ii, for alpha = 0 (the interpolating spline) too.
class SmoothingSpline {
 public:
  explicit SmoothingSpline(const std::vector<double>& t) {
    for (size_t i = 0; i + 1 < t.size(); ++i) h_.push_back(t[i + 1] - t[i]);
    for (size_t j = 0; j + 2 < t.size(); ++j) q_.push_back({1 / h_[j], -1 / h_[j] - 1 / h_[j + 1], 1 / h_[j + 1]});
  }

  // Factors M for alpha (LDL^T, unit lower L with two sub-diagonals) and the band of M^-1.
  void set_weight(double alpha) {
    alpha_ = alpha;
    const size_t m = q_.size();
    std::vector<double> a0(m), a1(m, 0.0), a2(m, 0.0);  // M[j][j], M[j][j+1], M[j][j+2]
    for (size_t j = 0; j < m; ++j) {
      const auto& q = q_[j];
      a0[j] = (h_[j] + h_[j + 1]) / 3 + alpha * (q[0] * q[0] + q[1] * q[1] + q[2] * q[2]);
      if (j + 1 < m) a1[j] = h_[j + 1] / 6 + alpha * (q[1] * q_[j + 1][0] + q[2] * q_[j + 1][1]);
      if (j + 2 < m) a2[j] = alpha * q[2] * q_[j + 2][0];
    }
    d_.assign(m, 0.0), l1_.assign(m, 0.0), l2_.assign(m, 0.0);  // D[j], L[j][j-1], L[j][j-2]
    for (size_t j = 0; j < m; ++j) {
      if (j >= 2) l2_[j] = a2[j - 2] / d_[j - 2];
      if (j >= 1) l1_[j] = (a1[j - 1] - (j >= 2 ? l2_[j] * l1_[j - 1] * d_[j - 2] : 0.0)) / d_[j - 1];
      d_[j] = a0[j] - l1_[j] * l1_[j] * (j >= 1 ? d_[j - 1] : 0.0) - l2_[j] * l2_[j] * (j >= 2 ? d_[j - 2] : 0.0);
    }
    // Band of S = M^-1 from the factors (Takahashi's recursion: S = D^-1 L^-1 + (I - L^T) S),
    // from the last row up: s0[j] = S[j][j], s1[j] = S[j][j+1], s2[j] = S[j][j+2].
    s0_.assign(m, 0.0), s1_.assign(m, 0.0), s2_.assign(m, 0.0);
    auto L = [&](size_t row, size_t col) { return row >= m ? 0.0 : row == col + 1 ? l1_[row] : l2_[row]; };
    auto S = [&](size_t a, size_t b) {  // a, b within the band
      if (a >= m || b >= m) return 0.0;
      const size_t lo = std::min(a, b), gap = std::max(a, b) - lo;
      return gap == 0 ? s0_[lo] : gap == 1 ? s1_[lo] : s2_[lo];
    };
    for (size_t j = m; j-- > 0;) {
      s2_[j] = -L(j + 1, j) * S(j + 1, j + 2) - L(j + 2, j) * S(j + 2, j + 2);
      s1_[j] = -L(j + 1, j) * S(j + 1, j + 1) - L(j + 2, j) * S(j + 2, j + 1);
      s0_[j] = 1 / d_[j] - L(j + 1, j) * s1_[j] - L(j + 2, j) * s2_[j];
    }
    // (Q S Q^T)_ii: row i of Q holds column i (q[i][0]), i-1 (q[i-1][1]) and i-2 (q[i-2][2]).
    leverage_.assign(h_.size() + 1, 0.0);
    for (size_t i = 0; i < leverage_.size(); ++i) {
      double sum = 0;
      for (size_t a = 0; a < 3; ++a)
        for (size_t b = 0; b < 3; ++b) {
          if (a > i || b > i || i - a >= m || i - b >= m) continue;
          sum += q_[i - a][a] * S(i - a, i - b) * q_[i - b][b];
        }
      leverage_[i] = sum;
    }
  }

  // Q gamma for the series y at the current weight.
  std::vector<double> q_gamma(const std::vector<double>& y) const {
    const size_t m = q_.size();
    std::vector<double> b(m);
    for (size_t j = 0; j < m; ++j) b[j] = q_[j][0] * y[j] + q_[j][1] * y[j + 1] + q_[j][2] * y[j + 2];
    for (size_t j = 0; j < m; ++j) b[j] -= (j >= 1 ? l1_[j] * b[j - 1] : 0.0) + (j >= 2 ? l2_[j] * b[j - 2] : 0.0);
    for (size_t j = 0; j < m; ++j) b[j] /= d_[j];
    for (size_t j = m; j-- > 0;)
      b[j] -= (j + 1 < m ? l1_[j + 1] * b[j + 1] : 0.0) + (j + 2 < m ? l2_[j + 2] * b[j + 2] : 0.0);
    std::vector<double> out(y.size(), 0.0);
    for (size_t j = 0; j < m; ++j)
      for (size_t r = 0; r < 3; ++r) out[j + r] += q_[j][r] * b[j];
    return out;
  }

  double leave_one_out_squared(const std::vector<double>& y) const {
    const std::vector<double> e = q_gamma(y);
    double sum = 0;
    for (size_t i = 0; i < e.size(); ++i) sum += (e[i] / leverage_[i]) * (e[i] / leverage_[i]);
    return sum;
  }

  std::vector<double> knots(std::vector<double> y) const {
    const std::vector<double> e = q_gamma(y);
    for (size_t i = 0; i < y.size(); ++i) y[i] -= alpha_ * e[i];
    return y;
  }

 private:
  std::vector<double> h_;
  std::vector<std::array<double, 3>> q_;
  double alpha_ = 0;
  std::vector<double> d_, l1_, l2_, s0_, s1_, s2_, leverage_;
};

}  // namespace

std::vector<double> smoothing_spline_knots(const std::vector<double>& t, const std::vector<double>& y, double alpha) {
  SmoothingSpline spline(t);
  spline.set_weight(alpha);
  return spline.knots(y);
}

double smoothing_spline_leave_one_out(const std::vector<double>& t, const std::vector<double>& y, double alpha) {
  SmoothingSpline spline(t);
  spline.set_weight(alpha);
  return spline.leave_one_out_squared(y);
}

std::vector<std::vector<double>> smoothed_knots(const std::vector<double>& t,
                                                const std::vector<std::vector<double>>& series) {
  if (t.size() < kMinKeysToSmooth) return series;
  SmoothingSpline spline(t);
  const double spacing = (t.back() - t.front()) / double(t.size() - 1);
  double best_alpha = 0, best_error = std::numeric_limits<double>::infinity();
  for (int k = -kDecades * kStepsPerDecade - 1; k <= kDecades * kStepsPerDecade; ++k) {
    const double alpha = k < -kDecades * kStepsPerDecade ? 0.0 : std::pow(spacing, 3) * std::pow(10.0, double(k) / kStepsPerDecade);
    spline.set_weight(alpha);
    double error = 0;
    for (const std::vector<double>& y : series) error += spline.leave_one_out_squared(y);
    if (error < best_error) best_error = error, best_alpha = alpha;
  }
  if (best_alpha == 0) return series;
  spline.set_weight(best_alpha);
  std::vector<std::vector<double>> out;
  for (const std::vector<double>& y : series) out.push_back(spline.knots(y));
  return out;
}

}  // namespace fuselabel
