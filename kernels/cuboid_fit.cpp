#include "kernels/cuboid_fit.h"

#include <algorithm>
#include <climits>
#include <cmath>
#include <stdexcept>
#include <string>

#include "kernels/box_index.h"
#include "kernels/cuboid_fit_backends.h"
#include "kernels/launch.h"

namespace fuselabel {
namespace {

bool finite(Vec3<double> v) { return std::isfinite(v.x) && std::isfinite(v.y) && std::isfinite(v.z); }
// Finite in double and still finite once narrowed to the kernel's float.
bool float_finite(Vec3<double> v) { return finite(v) && finite(v.cast<float>().cast<double>()); }

CuboidFitPlan make_plan(const CuboidFitBatch& batch) {
  CuboidFitPlan plan;
  for (const CuboidFitJob& job : batch.jobs) {
    const CuboidFrame<double> f = make_cuboid_frame(job.box);
    const double h = f.half_size.z;
    plan.jobs.push_back({f.R_box_frame.cast<float>(), f.center.cast<float>(), job.velocity.cast<float>(),
                         static_cast<float>(f.half_size.x), static_cast<float>(f.half_size.y),
                         static_cast<float>(-h + batch.scoring.ground_clearance), static_cast<float>(h),
                         job.point_begin, job.point_end});
    plan.point_records = std::max(plan.point_records, job.point_end);
  }
  for (const CuboidFitCandidate& c : batch.candidates)
    plan.offsets.push_back({c.dx, c.dy, static_cast<float>(std::cos(double{c.dyaw})),
                            static_cast<float>(std::sin(double{c.dyaw}))});
  plan.offsets.push_back({0.f, 0.f, 1.f, 0.f});  // the base box
  plan.candidates = static_cast<int32_t>(batch.candidates.size());
  const CuboidFitScoring& s = batch.scoring;
  const double quanta = 1 / kCuboidFitQuantum;
  plan.weights = {static_cast<float>(s.inside_weight * quanta), static_cast<float>(s.surface_weight * quanta),
                  static_cast<int32_t>(std::floor(0.5 - s.outside_weight * quanta)),
                  static_cast<float>(1.0 / (double{s.surface_band} * s.surface_band)),
                  static_cast<float>(double{s.surface_band} * s.surface_band), static_cast<float>(double{s.shell} * s.shell)};
  return plan;
}

}  // namespace

Cuboidd apply_candidate(const Cuboidd& box, const CuboidFitCandidate& c) {
  Cuboidd out = box;
  out.center = box.center + Vec3<double>{c.dx, c.dy, 0};
  out.rotation = Quat<double>::from_yaw(c.dyaw) * box.rotation;
  return out;
}

void validate(const CuboidFitBatch& batch) {
  auto fail = [](const std::string& what) { throw std::invalid_argument("CuboidFitBatch: " + what); };
  if (batch.point_stride < 3) fail("point_stride must be >= 3 (x y z first)");
  if (batch.time_field != -1 && (batch.time_field < 3 || batch.time_field >= batch.point_stride))
    fail("time_field must be -1 or a column in [3, point_stride), got " + std::to_string(batch.time_field));
  const CuboidFitScoring& s = batch.scoring;
  if (!std::isfinite(s.ground_clearance) || s.ground_clearance < 0) fail("ground_clearance must be finite and >= 0");
  if (!std::isfinite(s.shell) || s.shell < 0) fail("shell must be finite and >= 0");
  if (!std::isfinite(s.surface_band) || !(s.surface_band > 0)) fail("surface_band must be finite and > 0");
  for (float weight : {s.inside_weight, s.surface_weight, s.outside_weight})
    if (!(weight >= 0 && weight <= kCuboidFitMaxWeight)) fail("weights must lie in [0, 1e5]");
  if (batch.candidates.size() >= static_cast<size_t>(INT32_MAX)) fail("more than 2^31 - 2 candidates");
  for (size_t k = 0; k < batch.candidates.size(); ++k) {
    const CuboidFitCandidate& c = batch.candidates[k];
    if (!std::isfinite(c.dx) || !std::isfinite(c.dy) || !std::isfinite(c.dyaw))
      fail("candidate " + std::to_string(k) + " is not finite");
  }
  bool any_points = false;
  for (size_t j = 0; j < batch.jobs.size(); ++j) {
    const CuboidFitJob& job = batch.jobs[j];
    const std::string name = "job " + std::to_string(j);
    validate_cuboid(job.box, "CuboidFitBatch: " + name + "'s box");
    if (!float_finite(job.box.center) || !float_finite(job.box.size)) fail(name + "'s box lies beyond float range");
    if (!float_finite(job.velocity)) fail(name + " has a non-finite velocity");
    if (job.point_begin < 0 || job.point_end < job.point_begin)
      fail(name + " has points [" + std::to_string(job.point_begin) + ", " + std::to_string(job.point_end) + ")");
    if (job.point_end - job.point_begin > INT32_MAX) fail(name + " holds more than 2^31 - 1 points");
    any_points = any_points || job.point_end > job.point_begin;
  }
  if (any_points && batch.points == nullptr) fail("points is null");
}

void cuboid_fit(Workspace& ws, const CuboidFitBatch& batch, std::vector<CuboidFitResult>& out,
                std::vector<double>* candidate_scores) {
  validate(batch);
  require_readable(ws.device(), batch.points_memory, "cuboid_fit");
  const CuboidFitPlan plan = make_plan(batch);
  std::vector<CuboidFitQuanta> quanta(batch.jobs.size());
  std::vector<int64_t> scores(candidate_scores ? batch.jobs.size() * batch.candidates.size() : 0);
  int64_t* score_out = scores.empty() ? nullptr : scores.data();
  if (!batch.jobs.empty()) FL_DISPATCH(ws.device(), cuboid_fit(ws, batch, plan, quanta.data(), score_out));
  if (candidate_scores) {
    candidate_scores->resize(scores.size());
    for (size_t i = 0; i < scores.size(); ++i) (*candidate_scores)[i] = static_cast<double>(scores[i]) * kCuboidFitQuantum;
  }
  out.assign(batch.jobs.size(), CuboidFitResult{});
  for (size_t j = 0; j < quanta.size(); ++j) {
    const CuboidFitQuanta& q = quanta[j];
    CuboidFitResult& r = out[j];
    r.base_score = static_cast<double>(q.base_score) * kCuboidFitQuantum;
    r.base_inside = q.base_inside;
    if (q.best < 0) continue;  // no candidates: only the base was scored
    r.best = q.best;
    r.best_score = static_cast<double>(q.best_score) * kCuboidFitQuantum;
    r.best_inside = q.best_inside;
  }
}

void cuboid_fit(Device device, const CuboidFitBatch& batch, std::vector<CuboidFitResult>& out,
                std::vector<double>* candidate_scores) {
  Workspace ws(device);
  cuboid_fit(ws, batch, out, candidate_scores);
}

}  // namespace fuselabel
