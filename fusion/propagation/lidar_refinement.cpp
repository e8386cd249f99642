#include "fusion/propagation/lidar_refinement.h"

#include <algorithm>
#include <cmath>
#include <map>
#include <set>

#include "kernels/cuboid_fit.h"

namespace fuselabel {
namespace {

std::vector<CuboidFitCandidate> grid(float step, float range, float yaw_step, float yaw_range) {
  std::vector<CuboidFitCandidate> out;
  const int n = int(std::lround(range / step)), m = int(std::lround(yaw_range / yaw_step));
  for (int a = -m; a <= m; ++a)
    for (int i = -n; i <= n; ++i)
      for (int j = -n; j <= n; ++j) out.push_back({i * step, j * step, a * yaw_step});
  return out;
}

// What refinement found for one cuboid.
struct Fit {
  double score = NAN;
  int32_t inside = -1;
};

// One batch of frames: the points near each cuboid gathered (x y z t) into one array, a job per cuboid.
struct FitBatch {
  std::vector<float> points;
  std::vector<CuboidFitJob> jobs;
  std::vector<size_t> label;              // per job: index into labels.boxes
  std::vector<Transform3d> T_labels_lidar;  // per job
};

// `indices`: the frame's tracked cuboids (jobs); `in_frame`: all its cuboids.
void add_frame(const FrameData& frame, const std::vector<size_t>& indices, const std::vector<size_t>& in_frame,
               const LabelSet& labels, float reach, FitBatch& batch) {
  const PointSweep& sweep = *frame.lidar;
  const auto t_field = std::find(sweep.fields.begin(), sweep.fields.end(), "t_offset");
  const int time = t_field == sweep.fields.end() ? -1 : int(t_field - sweep.fields.begin());
  const Transform3d T_lidar_labels = frame.T_labels_lidar.inverse();
  // Every cuboid of the frame in the LiDAR frame: a job leaves out the points inside the others,
  // so a box cannot slide onto its neighbour's points (a row of barriers, a parked queue).
  std::vector<std::pair<size_t, CuboidFrame<double>>> others;  // (label index, box)
  for (size_t k : in_frame) others.push_back({k, make_cuboid_frame(transform_cuboid(T_lidar_labels, labels.boxes[k].box))});
  for (size_t i : indices) {
    const CuboidLabel& label = labels.boxes[i];
    CuboidFitJob job;
    job.box = transform_cuboid(T_lidar_labels, label.box);
    if (label.velocity) job.velocity = T_lidar_labels.R * *label.velocity;
    const double radius = 0.5 * std::hypot(job.box.size.x, job.box.size.y) + reach;
    const double half_height = 0.5 * job.box.size.z + reach;
    std::vector<const CuboidFrame<double>*> near;
    for (const auto& [k, o] : others) {
      const Vec3<double> d = o.center - job.box.center;
      if (k != i && std::hypot(d.x, d.y) < radius + std::hypot(o.half_size.x, o.half_size.y)) near.push_back(&o);
    }
    job.point_begin = int64_t(batch.points.size() / 4);
    for (int64_t p = 0; p < sweep.size(); ++p) {
      const float* r = sweep.records.data() + p * sweep.stride();
      const double dx = r[0] - job.box.center.x, dy = r[1] - job.box.center.y, dz = r[2] - job.box.center.z;
      if (dx * dx + dy * dy > radius * radius || std::abs(dz) > half_height) continue;
      const Vec3<double> point{r[0], r[1], r[2]};
      if (std::any_of(near.begin(), near.end(), [&](const CuboidFrame<double>* o) { return cuboid_contains(*o, point); }))
        continue;
      batch.points.insert(batch.points.end(), {r[0], r[1], r[2], time < 0 ? 0.f : r[time]});
    }
    job.point_end = int64_t(batch.points.size() / 4);
    batch.jobs.push_back(job);
    batch.label.push_back(i);
    batch.T_labels_lidar.push_back(frame.T_labels_lidar);
  }
}

std::vector<CuboidFitResult> run(Workspace& ws, FitBatch& batch, const std::vector<CuboidFitCandidate>& candidates,
                                 const CuboidFitScoring& scoring, std::vector<double>* candidate_scores = nullptr) {
  CuboidFitBatch fit;
  fit.points = batch.points.data();
  fit.point_stride = 4;
  fit.time_field = 3;
  fit.jobs = batch.jobs;
  fit.candidates = candidates;
  fit.scoring = scoring;
  std::vector<CuboidFitResult> out;
  cuboid_fit(ws, fit, out, candidate_scores);
  return out;
}

// The centroid of the candidates scoring within `tolerance` of the best: the middle of the
// plateau a direction the points leave unobserved makes (a car seen only from behind slides
// sideways freely within its points' extent), not the plateau's first grid corner.
CuboidFitCandidate near_best_centroid(const std::vector<CuboidFitCandidate>& grid, const double* scores, double best,
                                      double tolerance) {
  double dx = 0, dy = 0, dyaw = 0;
  int n = 0;
  for (size_t c = 0; c < grid.size(); ++c)
    if (scores[c] >= best - tolerance) dx += grid[c].dx, dy += grid[c].dy, dyaw += grid[c].dyaw, ++n;
  return {float(dx / n), float(dy / n), float(dyaw / n)};
}

// Coarse then fine search, each moving to its near-best plateau's centroid; a cuboid is moved
// only when its propagated pose scores below the fine search's plateau.
void refine_batch(Workspace& ws, FitBatch& batch, const RefinementSearch& search, LabelSet& labels,
                  std::vector<Fit>& fits) {
  const auto coarse = grid(search.coarse_step, search.coarse_range, search.coarse_yaw_step, search.coarse_yaw_range);
  const auto fine = grid(search.fine_step, search.fine_range, search.fine_yaw_step, search.fine_yaw_range);
  const std::vector<CuboidFitResult> propagated = run(ws, batch, {CuboidFitCandidate{}}, search.fine_scoring);
  std::vector<double> scores;
  const std::vector<CuboidFitResult> first = run(ws, batch, coarse, search.coarse_scoring, &scores);
  for (size_t j = 0; j < batch.jobs.size(); ++j) {
    const double tolerance = search.relative_coarse_plateau_tolerance * std::abs(first[j].best_score);
    const CuboidFitCandidate centre = near_best_centroid(coarse, &scores[j * coarse.size()], first[j].best_score, tolerance);
    batch.jobs[j].box = apply_candidate(batch.jobs[j].box, centre);
  }
  const std::vector<CuboidFitResult> second = run(ws, batch, fine, search.fine_scoring, &scores);
  std::vector<double> tolerance(batch.jobs.size());
  for (size_t j = 0; j < batch.jobs.size(); ++j) {
    tolerance[j] = std::max(search.plateau_tolerance, search.relative_plateau_tolerance * std::abs(second[j].best_score));
    const CuboidFitCandidate centre = near_best_centroid(fine, &scores[j * fine.size()], second[j].best_score, tolerance[j]);
    batch.jobs[j].box = apply_candidate(batch.jobs[j].box, centre);
  }
  const std::vector<CuboidFitResult> final_fit = run(ws, batch, {CuboidFitCandidate{}}, search.fine_scoring);
  for (size_t j = 0; j < batch.jobs.size(); ++j) {
    CuboidLabel& label = labels.boxes[batch.label[j]];
    const double base = propagated[j].base_score, refined = final_fit[j].base_score;
    const bool movable = label.source != LabelSource::Keyframe;
    if (movable && base < second[j].best_score - tolerance[j] && refined > base) {
      label.box = transform_cuboid(batch.T_labels_lidar[j], batch.jobs[j].box);
      label.source = LabelSource::Refined;
      fits[batch.label[j]] = {refined, final_fit[j].base_inside};
    } else {
      fits[batch.label[j]] = {base, propagated[j].base_inside};
    }
  }
}

double median_points(const std::vector<int32_t>& v) {
  std::vector<int32_t> s = v;
  std::sort(s.begin(), s.end());
  return s.empty() ? 0 : s.size() % 2 ? s[s.size() / 2] : 0.5 * (s[s.size() / 2 - 1] + s[s.size() / 2]);
}

// Per track: fits into the report, frames whose support collapsed flagged, and extrapolation
// cut at the first collapsed frame on each side.
void report_fits(const RefinementSearch& search, PropagationResult& result, const std::vector<Fit>& fits) {
  LabelSet& labels = result.labels;
  std::map<std::string, std::map<int64_t, size_t>> by_track;
  for (size_t i = 0; i < labels.boxes.size(); ++i)
    if (!labels.boxes[i].track_id.empty()) by_track[labels.boxes[i].track_id][labels.boxes[i].frame] = i;
  std::set<size_t> removed;
  for (TrackPropagation& t : result.report.tracks) {
    const auto& frames = by_track[t.track_id];
    std::vector<int32_t> key_points;
    for (const auto& [f, i] : frames)
      if (labels.boxes[i].source == LabelSource::Keyframe && fits[i].inside >= 0) key_points.push_back(fits[i].inside);
    const double reference = median_points(key_points);
    const bool judged = reference >= search.min_reference_points;
    const int64_t first_key = t.keyframes.front(), last_key = t.keyframes.back();
    bool cut_before = false, cut_after = false;
    // Outward from the keyframes, so the first collapse on each side ends the extrapolation.
    std::vector<int64_t> order;
    for (int64_t f = first_key; f <= last_key; ++f) order.push_back(f);
    for (int64_t f = last_key + 1; f <= t.last_frame; ++f) order.push_back(f);
    for (int64_t f = first_key - 1; f >= t.first_frame; --f) order.push_back(f);
    for (int64_t f : order) {
      const auto found = frames.find(f);
      if (found == frames.end()) continue;
      const size_t i = found->second;
      const bool before = f < first_key, after = f > last_key;
      if ((before && cut_before) || (after && cut_after)) {
        removed.insert(i);
        continue;
      }
      if (!judged || labels.boxes[i].source == LabelSource::Keyframe || fits[i].inside < 0) continue;
      if (fits[i].inside >= search.collapse_share * reference) continue;
      t.flagged_frames.push_back(f);
      if (before || after) removed.insert(i), (before ? cut_before : cut_after) = true;
    }
    std::sort(t.flagged_frames.begin(), t.flagged_frames.end());
    int64_t first = -1, last = -1;
    for (const auto& [f, i] : frames)
      if (!removed.count(i)) first = first < 0 ? f : first, last = f;
    t.first_frame = first, t.last_frame = last;
    t.fit_scores.assign(size_t(last - first + 1), NAN);
    t.lidar_points.assign(size_t(last - first + 1), -1);
    for (const auto& [f, i] : frames)
      if (f >= first && f <= last) t.fit_scores[size_t(f - first)] = fits[i].score, t.lidar_points[size_t(f - first)] = fits[i].inside;
  }
  std::vector<CuboidLabel> kept;
  for (size_t i = 0; i < labels.boxes.size(); ++i)
    if (!removed.count(i)) kept.push_back(std::move(labels.boxes[i]));
  labels.boxes = std::move(kept);
}

}  // namespace

void refine_with_lidar(const Drive& drive, const SampleLoader& loader, const PropagationOptions& options,
                       PropagationResult& result, const RefinementSearch& search) {
  LabelSet& labels = result.labels;
  std::map<int64_t, std::vector<size_t>> by_frame, all_by_frame;  // tracked cuboids; all cuboids
  for (size_t i = 0; i < labels.boxes.size(); ++i) {
    all_by_frame[labels.boxes[i].frame].push_back(i);
    if (!labels.boxes[i].track_id.empty()) by_frame[labels.boxes[i].frame].push_back(i);
  }
  std::vector<Fit> fits(labels.boxes.size());
  Workspace ws(options.device);
  const float reach = search.coarse_range + search.fine_range + std::max(search.coarse_scoring.shell, search.fine_scoring.shell);
  FitBatch batch;
  size_t frames_in_batch = 0;
  const int64_t frames = static_cast<int64_t>(by_frame.size());
  int64_t done = 0;
  report_progress(options.progress, "refine", 0, frames, "frames");
  for (const auto& [f, indices] : by_frame) {
    if (done > 0) report_progress(options.progress, "refine", done, frames, "frames");
    ++done;
    if (drive.frames[size_t(f)].lidar_sample < 0) continue;
    const FrameData frame = assemble_frame(drive, size_t(f), loader, true);
    if (!frame.lidar) continue;
    add_frame(frame, indices, all_by_frame.at(f), labels, reach, batch);
    if (++frames_in_batch == search.frames_per_batch) {
      refine_batch(ws, batch, search, labels, fits);
      batch = FitBatch{}, frames_in_batch = 0;
    }
  }
  if (!batch.jobs.empty()) refine_batch(ws, batch, search, labels, fits);
  if (frames > 0) report_progress(options.progress, "refine", frames, frames, "frames");
  report_fits(search, result, fits);
}

}  // namespace fuselabel
