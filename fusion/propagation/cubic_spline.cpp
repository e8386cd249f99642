#include "fusion/propagation/cubic_spline.h"

#include <algorithm>
#include <stdexcept>

namespace fuselabel {

CubicSpline::CubicSpline(std::vector<double> t, std::vector<double> y) : t_(std::move(t)), y_(std::move(y)) {
  if (t_.empty() || t_.size() != y_.size()) throw std::invalid_argument("CubicSpline: needs as many times as values, at least one");
  for (size_t i = 1; i < t_.size(); ++i)
    if (!(t_[i] > t_[i - 1])) throw std::invalid_argument("CubicSpline: times must increase strictly");
  const size_t n = t_.size();
  m_.assign(n, 0.0);
  if (n < 3) return;
  std::vector<double> h(n - 1);
  for (size_t i = 0; i + 1 < n; ++i) h[i] = t_[i + 1] - t_[i];
  auto slope = [&](size_t i) { return (y_[i + 1] - y_[i]) / h[i]; };
  if (n == 3) {  // parabolic runout on three samples: the parabola through them
    m_.assign(3, 2 * (slope(1) - slope(0)) / (h[0] + h[1]));
    return;
  }
  // Rows i = 1..n-2 of h[i-1] m[i-1] + 2 (h[i-1] + h[i]) m[i] + h[i] m[i+1] = 6 (slope i - slope i-1),
  // with m[0] = m[1] and m[n-1] = m[n-2] (parabolic runout: each end piece keeps a constant
  // second derivative), solved as a tridiagonal system.
  const size_t inner = n - 2;
  std::vector<double> lower(inner, 0.0), diag(inner), upper(inner, 0.0), rhs(inner);
  for (size_t r = 0; r < inner; ++r) {
    const size_t i = r + 1;
    lower[r] = h[i - 1], diag[r] = 2 * (h[i - 1] + h[i]), upper[r] = h[i];
    rhs[r] = 6 * (slope(i) - slope(i - 1));
  }
  diag[0] += h[0];
  diag[inner - 1] += h[n - 2];
  for (size_t r = 1; r < inner; ++r) {
    const double w = lower[r] / diag[r - 1];
    diag[r] -= w * upper[r - 1];
    rhs[r] -= w * rhs[r - 1];
  }
  m_[inner] = rhs[inner - 1] / diag[inner - 1];
  for (size_t r = inner - 1; r-- > 0;) m_[r + 1] = (rhs[r] - upper[r] * m_[r + 2]) / diag[r];
  m_[0] = m_[1];
  m_[n - 1] = m_[n - 2];
}

size_t CubicSpline::segment(double t) const {
  const auto it = std::upper_bound(t_.begin(), t_.end(), t);
  const size_t i = it == t_.begin() ? 0 : size_t(it - t_.begin()) - 1;
  return std::min(i, t_.size() - 2);
}

double CubicSpline::value(double t) const {
  if (t_.size() == 1) return y_[0];
  if (t < t_.front()) return y_.front() + derivative(t_.front()) * (t - t_.front());
  if (t > t_.back()) return y_.back() + derivative(t_.back()) * (t - t_.back());
  const size_t i = segment(t);
  const double h = t_[i + 1] - t_[i], a = (t_[i + 1] - t) / h, b = (t - t_[i]) / h;
  return a * y_[i] + b * y_[i + 1] + ((a * a * a - a) * m_[i] + (b * b * b - b) * m_[i + 1]) * h * h / 6;
}

double CubicSpline::derivative(double t) const {
  if (t_.size() == 1) return 0;
  const double tc = std::clamp(t, t_.front(), t_.back());
  const size_t i = segment(tc);
  const double h = t_[i + 1] - t_[i], a = (t_[i + 1] - tc) / h, b = (tc - t_[i]) / h;
  return (y_[i + 1] - y_[i]) / h + ((1 - 3 * a * a) * m_[i] + (3 * b * b - 1) * m_[i + 1]) * h / 6;
}

}  // namespace fuselabel
