#include "sim/corruption_work.h"

#include <algorithm>
#include <cmath>
#include <stdexcept>

namespace fuselabel {

LidarFrameClock::LidarFrameClock(const Drive& drive) {
  for (const DriveFrame& frame : drive.frames) stamps_.push_back(frame.timestamp_us);
  if (stamps_.empty()) throw std::invalid_argument("drive '" + drive.name + "' has no frames");
}

int64_t LidarFrameClock::timestamp(int64_t frame) const {
  return stamps_[static_cast<size_t>(std::clamp<int64_t>(frame, 0, frame_count() - 1))];
}

int64_t LidarFrameClock::frame_at(int64_t timestamp_us) const {
  const auto after = std::lower_bound(stamps_.begin(), stamps_.end(), timestamp_us);
  if (after == stamps_.begin()) return 0;
  if (after == stamps_.end()) return frame_count() - 1;
  const auto before = after - 1;
  const auto nearest = (timestamp_us - *before <= *after - timestamp_us) ? before : after;
  return nearest - stamps_.begin();
}

CorruptionWork::CorruptionWork(const LabelSet& truth_labels, const Drive& drive_in)
    : truth(truth_labels), drive(drive_in), clock(drive_in), labels(truth_labels) {
  removed_3d.assign(truth.boxes.size(), false);
  removed_2d.assign(truth.boxes_2d.size(), false);
  for (size_t i = 0; i < truth.boxes.size(); ++i) {
    const CuboidLabel& box = truth.boxes[i];
    box_at[{box.track_id, box.frame}] = i;
    track_boxes[box.track_id].push_back(i);
  }
  for (auto& [track, indices] : track_boxes)
    std::stable_sort(indices.begin(), indices.end(),
                     [&](size_t a, size_t b) { return truth.boxes[a].frame < truth.boxes[b].frame; });
  frame_2d.reserve(truth.boxes_2d.size());
  for (size_t i = 0; i < truth.boxes_2d.size(); ++i) {
    const ImageBoxLabel& box = truth.boxes_2d[i];
    frame_2d.push_back(box.frame >= 0 ? box.frame : clock.frame_at(box.timestamp_us));
    boxes_2d_at[{box.track_id, frame_2d.back()}].push_back(i);
  }
}

bool CorruptionWork::is_free(const std::string& track, int64_t frame) const {
  const auto from = claimed_from_.find(track);
  if (from != claimed_from_.end() && frame >= from->second) return false;
  return claimed_.count({track, frame}) == 0;
}

bool CorruptionWork::is_free_from(const std::string& track, int64_t frame) const {
  if (claimed_from_.count(track)) return false;  // a claim that runs to the end meets every later one
  const auto first_at_or_after = claimed_.lower_bound({track, frame});
  return first_at_or_after == claimed_.end() || first_at_or_after->first != track;
}

void CorruptionWork::claim(const std::string& track, int64_t frame) { claimed_.insert({track, frame}); }

void CorruptionWork::claim_from(const std::string& track, int64_t frame) {
  const auto [it, inserted] = claimed_from_.insert({track, frame});
  if (!inserted) it->second = std::min(it->second, frame);
}

InjectedError CorruptionWork::error_at_box(CorruptionType type, size_t box) const {
  InjectedError error;
  error.type = type;
  error.track = truth.boxes[box].track_id;
  error.frame = truth.boxes[box].frame;
  error.timestamp_us = truth.boxes[box].timestamp_us;
  return error;
}

InjectedError CorruptionWork::error_at_box_2d(CorruptionType type, size_t box_2d) const {
  InjectedError error;
  error.type = type;
  error.track = truth.boxes_2d[box_2d].track_id;
  error.frame = frame_2d[box_2d];
  error.timestamp_us = truth.boxes_2d[box_2d].timestamp_us;
  error.sensor = truth.boxes_2d[box_2d].camera;
  return error;
}

LabelSet CorruptionWork::finish() const {
  LabelSet out;
  out.taxonomy = labels.taxonomy;
  out.tracks = labels.tracks;
  for (size_t i = 0; i < labels.boxes.size(); ++i)
    if (!removed_3d[i]) out.boxes.push_back(labels.boxes[i]);
  for (size_t i = 0; i < labels.boxes_2d.size(); ++i)
    if (!removed_2d[i]) out.boxes_2d.push_back(labels.boxes_2d[i]);
  // ID switches change track ids, so the (frame, track) order has to be restored.
  std::stable_sort(out.boxes.begin(), out.boxes.end(), [](const CuboidLabel& a, const CuboidLabel& b) {
    return a.frame != b.frame ? a.frame < b.frame : a.track_id < b.track_id;
  });
  std::stable_sort(out.boxes_2d.begin(), out.boxes_2d.end(), [](const ImageBoxLabel& a, const ImageBoxLabel& b) {
    if (a.timestamp_us != b.timestamp_us) return a.timestamp_us < b.timestamp_us;
    return a.camera != b.camera ? a.camera < b.camera : a.track_id < b.track_id;
  });
  return out;
}

int64_t place_in_random_order(size_t count, int64_t planned, SimRandom& rng,
                              const std::function<bool(size_t)>& try_place) {
  if (planned <= 0) return 0;
  std::vector<size_t> order(count);
  for (size_t i = 0; i < count; ++i) order[i] = i;
  for (size_t i = count; i > 1; --i)
    std::swap(order[i - 1], order[static_cast<size_t>(rng.index(static_cast<int>(i)))]);
  int64_t placed = 0;
  for (size_t i = 0; i < count && placed < planned; ++i)
    if (try_place(order[i])) ++placed;
  return placed;
}

void place_errors(CorruptionWork& work, CorruptionType type, int64_t planned, size_t count, SimRandom& rng,
                  const std::function<bool(size_t)>& try_place) {
  const int64_t placed = place_in_random_order(count, planned, rng, try_place);
  if (placed < planned)
    work.shortfalls.push_back(std::string(corruption_type_name(type)) + ": " + std::to_string(placed) + " of " +
                              std::to_string(planned) + " placed");
}

int64_t draw_int(SimRandom& rng, IntRange range) {
  const double span = static_cast<double>(range.max - range.min) + 1.0;
  const auto offset = static_cast<int64_t>(std::floor(rng.uniform(0.0, span)));
  return range.min + std::min(offset, range.max - range.min);
}

}  // namespace fuselabel
