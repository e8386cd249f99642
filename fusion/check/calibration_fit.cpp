#include "fusion/check/calibration_fit.h"

#include <algorithm>
#include <cmath>
#include <optional>

#include "fusion/check/camera_edge_views.h"
#include "projection/angle_axis.h"

namespace fuselabel {
namespace {

constexpr double kDeg = 3.141592653589793 / 180;
constexpr size_t kSubsets = 3;
// A 6-DoF fit is kept where it raises the alignment score this much (as a fraction) over the
// best three-parameter move. On the simulated drives of docs/QUALITY.md, 6-DoF fits of
// windows without a translation fault scored 0-1.7% above the rotation alone, of windows after a
// 10 cm shift 3.2-42%.
constexpr double kTranslationGain = 0.025;
// The coarse grids the three-parameter moves start from: 5 x 5 x 5 points this far apart.
constexpr double kCoarseRotationDeg = 0.15, kCoarseTranslationM = 0.05;

ExtrinsicDelta delta_of(const Transform3d& T_true_nominal) {
  const AngleAxis a = angle_axis(T_true_nominal.R);
  return {a.angle * a.axis, T_true_nominal.t};
}

// The best of a 5 x 5 x 5 grid of rotations (or translations) `step` apart about `base`.
ExtrinsicDelta best_on_grid(Workspace& ws, const std::vector<const AlignmentView*>& views, const ExtrinsicDelta& base,
                            bool translation, double step) {
  std::vector<ExtrinsicDelta> candidates;
  for (const ExtrinsicDelta& d : correction_grid(translation, 2, step))
    candidates.push_back({base.rotation + d.rotation, base.translation + d.translation});
  std::vector<double> total(candidates.size(), 0);
  for (const std::vector<double>& view : alignment_scores(ws, views, candidates))
    for (size_t c = 0; c < candidates.size(); ++c) total[c] += view[c];
  return candidates[size_t(std::max_element(total.begin(), total.end()) - total.begin())];
}

}  // namespace

CalibrationFit fit_calibration(const CheckInputs& inputs, const std::string& camera, const std::vector<int64_t>& frames,
                               const ExtrinsicDelta& start, const std::optional<ExtrinsicDelta>& reference) {
  std::vector<CameraEdgeView> views;
  for (int64_t f : frames)
    for (CameraEdgeView& v : camera_edge_views(inputs, f, {camera})) views.push_back(std::move(v));
  std::vector<const AlignmentView*> all;
  for (const CameraEdgeView& v : views) all.push_back(&v.view);
  CalibrationFit fit;
  fit.views = all.size();
  const auto score = [&](const ExtrinsicDelta& d) { return alignment_score(all, d); };
  const auto better = [&](const ExtrinsicDelta& a, const ExtrinsicDelta& b) { return score(a) >= score(b) ? a : b; };
  // Three-parameter moves first, each climbing from the best point of a coarse grid about the
  // reference (so that it starts in the right basin): a rotation (keeping the reference's
  // translation), and from a reference also a translation (keeping its rotation). All six only
  // where they explain clearly more (kTranslationGain): over a dozen images of mostly distant
  // edges, a free 6-DoF fit trades translation against rotation.
  Workspace cpu(Device::Cpu);
  Workspace& ws = inputs.workspace() ? *inputs.workspace() : cpu;
  const ExtrinsicDelta base = reference ? *reference : ExtrinsicDelta{};
  AlignmentSearch rotation_only, translation_only;
  rotation_only.translation = false;
  translation_only.rotation_steps_deg.clear();
  ExtrinsicDelta simple =
      better(best_alignment(all, {start.rotation, base.translation}, rotation_only),
             best_alignment(all, best_on_grid(ws, all, base, false, kCoarseRotationDeg * kDeg), rotation_only));
  bool rotates = true, translates = false;
  if (reference) {
    const ExtrinsicDelta shifted =
        best_alignment(all, best_on_grid(ws, all, base, true, kCoarseTranslationM), translation_only);
    if (score(shifted) > score(simple)) simple = shifted, rotates = false, translates = true;
  }
  const ExtrinsicDelta full = better(best_alignment(all, simple), best_alignment(all, start));
  if (score(full) > (1 + kTranslationGain) * score(simple)) {
    fit.delta = full, rotates = translates = true;
  } else {
    fit.delta = simple;
  }
  if (all.size() < 2 * kSubsets) return fit;
  // Subsets refit from the joint fit with the finer steps, moving what it moved: their spread is
  // the fit's noise.
  AlignmentSearch fine;
  fine.translation = translates;
  fine.rotation_steps_deg = {0.1, 0.05, 0.025, 0.0125};
  if (!rotates) fine.rotation_steps_deg.clear();
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
  CalibrationFit fit;
  fit.delta = delta_of(after.delta.T_true_nominal() * before.delta.T_true_nominal().inverse());
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
