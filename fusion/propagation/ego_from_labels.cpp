// estimate_ego_from_labels (ego_from_labels.h): the ego motion frame by frame, from the apparent
// motion of the tracks between their consecutive keyframes.
//
// A track keyed at frames a < b moves, in the label frame, by the motion that would keep it still
// had it been static. Spread evenly over the b - a frames between, that is one candidate for
// each of those frames' ego increments (frame f + 1 into frame f). Static tracks all propose
// the ego's own increment; moving ones scatter. Per frame, the candidate most others agree with
// (two tracks at least) wins, and the mean of those agreeing is the increment. Frames no two
// tracks agree on take the increment of the nearest frame that has one. Poses are the
// increments composed from the first fitted frame (one segment), then bundle-adjusted against
// every track's keyframes with robust weights (ego_adjustment.h), which corrects the guessed
// stretches wherever some track's keyframes span them.
#include "fusion/propagation/ego_from_labels.h"

#include <algorithm>
#include <cmath>
#include <map>
#include <set>
#include <stdexcept>

#include "fusion/propagation/ego_adjustment.h"
#include "fusion/propagation/track_motion.h"

namespace fuselabel {
namespace {

// Two candidates agree when their per-frame increments differ by less than this.
constexpr double kAgreementMetresPerFrame = 0.05;
constexpr double kAgreementRadiansPerFrame = 0.005;
constexpr int kMinAgreeingTracks = 2;

// Planar rigid increment: p_f = R(yaw) p_{f+1} + t.
struct Increment {
  double yaw = 0;
  Vec3<double> t{};
  Transform3d transform() const { return Transform3d::from_rotation_translation(Quat<double>::from_yaw(yaw), t); }
};

struct Candidate {
  std::string track_id;
  Increment step;
};

// The even per-frame increment over n frames that composes to the motion keeping `in_b` still
// in frame a's coordinates: yaw / n, and t solving sum_k R(k yaw / n) t = t_total.
Increment even_increment(const Cuboidd& in_a, const Cuboidd& in_b, int64_t n) {
  const double yaw_total = angle_difference(yaw_of(in_a.rotation), yaw_of(in_b.rotation));
  const double c = std::cos(yaw_total), s = std::sin(yaw_total);
  const Vec3<double> total = in_a.center - Vec3<double>{c * in_b.center.x - s * in_b.center.y,
                                                          s * in_b.center.x + c * in_b.center.y, in_b.center.z};
  Increment step;
  step.yaw = yaw_total / double(n);
  double sc = 0, ss = 0;  // sum_k R(k yaw) = [[sc, -ss], [ss, sc]]
  for (int64_t k = 0; k < n; ++k) sc += std::cos(double(k) * step.yaw), ss += std::sin(double(k) * step.yaw);
  const double det = sc * sc + ss * ss;
  step.t = {(sc * total.x + ss * total.y) / det, (-ss * total.x + sc * total.y) / det, total.z / double(n)};
  return step;
}

bool agree(const Increment& a, const Increment& b) {
  return std::hypot(a.t.x - b.t.x, a.t.y - b.t.y) < kAgreementMetresPerFrame &&
         std::abs(a.yaw - b.yaw) < kAgreementRadiansPerFrame;
}

// The consensus of one frame's candidates, with the tracks that formed it; none when fewer
// than kMinAgreeingTracks agree.
std::optional<Increment> consensus(const std::vector<Candidate>& candidates, std::vector<std::string>& agreeing) {
  std::vector<size_t> best;
  for (const Candidate& proposal : candidates) {
    std::vector<size_t> inliers;
    for (size_t i = 0; i < candidates.size(); ++i)
      if (agree(proposal.step, candidates[i].step)) inliers.push_back(i);
    if (inliers.size() > best.size()) best = inliers;
  }
  if (int(best.size()) < kMinAgreeingTracks) return std::nullopt;
  Increment mean;
  for (size_t i : best) {
    mean.yaw += candidates[i].step.yaw, mean.t = mean.t + candidates[i].step.t;
    agreeing.push_back(candidates[i].track_id);
  }
  mean.yaw /= double(best.size()), mean.t = (1.0 / double(best.size())) * mean.t;
  return mean;
}

// Interior stretches without an increment take the nearest fitted one on either side (the
// adjustment then corrects them where any track's keyframes span them).
void fill_short_gaps(std::vector<std::optional<Increment>>& steps, int64_t first, int64_t last) {
  for (int64_t f = first; f < last; ++f) {
    if (steps[size_t(f)]) continue;
    int64_t end = f;
    while (end < last && !steps[size_t(end)]) ++end;
    if (f > first && end < last)
      for (int64_t g = f; g < end; ++g) steps[size_t(g)] = steps[size_t(g - f < end - g ? f - 1 : end)];
    f = end;
  }
}

// Poses composed from the increments: a segment starts (identity) wherever a run of increments
// does, and runs on past its ends at the end increments for `extrapolate_frames` frames.
void compose_segments(const std::vector<std::optional<Increment>>& steps, int64_t first, int64_t last,
                      int extrapolate_frames, LabelFramePoses& out) {
  const int64_t frames = int64_t(out.segment.size());
  int segment = -1;
  for (int64_t f = first; f < last; ++f) {
    if (!steps[size_t(f)]) continue;
    if (!out.T_world_label[size_t(f)]) {
      out.T_world_label[size_t(f)] = Transform3d{}, out.segment[size_t(f)] = ++segment;
      const Transform3d back = steps[size_t(f)]->transform().inverse();
      for (int64_t g = f - 1; g >= std::max<int64_t>(0, f - extrapolate_frames) && out.segment[size_t(g)] < 0; --g)
        out.T_world_label[size_t(g)] = *out.T_world_label[size_t(g + 1)] * back, out.segment[size_t(g)] = segment;
    }
    out.T_world_label[size_t(f + 1)] = *out.T_world_label[size_t(f)] * steps[size_t(f)]->transform();
    out.segment[size_t(f + 1)] = segment;
    if (f + 1 < last && steps[size_t(f + 1)]) continue;
    const Transform3d ahead = steps[size_t(f)]->transform();  // the segment ends at f + 1
    for (int64_t g = f + 2; g <= std::min(frames - 1, f + 1 + extrapolate_frames); ++g) {
      if (g < last && steps[size_t(g)]) break;  // the next run starts its own segment there
      out.T_world_label[size_t(g)] = *out.T_world_label[size_t(g - 1)] * ahead, out.segment[size_t(g)] = segment;
    }
  }
}

}  // namespace

LabelFramePoses estimate_ego_from_labels(const Drive& drive, const LabelSet& keyframes, int extrapolate_frames) {
  const int64_t frames = int64_t(drive.frames.size());
  LabelFramePoses out;
  out.T_world_label.assign(size_t(frames), std::nullopt);
  out.segment.assign(size_t(frames), -1);
  out.motion_frame = "estimated_world";
  out.estimate.used = true;
  TrackKeyBoxes tracks;
  std::set<int64_t> keyed_frames;
  for (const CuboidLabel& c : keyframes.boxes)
    if (!c.track_id.empty()) tracks[c.track_id][c.frame] = &c.box, keyed_frames.insert(c.frame);
  if (keyed_frames.empty()) return out;

  // Candidates per frame f (the increment from f + 1 into f).
  std::vector<std::vector<Candidate>> candidates(static_cast<size_t>(frames));
  for (const auto& [id, keys] : tracks)
    for (auto b = std::next(keys.begin()), a = keys.begin(); b != keys.end(); ++a, ++b) {
      const Increment step = even_increment(*a->second, *b->second, b->first - a->first);
      for (int64_t f = a->first; f < b->first; ++f) candidates[size_t(f)].push_back({id, step});
    }
  const int64_t first = *keyed_frames.begin(), last = *keyed_frames.rbegin();
  std::vector<std::optional<Increment>> steps(static_cast<size_t>(frames));
  std::map<std::string, int> agreed, proposed;
  for (int64_t f = first; f < last; ++f) {
    std::vector<std::string> agreeing;
    steps[size_t(f)] = consensus(candidates[size_t(f)], agreeing);
    for (const Candidate& c : candidates[size_t(f)]) ++proposed[c.track_id];
    for (const std::string& id : agreeing) ++agreed[id];
  }
  for (const auto& [id, n] : proposed)
    if (2 * agreed[id] >= n) out.estimate.static_tracks.push_back(id);

  for (int64_t f : keyed_frames)
    if (f < last && !steps[size_t(f)]) out.estimate.frames_with_too_few_static_tracks.push_back(f);
  fill_short_gaps(steps, first, last);
  compose_segments(steps, first, last, extrapolate_frames, out);
  adjust_ego_poses(tracks, out);
  return out;
}

LabelFramePoses label_frame_poses(const Drive& drive, const LabelSet& keyframes, int extrapolate_frames) {
  if (keyframes.frame != LabelFrame::World && !drive.trajectory.has_poses()) {
    return estimate_ego_from_labels(drive, keyframes, extrapolate_frames);
  }
  LabelFramePoses out;
  out.motion_frame = "world";
  out.T_world_label.assign(drive.frames.size(), std::nullopt);
  out.segment.assign(drive.frames.size(), -1);
  for (size_t f = 0; f < drive.frames.size(); ++f) {
    if (keyframes.frame == LabelFrame::World) {
      out.T_world_label[f] = Transform3d{};
    } else {
      const DriveFrame& frame = drive.frames[f];
      Transform3d T_ego_label;
      if (keyframes.frame == LabelFrame::Lidar) {
        const Sensor* lidar = drive.rig_of(frame).lidar();
        if (!lidar) throw std::invalid_argument("LiDAR-frame labels on a drive without a LiDAR");
        T_ego_label = lidar->T_ego_sensor;
      }
      try {
        out.T_world_label[f] = drive.trajectory.at(frame.timestamp_us) * T_ego_label;
      } catch (const std::exception&) {
        continue;  // the poses do not cover this frame
      }
    }
    out.segment[f] = 0;
  }
  return out;
}

}  // namespace fuselabel
