#include "fusion/check/camera_time_offset.h"

#include <algorithm>
#include <cmath>

#include "fusion/check/camera_edge_views.h"

namespace fuselabel {
namespace {

constexpr double kSharpnessShiftS = 0.01;

// The shift at the peak of a curve, refined by the parabola through the peak and its neighbours.
double peak_shift(const std::vector<double>& shifts, const std::vector<double>& curve) {
  const size_t i = size_t(std::max_element(curve.begin(), curve.end()) - curve.begin());
  if (i == 0 || i + 1 >= curve.size()) return shifts[i];
  const double a = curve[i - 1], b = curve[i], c = curve[i + 1];
  const double denominator = a - 2 * b + c;
  const double offset = denominator < 0 ? 0.5 * (a - c) / denominator : 0;
  return shifts[i] + std::clamp(offset, -0.5, 0.5) * (shifts[i + 1] - shifts[i]);
}

}  // namespace

std::vector<double> time_shift_grid(double max_s, double step_s) {
  std::vector<double> shifts;
  const int n = int(std::floor(max_s / step_s + 1e-9));
  for (int i = -n; i <= n; ++i) shifts.push_back(i * step_s);
  return shifts;
}

std::vector<double> time_shift_scores(const AlignmentView& view, const std::vector<double>& shifts) {
  const double weight = std::sqrt(double(view.edges.size()));
  std::vector<double> scores;
  for (double s : shifts) scores.push_back(weight * view.mean_score({}, s));
  return scores;
}

TimeShiftCurves::TimeShiftCurves(std::vector<double> grid, size_t n)
    : shifts(std::move(grid)), subsets(std::max<size_t>(1, n), std::vector<double>(shifts.size(), 0)) {}

void TimeShiftCurves::add(const AlignmentView& view) {
  const std::vector<double> scores = time_shift_scores(view, shifts);
  std::vector<double>& subset = subsets[views++ % subsets.size()];
  for (size_t i = 0; i < scores.size(); ++i) subset[i] += scores[i];
}

TimeOffsetEstimate estimate_time_offset(const TimeShiftCurves& curves) {
  TimeOffsetEstimate e;
  e.views = curves.views;
  if (curves.views == 0 || curves.shifts.empty()) return e;
  std::vector<double> total(curves.shifts.size(), 0);
  for (const std::vector<double>& subset : curves.subsets)
    for (size_t i = 0; i < total.size(); ++i) total[i] += subset[i];
  e.offset_s = peak_shift(curves.shifts, total);
  const size_t zero = size_t(std::min_element(curves.shifts.begin(), curves.shifts.end(),
                                              [](double a, double b) { return std::fabs(a) < std::fabs(b); }) -
                             curves.shifts.begin());
  const size_t peak = size_t(std::max_element(total.begin(), total.end()) - total.begin());
  const double best = total[peak];
  e.gain = total[zero] > 0 ? best / total[zero] - 1 : 0;
  if (curves.shifts.size() > 1 && best > 0) {
    const double step = curves.shifts[1] - curves.shifts[0];
    const size_t k = std::max<size_t>(1, size_t(std::lround(kSharpnessShiftS / step)));
    const double left = total[peak >= k ? peak - k : 0], right = total[std::min(peak + k, total.size() - 1)];
    e.sharpness = 1 - 0.5 * (left + right) / best;
  }
  if (curves.subsets.size() > 1 && curves.views >= 2 * curves.subsets.size()) {
    double spread2 = 0;
    for (const std::vector<double>& subset : curves.subsets)
      spread2 += std::pow(peak_shift(curves.shifts, subset) - e.offset_s, 2);
    const double n = double(curves.subsets.size());
    e.uncertainty_s = std::sqrt(spread2 / (n - 1)) / std::sqrt(n);
  }
  return e;
}

std::map<std::string, TimeOffsetEstimate> camera_time_offsets(const CheckInputs& inputs,
                                                              const CameraTimeOffsetSettings& settings) {
  const std::vector<double> grid = time_shift_grid(settings.max_shift_s, settings.shift_step_s);
  struct CameraCurves {
    TimeShiftCurves all;
    std::map<std::string, TimeShiftCurves> tracks;
  };
  std::map<std::string, CameraCurves> curves;
  const int64_t frames = int64_t(inputs.drive().frames.size());
  for (int64_t f = 0; f < frames; f += std::max<int64_t>(1, settings.frame_step))
    for (const CameraEdgeView& v : camera_edge_views(inputs, f, {})) {
      const AlignmentView moving = v.view.subset([&](size_t i) { return v.view.objects[i] >= 0; });
      if (moving.edges.size() < settings.min_edges) continue;
      CameraCurves& c =
          curves.try_emplace(v.camera, CameraCurves{TimeShiftCurves(grid, settings.subsets), {}}).first->second;
      c.all.add(moving);
      for (size_t k = 0; k < v.objects.size(); ++k) {
        const AlignmentView object = moving.subset([&](size_t i) { return moving.objects[i] == int32_t(k); });
        if (object.edges.size() < settings.min_object_edges) continue;
        c.tracks.try_emplace(v.objects[k], TimeShiftCurves(grid, 1)).first->second.add(object);
      }
    }
  std::map<std::string, TimeOffsetEstimate> estimates;
  for (const auto& [camera, c] : curves) {
    TimeOffsetEstimate e = estimate_time_offset(c.all);
    const double tolerance = std::max(settings.agree_s, settings.agree_fraction * std::fabs(e.offset_s));
    for (const auto& [track, t] : c.tracks) {
      if (t.views < settings.min_track_images) continue;
      const TimeOffsetEstimate own = estimate_time_offset(t);
      if (own.sharpness < settings.min_track_sharpness) continue;  // moving alongside the camera, say
      ++e.tracks;
      e.agreeing_tracks += std::fabs(own.offset_s - e.offset_s) <= tolerance;
    }
    estimates[camera] = e;
  }
  return estimates;
}

}  // namespace fuselabel
