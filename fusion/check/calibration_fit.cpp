#include "fusion/check/calibration_fit.h"

#include <cmath>

#include "fusion/check/camera_edge_views.h"
#include "projection/angle_axis.h"

namespace fuselabel {
namespace {

constexpr double kDeg = 3.141592653589793 / 180;
constexpr size_t kSubsets = 3;

ExtrinsicDelta delta_of(const Transform3d& T_true_nominal) {
  const AngleAxis a = angle_axis(T_true_nominal.R);
  return {a.angle * a.axis, T_true_nominal.t};
}

}  // namespace

CalibrationFit fit_calibration(const CheckInputs& inputs, const std::string& camera, const std::vector<int64_t>& frames,
                               const ExtrinsicDelta& start) {
  std::vector<CameraEdgeView> views;
  for (int64_t f : frames)
    for (CameraEdgeView& v : camera_edge_views(inputs, f, {camera})) views.push_back(std::move(v));
  std::vector<const AlignmentView*> all;
  for (const CameraEdgeView& v : views) all.push_back(&v.view);
  CalibrationFit fit;
  fit.views = all.size();
  fit.delta = best_alignment(all, start);
  if (all.size() < 2 * kSubsets) return fit;
  // Subsets refit from the joint fit with the finer steps: their spread is the fit's noise.
  AlignmentSearch fine;
  fine.rotation_steps_deg = {0.1, 0.05, 0.025, 0.0125};
  fine.translation_steps_m = {0.02, 0.01, 0.005, 0.0025};
  const Transform3d joint_inverse = fit.delta.T_true_nominal().inverse();
  double rotation2 = 0, translation2 = 0;
  for (size_t k = 0; k < kSubsets; ++k) {
    std::vector<const AlignmentView*> subset;
    for (size_t i = k; i < all.size(); i += kSubsets) subset.push_back(all[i]);
    const Transform3d d = best_alignment(subset, fit.delta, fine).T_true_nominal() * joint_inverse;
    rotation2 += std::pow(angle_axis(d.R).angle, 2), translation2 += dot(d.t, d.t);
  }
  // Each subset has a third of the frames: the joint fit's spread is the subsets' over sqrt(3).
  fit.rotation_uncertainty_deg = std::sqrt(rotation2 / kSubsets / kSubsets) / kDeg;
  fit.translation_uncertainty_m = std::sqrt(translation2 / kSubsets / kSubsets);
  return fit;
}

CalibrationFit change_between(const CalibrationFit& before, const CalibrationFit& after) {
  const Transform3d change = after.delta.T_true_nominal() * before.delta.T_true_nominal().inverse();
  const AngleAxis a = angle_axis(change.R);
  CalibrationFit fit;
  fit.delta = {a.angle * a.axis, change.t};
  fit.rotation_uncertainty_deg = std::hypot(before.rotation_uncertainty_deg, after.rotation_uncertainty_deg);
  fit.translation_uncertainty_m = std::hypot(before.translation_uncertainty_m, after.translation_uncertainty_m);
  fit.views = after.views;
  return fit;
}

std::map<std::string, double> correction_metrics(const CalibrationFit& fit) {
  const Transform3d T_nominal_true = fit.delta.T_true_nominal().inverse();
  const AngleAxis a = angle_axis(T_nominal_true.R);
  const Vec3<double>& t = T_nominal_true.t;
  return {{"rotation_deg", a.angle / kDeg},
          {"axis_x", a.axis.x},
          {"axis_y", a.axis.y},
          {"axis_z", a.axis.z},
          {"translation_m", std::sqrt(dot(t, t))},
          {"tx_m", t.x},
          {"ty_m", t.y},
          {"tz_m", t.z},
          {"rotation_uncertainty_deg", fit.rotation_uncertainty_deg},
          {"translation_uncertainty_m", fit.translation_uncertainty_m},
          {"frames_fitted", double(fit.views)}};
}

ExtrinsicDelta delta_from_metrics(const std::map<std::string, double>& m) {
  const auto get = [&](const char* key) {
    const auto it = m.find(key);
    return it == m.end() ? 0.0 : it->second;
  };
  const Vec3<double> axis = {get("axis_x"), get("axis_y"), get("axis_z")};
  const double n = std::sqrt(dot(axis, axis));
  const Transform3d T_nominal_true = Transform3d::from_rotation_translation(
      Quat<double>::from_axis_angle(n > 0 ? (1 / n) * axis : Vec3<double>{0, 0, 1}, get("rotation_deg") * kDeg),
      {get("tx_m"), get("ty_m"), get("tz_m")});
  return delta_of(T_nominal_true.inverse());
}

}  // namespace fuselabel
