// Errors that span frames of a track: a class flip over a run of its boxes, and an ID switch
// between two tracks from one frame to the end of the drive.
#include <algorithm>
#include <cmath>
#include <map>

#include "sim/corruption_work.h"

namespace fuselabel {
namespace {

std::string effective_class(const CuboidLabel& box, const std::map<std::string, std::string>& track_class) {
  if (!box.class_name.empty()) return box.class_name;
  const auto it = track_class.find(box.track_id);
  return it == track_class.end() ? std::string() : it->second;
}

// Positions in `boxes` where a run of `length` boxes starts with every cell free and one class.
std::vector<size_t> free_run_starts(const CorruptionWork& work, const std::vector<size_t>& boxes, size_t length,
                                    const std::map<std::string, std::string>& track_class) {
  std::vector<size_t> starts;
  for (size_t start = 0; start + length <= boxes.size(); ++start) {
    const std::string from = effective_class(work.truth.boxes[boxes[start]], track_class);
    bool usable = true;
    for (size_t k = start; k < start + length && usable; ++k) {
      const CuboidLabel& box = work.truth.boxes[boxes[k]];
      usable = work.is_free(box.track_id, box.frame) && effective_class(box, track_class) == from;
    }
    if (usable) starts.push_back(start);
  }
  return starts;
}

}  // namespace

void inject_class_flips(CorruptionWork& work, const ClassFlipSpec& spec, SimRandom& rng) {
  std::map<std::string, std::string> track_class;
  for (const Track& track : work.truth.tracks) track_class[track.track_id] = track.class_name;
  // One run per track at most; a track needs a box that keeps its class, so two or more boxes.
  std::vector<const std::vector<size_t>*> tracks;
  for (const auto& [track, boxes] : work.track_boxes)
    if (boxes.size() >= 2) tracks.push_back(&boxes);
  const auto planned = spec.amount.planned(static_cast<int64_t>(tracks.size()));
  place_errors(work, CorruptionType::ClassFlip, planned, tracks.size(), rng, [&](size_t candidate) {
    const std::vector<size_t>& boxes = *tracks[candidate];
    const int64_t longest = static_cast<int64_t>(boxes.size()) - 1;
    if (spec.run_frames.min > longest) return false;
    const auto length =
        static_cast<size_t>(draw_int(rng, {spec.run_frames.min, std::min(spec.run_frames.max, longest)}));
    const std::vector<size_t> starts = free_run_starts(work, boxes, length, track_class);
    if (starts.empty()) return false;
    const size_t start = starts[static_cast<size_t>(rng.index(static_cast<int>(starts.size())))];
    const std::string from = effective_class(work.truth.boxes[boxes[start]], track_class);
    std::vector<std::string> targets;
    for (const std::string& name : spec.classes)
      if (name != from) targets.push_back(name);
    if (targets.empty()) return false;
    const std::string to = targets[static_cast<size_t>(rng.index(static_cast<int>(targets.size())))];
    for (size_t k = start; k < start + length; ++k) {
      work.labels.boxes[boxes[k]].class_name = to;
      work.claim(work.truth.boxes[boxes[k]].track_id, work.truth.boxes[boxes[k]].frame);
    }
    InjectedError error = work.error_at_box(CorruptionType::ClassFlip, boxes[start]);
    error.parameters = {{"frames", static_cast<double>(length)},
                        {"last_frame", static_cast<double>(work.truth.boxes[boxes[start + length - 1]].frame)}};
    error.text_parameters = {{"from", from}, {"to", to}};
    work.errors.push_back(std::move(error));
    return true;
  });
}

void inject_id_switches(CorruptionWork& work, const IdSwitchSpec& spec, SimRandom& rng) {
  // Candidates: two boxes at one frame F whose tracks were both labelled at F - 1 too, so the
  // switch happens between two labelled frames of each track.
  std::vector<std::pair<size_t, size_t>> pairs;
  const auto& boxes = work.truth.boxes;
  std::map<int64_t, std::vector<size_t>> continuing;
  for (size_t i = 0; i < boxes.size(); ++i)
    if (work.box_at.count({boxes[i].track_id, boxes[i].frame - 1})) continuing[boxes[i].frame].push_back(i);
  for (const auto& [frame, at_frame] : continuing)
    for (size_t a = 0; a < at_frame.size(); ++a)
      for (size_t b = a + 1; b < at_frame.size(); ++b) {
        const Vec3<double> d = boxes[at_frame[a]].box.center - boxes[at_frame[b]].box.center;
        if (!spec.max_distance_m || std::hypot(d.x, d.y) <= *spec.max_distance_m)
          pairs.push_back({at_frame[a], at_frame[b]});
      }
  // A rate counts tracks: candidate pairs grow with the square of the tracks.
  const auto planned = spec.amount.planned(static_cast<int64_t>(work.track_boxes.size()));
  place_errors(work, CorruptionType::IdSwitch, planned, pairs.size(), rng, [&](size_t candidate) {
    const CuboidLabel& first = boxes[pairs[candidate].first];
    const CuboidLabel& second = boxes[pairs[candidate].second];
    const std::string a = first.track_id, b = second.track_id;
    const int64_t frame = first.frame;
    // The frame before the switch is claimed too: the jump between F - 1 and F is the evidence.
    if (!work.is_free_from(a, frame - 1) || !work.is_free_from(b, frame - 1)) return false;
    work.claim_from(a, frame - 1);
    work.claim_from(b, frame - 1);
    for (size_t i = 0; i < boxes.size(); ++i)
      if (boxes[i].frame >= frame && (boxes[i].track_id == a || boxes[i].track_id == b))
        work.labels.boxes[i].track_id = boxes[i].track_id == a ? b : a;
    for (size_t i = 0; i < work.truth.boxes_2d.size(); ++i) {
      const std::string& track = work.truth.boxes_2d[i].track_id;
      if (work.frame_2d[i] >= frame && (track == a || track == b))
        work.labels.boxes_2d[i].track_id = track == a ? b : a;
    }
    InjectedError error = work.error_at_box(CorruptionType::IdSwitch, pairs[candidate].first);
    error.second_track = b;
    const Vec3<double> d = first.box.center - second.box.center;
    error.parameters = {{"distance_m", std::hypot(d.x, d.y)}};
    work.errors.push_back(std::move(error));
    return true;
  });
}

}  // namespace fuselabel
