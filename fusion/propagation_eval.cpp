#include "fusion/propagation_eval.h"

#include <algorithm>
#include <cmath>
#include <map>
#include <random>
#include <stdexcept>
#include <tuple>
#include <utility>

#include "fusion/linear_interpolation.h"
#include "kernels/box_overlap.h"
#include "sim/sim_random.h"  // header only: the platform-fixed normal draw

namespace fuselabel {
namespace {

constexpr double kPi = 3.14159265358979323846;

// |a - b| wrapped to [0, 180] degrees.
double heading_difference_deg(double a, double b) {
  return std::abs(std::remainder(a - b, 2 * kPi)) * 180.0 / kPi;
}

LabelSet empty_like(const LabelSet& set) {
  LabelSet out;
  out.name = set.name;
  out.taxonomy = set.taxonomy;
  out.frame = set.frame;
  out.tracks = set.tracks;
  return out;
}

// Each track's cuboids, ascending by frame; throws on two at one frame.
std::map<std::string, std::vector<const CuboidLabel*>> cuboids_by_track(const LabelSet& set, const char* what) {
  std::map<std::string, std::vector<const CuboidLabel*>> by_track;
  for (const CuboidLabel& label : set.boxes)
    if (!label.track_id.empty()) by_track[label.track_id].push_back(&label);
  for (auto& [track_id, labels] : by_track) {
    std::stable_sort(labels.begin(), labels.end(),
                     [](const CuboidLabel* a, const CuboidLabel* b) { return a->frame < b->frame; });
    for (size_t i = 1; i < labels.size(); ++i)
      if (labels[i]->frame == labels[i - 1]->frame)
        throw std::invalid_argument(std::string(what) + ": track " + track_id + " has two cuboids at frame " +
                                    std::to_string(labels[i]->frame));
  }
  return by_track;
}

bool by_frame_then_track(const CuboidLabel& a, const CuboidLabel& b) {
  return std::tie(a.frame, a.track_id) < std::tie(b.frame, b.track_id);
}

bool is_kept(const std::vector<const CuboidLabel*>& labels, size_t i, const KeyframeSelectionOptions& options) {
  const int64_t K = options.keyframe_every, frame = labels[i]->frame, first = labels.front()->frame;
  if (i == 0 || i + 1 == labels.size()) return true;
  if (options.keep_gap_ends && (labels[i - 1]->frame + 1 != frame || labels[i + 1]->frame != frame + 1)) return true;
  switch (options.protocol) {
    case KeyframeProtocol::DriveFrame: return frame % K == 0;
    case KeyframeProtocol::TrackFrames: return int64_t(i) % K == 0;
    case KeyframeProtocol::TrackOffset: return (frame - first) % K == 0;
  }
  return false;
}

double mean_of(const std::vector<double>& values) {
  if (values.empty()) return PropagationMetrics::kNone;
  double sum = 0;
  for (double v : values) sum += v;
  return sum / double(values.size());
}

double median_of(std::vector<double> values) {
  if (values.empty()) return PropagationMetrics::kNone;
  const size_t mid = values.size() / 2;
  std::nth_element(values.begin(), values.begin() + mid, values.end());
  if (values.size() % 2) return values[mid];
  return (values[mid] + *std::max_element(values.begin(), values.begin() + mid)) / 2;
}

}  // namespace

const char* keyframe_protocol_name(KeyframeProtocol protocol) {
  switch (protocol) {
    case KeyframeProtocol::DriveFrame: return "drive-frame";
    case KeyframeProtocol::TrackFrames: return "track-frames";
    case KeyframeProtocol::TrackOffset: return "track-offset";
  }
  return "?";
}

KeyframeProtocol parse_keyframe_protocol(const std::string& name) {
  for (KeyframeProtocol p : {KeyframeProtocol::DriveFrame, KeyframeProtocol::TrackFrames, KeyframeProtocol::TrackOffset})
    if (name == keyframe_protocol_name(p)) return p;
  throw std::invalid_argument("unknown keyframe protocol '" + name + "' (drive-frame, track-frames, track-offset)");
}

KeyframeSplit select_keyframes(const LabelSet& ground_truth, const KeyframeSelectionOptions& options) {
  if (options.keyframe_every < 1)
    throw std::invalid_argument("select_keyframes: keyframe_every must be >= 1, got " +
                                std::to_string(options.keyframe_every));
  KeyframeSplit split{empty_like(ground_truth), empty_like(ground_truth)};
  for (const auto& [track_id, labels] : cuboids_by_track(ground_truth, "select_keyframes"))
    for (size_t i = 0; i < labels.size(); ++i)
      (is_kept(labels, i, options) ? split.keyframes : split.dropped).boxes.push_back(*labels[i]);
  std::stable_sort(split.keyframes.boxes.begin(), split.keyframes.boxes.end(), by_frame_then_track);
  std::stable_sort(split.dropped.boxes.begin(), split.dropped.boxes.end(), by_frame_then_track);
  return split;
}

std::set<std::string> turning_tracks(const LabelSet& ground_truth, double threshold_deg) {
  std::set<std::string> turning;
  for (const auto& [track_id, labels] : cuboids_by_track(ground_truth, "turning_tracks"))
    if (heading_difference_deg(box_yaw(labels.back()->box), box_yaw(labels.front()->box)) > threshold_deg)
      turning.insert(track_id);
  return turning;
}

std::vector<DroppedFrameError> dropped_frame_errors(const LabelSet& predicted, const LabelSet& dropped,
                                                    const std::set<std::string>& turning, Device device) {
  std::map<std::pair<std::string, int64_t>, const CuboidLabel*> by_key;
  for (const CuboidLabel& label : predicted.boxes)
    if (!label.track_id.empty() && !by_key.emplace(std::make_pair(label.track_id, label.frame), &label).second)
      throw std::invalid_argument("dropped_frame_errors: the prediction has two cuboids of track " + label.track_id +
                                  " at frame " + std::to_string(label.frame));
  std::vector<DroppedFrameError> errors;
  std::vector<Cuboidd> truth, guess;
  std::vector<BoxPair> pairs;
  std::vector<size_t> scored;  // index into errors of each pair
  for (const CuboidLabel& label : dropped.boxes) {
    if (label.track_id.empty()) continue;
    DroppedFrameError e;
    e.track_id = label.track_id;
    e.frame = label.frame;
    e.turning = turning.count(label.track_id) > 0;
    const auto it = by_key.find({label.track_id, label.frame});
    if (it != by_key.end()) {
      const Cuboidd& p = it->second->box;
      const Vec3<double> d = p.center - label.box.center;
      e.predicted = true;
      e.centre_m = std::sqrt(dot(d, d));
      e.yaw_deg = heading_difference_deg(box_yaw(p), box_yaw(label.box));
      pairs.push_back({int32_t(truth.size()), int32_t(guess.size())});
      truth.push_back(label.box);
      guess.push_back(p);
      scored.push_back(errors.size());
    }
    errors.push_back(e);
  }
  std::vector<BoxOverlap> overlaps;
  if (!pairs.empty()) box_overlap_pairs(device, truth, guess, pairs, overlaps);
  for (size_t k = 0; k < scored.size(); ++k) {
    errors[scored[k]].bev_iou = overlaps[k].bev_iou;
    errors[scored[k]].iou_3d = overlaps[k].iou_3d;
  }
  return errors;
}

PropagationMetrics summarize_errors(const std::vector<DroppedFrameError>& errors, bool turning_only) {
  PropagationMetrics m;
  std::vector<double> centre, yaw, bev, iou3d;
  for (const DroppedFrameError& e : errors) {
    if (turning_only && !e.turning) continue;
    if (!e.predicted) {
      ++m.missing;
      continue;
    }
    centre.push_back(e.centre_m);
    yaw.push_back(e.yaw_deg);
    bev.push_back(e.bev_iou);
    iou3d.push_back(e.iou_3d);
  }
  m.count = int64_t(centre.size());
  m.mean_centre_m = mean_of(centre);
  m.median_centre_m = median_of(centre);
  m.mean_yaw_deg = mean_of(yaw);
  m.mean_bev_iou = mean_of(bev);
  m.mean_iou_3d = mean_of(iou3d);
  return m;
}

MethodMetrics summarize_method(const std::vector<DroppedFrameError>& errors) {
  return {summarize_errors(errors, false), summarize_errors(errors, true)};
}

std::vector<DroppedFrameError> evaluate_linear(const LabelSet& ground_truth, const KeyframeSelectionOptions& options,
                                               Device device) {
  const KeyframeSplit split = select_keyframes(ground_truth, options);
  return dropped_frame_errors(interpolate_linear(split.keyframes), split.dropped, turning_tracks(ground_truth), device);
}

LabelSet add_keyframe_noise(LabelSet keyframes, const KeyframeNoise& noise) {
  if (noise.centre_sigma_m == 0 && noise.yaw_sigma_deg == 0) return keyframes;
  std::mt19937_64 random(noise.seed);
  auto gaussian = [&] {
    const uint64_t a = random();
    return normal_from_bits(a, random());
  };
  for (CuboidLabel& c : keyframes.boxes) {
    c.box.center.x += noise.centre_sigma_m * gaussian();
    c.box.center.y += noise.centre_sigma_m * gaussian();
    c.box.rotation = Quat<double>::from_yaw(noise.yaw_sigma_deg * 3.14159265358979323846 / 180 * gaussian()) * c.box.rotation;
  }
  return keyframes;
}

PropagationEvaluation evaluate_propagation(const Drive& drive, const LabelSet& ground_truth,
                                           const PropagationEvalOptions& options, const SampleLoader* loader) {
  PropagationEvaluation eval;
  eval.selection = options.selection;
  KeyframeSplit split = select_keyframes(ground_truth, options.selection);
  split.keyframes = add_keyframe_noise(std::move(split.keyframes), options.noise);
  const std::set<std::string> turning = turning_tracks(ground_truth);
  eval.keyframes = int64_t(split.keyframes.boxes.size());
  eval.dropped = int64_t(split.dropped.boxes.size());
  eval.tracks = int64_t(cuboids_by_track(ground_truth, "evaluate_propagation").size());
  eval.turning_tracks.assign(turning.begin(), turning.end());

  PropagationOptions propagation;
  propagation.extend = 0;
  propagation.refine = options.refine;
  propagation.smooth_keys = options.smooth_keys;
  propagation.device = options.device;
  PropagationResult result = propagate_labels(drive, split.keyframes, propagation, options.refine ? loader : nullptr);
  eval.propagation = std::move(result.report);
  eval.fuselabel_errors = dropped_frame_errors(result.labels, split.dropped, turning, options.device);
  eval.linear_errors = dropped_frame_errors(interpolate_linear(split.keyframes), split.dropped, turning, options.device);
  eval.fuselabel = summarize_method(eval.fuselabel_errors);
  eval.linear = summarize_method(eval.linear_errors);
  return eval;
}

}  // namespace fuselabel
