// propagate_labels: per track, its keyframes moved into a frame where its motion is smooth,
// the motion model through them, and a cuboid for every frame of its span moved back.
#include "fusion/propagation.h"

#include <algorithm>
#include <cmath>
#include <functional>
#include <map>
#include <stdexcept>

#include "fusion/propagation/ego_from_labels.h"
#include "fusion/propagation/lidar_refinement.h"
#include "fusion/propagation/track_motion.h"

namespace fuselabel {
namespace {

// Confidence of a propagated cuboid decays with its time from the nearest keyframe (s):
// exp(-dt / scale), interpolations more slowly than extrapolations.
constexpr double kInterpolationConfidenceScale = 2.0;
constexpr double kExtrapolationConfidenceScale = 1.0;
// An estimated world frame must predict a track's held-out keyframes this much better than
// its sensor frame does before the track is propagated in it.
constexpr double kWorldMustPredictBetter = 0.9;
constexpr size_t kMinKeysToJudgeAnEstimate = 3;  // one held out between two

struct TrackKeys {
  const Track* track = nullptr;
  std::string track_id;
  std::vector<const CuboidLabel*> keys;  // ascending frame
};

std::vector<TrackKeys> group_by_track(const LabelSet& keyframes) {
  std::vector<TrackKeys> tracks;
  std::map<std::string, size_t> index;
  for (const Track& t : keyframes.tracks) index.emplace(t.track_id, tracks.size()), tracks.push_back({&t, t.track_id, {}});
  for (const CuboidLabel& c : keyframes.boxes) {
    if (c.track_id.empty()) continue;
    const auto [it, inserted] = index.emplace(c.track_id, tracks.size());
    if (inserted) tracks.push_back({nullptr, c.track_id, {}});
    tracks[it->second].keys.push_back(&c);
  }
  for (TrackKeys& t : tracks) {
    std::stable_sort(t.keys.begin(), t.keys.end(), [](const CuboidLabel* a, const CuboidLabel* b) { return a->frame < b->frame; });
    for (size_t k = 1; k < t.keys.size(); ++k)
      if (t.keys[k]->frame == t.keys[k - 1]->frame)
        throw std::invalid_argument("track " + t.track_id + " has two cuboids in frame " +
                                    std::to_string(t.keys[k]->frame) + " (" + t.keys[k - 1]->id + ", " + t.keys[k]->id + ")");
  }
  return tracks;
}

// The segment all of [first, last] shares, or -1 when some frame lacks a pose or they differ.
int common_segment(const LabelFramePoses& poses, int64_t first, int64_t last) {
  const int s = poses.segment[first];
  for (int64_t f = first; f <= last; ++f)
    if (poses.segment[f] != s || !poses.T_world_label[f]) return -1;
  return s;
}

const CuboidLabel& nearest_key(const TrackKeys& t, int64_t frame) {
  const CuboidLabel* best = t.keys.front();
  for (const CuboidLabel* k : t.keys)
    if (std::llabs(k->frame - frame) < std::llabs(best->frame - frame)) best = k;
  return *best;
}

// The track's keyframes in the world (the poses of their frames) or in their own label frames.
std::vector<TrackKey> track_keys(const TrackKeys& t, const LabelFramePoses& poses, bool in_world,
                                 const std::function<double(int64_t)>& seconds) {
  std::vector<TrackKey> keys;
  for (const CuboidLabel* k : t.keys)
    keys.push_back({seconds(k->frame), in_world ? transform_cuboid(*poses.T_world_label[k->frame], k->box) : k->box});
  return keys;
}

// Mean centre error (m, in the label frame) of predicting each inner keyframe from the others.
double leave_one_out_error(const TrackKeys& t, const std::vector<TrackKey>& keys, const LabelFramePoses& poses,
                           bool in_world, bool follows_travel, bool smooth_keys) {
  double sum = 0;
  for (size_t k = 1; k + 1 < keys.size(); ++k) {
    std::vector<TrackKey> others = keys;
    others.erase(others.begin() + long(k));
    Cuboidd predicted = TrackMotion(others, follows_travel, smooth_keys).at(keys[k].t);
    if (in_world) predicted = transform_cuboid(poses.T_world_label[t.keys[k]->frame]->inverse(), predicted);
    const Vec3<double> d = predicted.center - t.keys[k]->box.center;
    sum += std::sqrt(dot(d, d));
  }
  return sum / double(keys.size() - 2);
}

void propagate_track(const Drive& drive, const TrackKeys& t, const LabelFramePoses& poses,
                     const PropagationOptions& options, LabelSet& out, TrackPropagation& report) {
  const int extend = options.extend;
  const int64_t first_key = t.keys.front()->frame, last_key = t.keys.back()->frame;
  const int segment = common_segment(poses, first_key, last_key);
  const int64_t origin_us = drive.frames[first_key].timestamp_us;
  auto seconds = [&](int64_t frame) { return 1e-6 * double(drive.frames[frame].timestamp_us - origin_us); };
  const std::string class_name = t.track ? t.track->class_name : t.keys.front()->class_name;
  report.class_name = class_name;
  const bool follows_travel = heads_where_it_moves(class_name);
  bool in_world = segment >= 0;
  std::vector<TrackKey> keys = track_keys(t, poses, in_world, seconds);
  // Poses estimated from the labels can be worse than none for a track (few static tracks,
  // far away): it keeps the world frame only if that predicts its own keyframes better.
  if (in_world && poses.estimate.used && keys.size() < kMinKeysToJudgeAnEstimate) {
    in_world = false, keys = track_keys(t, poses, false, seconds);
  } else if (in_world && poses.estimate.used) {
    std::vector<TrackKey> sensor_keys = track_keys(t, poses, false, seconds);
    if (kWorldMustPredictBetter * leave_one_out_error(t, sensor_keys, poses, false, follows_travel, options.smooth_keys) <
        leave_one_out_error(t, keys, poses, true, follows_travel, options.smooth_keys))
      in_world = false, keys = std::move(sensor_keys);
  }
  report.motion_frame = in_world ? poses.motion_frame : "sensor";
  for (const CuboidLabel* k : t.keys) report.keyframes.push_back(k->frame);
  const TrackMotion motion(keys, follows_travel, options.smooth_keys);
  report.moving = motion.moving();

  const int64_t first = std::max<int64_t>(0, first_key - extend);
  const int64_t last = std::min<int64_t>(int64_t(drive.frames.size()) - 1, last_key + extend);
  report.first_frame = report.last_frame = -1;
  size_t next_key = 0;
  for (int64_t f = first; f <= last; ++f) {
    if (next_key < t.keys.size() && t.keys[next_key]->frame == f) {
      out.boxes.push_back(*t.keys[next_key++]);
    } else {
      if (in_world && (poses.segment[f] != segment || !poses.T_world_label[f])) continue;  // extension beyond the poses
      const CuboidLabel& near = nearest_key(t, f);
      const bool extrapolated = f < first_key || f > last_key;
      const Cuboidd box = motion.at(seconds(f));
      CuboidLabel label;
      label.id = "prelabel:" + t.track_id + ":" + drive.frames[f].id;
      label.track_id = t.track_id;
      label.class_name = near.class_name;
      label.frame = f;
      label.timestamp_us = drive.frames[f].timestamp_us;
      label.box = in_world ? transform_cuboid(poses.T_world_label[f]->inverse(), box) : box;
      label.source = extrapolated ? LabelSource::Extrapolated : LabelSource::Interpolated;
      const double dt = std::abs(seconds(f) - seconds(near.frame));
      label.confidence = std::exp(-dt / (extrapolated ? kExtrapolationConfidenceScale : kInterpolationConfidenceScale));
      if (in_world && out.frame == LabelFrame::World) label.velocity = motion.velocity(seconds(f));
      label.attributes = near.attributes;
      out.boxes.push_back(std::move(label));
    }
    if (report.first_frame < 0) report.first_frame = f;
    report.last_frame = f;
  }
}

}  // namespace

PropagationResult propagate_labels(const Drive& drive, const LabelSet& keyframes, const PropagationOptions& options,
                                   const SampleLoader* loader) {
  if (options.extend < 0) throw std::invalid_argument("propagate_labels: extend must be >= 0");
  for (const CuboidLabel& c : keyframes.boxes)
    if (c.frame < 0 || size_t(c.frame) >= drive.frames.size())
      throw std::invalid_argument("label " + c.id + " refers to frame " + std::to_string(c.frame) +
                                  ", beyond the drive's " + std::to_string(drive.frames.size()) + " frames");
  PropagationResult result;
  LabelSet& out = result.labels;
  out.name = keyframes.name, out.taxonomy = keyframes.taxonomy, out.frame = keyframes.frame;
  out.tracks = keyframes.tracks;
  out.boxes_2d = keyframes.boxes_2d;
  const LabelFramePoses poses = label_frame_poses(drive, keyframes, options.extend);
  result.report.ego_estimate = poses.estimate;
  for (const CuboidLabel& c : keyframes.boxes)
    if (c.track_id.empty()) out.boxes.push_back(c);  // untracked objects stay where they are
  for (const TrackKeys& t : group_by_track(keyframes)) {
    if (t.keys.empty()) continue;
    TrackPropagation report;
    report.track_id = t.track_id;
    propagate_track(drive, t, poses, options, out, report);
    if (!t.track) out.tracks.push_back({t.track_id, report.class_name, {}});
    result.report.tracks.push_back(std::move(report));
  }
  const bool has_lidar = std::any_of(drive.frames.begin(), drive.frames.end(), [](const DriveFrame& f) { return f.lidar_sample >= 0; });
  if (options.refine && loader && has_lidar) refine_with_lidar(drive, *loader, options, result);
  std::stable_sort(out.boxes.begin(), out.boxes.end(), [](const CuboidLabel& a, const CuboidLabel& b) {
    return a.frame != b.frame ? a.frame < b.frame : a.track_id < b.track_id;
  });
  return result;
}

}  // namespace fuselabel
