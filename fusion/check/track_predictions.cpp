#include "fusion/check/track_predictions.h"

#include <algorithm>
#include <cmath>

#include "fusion/propagation/track_motion.h"

namespace fuselabel {
namespace {

// Least-squares line through (t[i], v[i]) for i in [begin, end), evaluated at t0.
double line_at(const std::vector<double>& t, const std::vector<double>& v, size_t begin, size_t end, double t0) {
  const double n = double(end - begin);
  double mt = 0, mv = 0;
  for (size_t i = begin; i < end; ++i) mt += t[i], mv += v[i];
  mt /= n, mv /= n;
  double stt = 0, stv = 0;
  for (size_t i = begin; i < end; ++i) stt += (t[i] - mt) * (t[i] - mt), stv += (t[i] - mt) * (v[i] - mv);
  return stt > 0 ? mv + stv / stt * (t0 - mt) : mv;
}

double wrapped(double a) { return std::fabs(angle_difference(a, 0.0)); }

}  // namespace

double TrackPredictions::left_error(size_t k) const {
  return left[k] ? std::hypot(x[k] - left[k]->x, y[k] - left[k]->y) : -1;
}
double TrackPredictions::right_error(size_t k) const {
  return right[k] ? std::hypot(x[k] - right[k]->x, y[k] - right[k]->y) : -1;
}
double TrackPredictions::left_yaw_error(size_t k) const { return left[k] ? wrapped(yaw[k] - left[k]->yaw) : -1; }
double TrackPredictions::right_yaw_error(size_t k) const { return right[k] ? wrapped(yaw[k] - right[k]->yaw) : -1; }
double TrackPredictions::left_z_error(size_t k) const { return left[k] ? std::fabs(z[k] - left[k]->z) : -1; }
double TrackPredictions::right_z_error(size_t k) const { return right[k] ? std::fabs(z[k] - right[k]->z) : -1; }

TrackPredictions predict_track(const TrackSeries& track, int window, double max_gap_s) {
  TrackPredictions p;
  for (size_t i = 0; i < track.observations.size(); ++i) {
    const auto& box = track.observations[i].box;
    if (!box) continue;
    const double yaw = yaw_of(box->rotation);
    p.observation.push_back(i);
    p.t.push_back(double(track.observations[i].timestamp_us) * 1e-6);
    p.x.push_back(box->center.x), p.y.push_back(box->center.y), p.z.push_back(box->center.z);
    p.yaw.push_back(p.yaw.empty() ? yaw : p.yaw.back() + angle_difference(yaw, p.yaw.back()));
  }
  const size_t n = p.size();
  p.left.assign(n, std::nullopt), p.right.assign(n, std::nullopt);
  // Where each run of cuboids without a long gap begins.
  std::vector<size_t> run_start(n, 0);
  for (size_t k = 1; k < n; ++k) run_start[k] = p.t[k] - p.t[k - 1] > max_gap_s ? k : run_start[k - 1];
  std::vector<size_t> run_end(n, n);
  for (size_t k = n; k-- > 0;) run_end[k] = (k + 1 < n && run_start[k + 1] == run_start[k]) ? run_end[k + 1] : k + 1;
  const size_t w = size_t(std::max(window, 2));
  for (size_t k = 0; k < n; ++k) {
    const size_t lo = std::max(run_start[k], k >= w ? k - w : 0);
    if (k >= lo + 2) {
      p.left[k] =
          SidePrediction{line_at(p.t, p.x, lo, k, p.t[k]), line_at(p.t, p.y, lo, k, p.t[k]),
                         line_at(p.t, p.yaw, lo, k, p.t[k]), p.t[k] - p.t[k - 1], line_at(p.t, p.z, lo, k, p.t[k])};
    }
    const size_t hi = std::min(run_end[k], k + 1 + w);
    if (hi >= k + 3) {
      p.right[k] = SidePrediction{line_at(p.t, p.x, k + 1, hi, p.t[k]), line_at(p.t, p.y, k + 1, hi, p.t[k]),
                                  line_at(p.t, p.yaw, k + 1, hi, p.t[k]), p.t[k + 1] - p.t[k],
                                  line_at(p.t, p.z, k + 1, hi, p.t[k])};
    }
  }
  return p;
}

double median_of_available(std::vector<double> values) {
  values.erase(std::remove_if(values.begin(), values.end(), [](double v) { return v < 0; }), values.end());
  if (values.empty()) return 0;
  const auto mid = values.begin() + values.size() / 2;
  std::nth_element(values.begin(), mid, values.end());
  return *mid;
}

}  // namespace fuselabel
