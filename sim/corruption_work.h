#pragma once
// Internal to corrupt_labels: the label set being corrupted, which (track, LiDAR frame) cells
// already carry an error, and the placement loop every label-error type shares.
#include <cstdint>
#include <functional>
#include <map>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include "sim/corruption_errors.h"
#include "sim/corruption_profile.h"
#include "sim/sim_random.h"
#include "model/drive.h"

namespace fuselabel {

// The drive's frames. 2D boxes the format does not place in a frame, and sensor errors, are
// located by the frame nearest in time.
class LidarFrameClock {
 public:
  // Throws std::invalid_argument when the drive has no frames.
  explicit LidarFrameClock(const Drive& drive);
  int64_t frame_count() const { return static_cast<int64_t>(stamps_.size()); }
  int64_t timestamp(int64_t frame) const;        // frame clamped into the drive
  int64_t frame_at(int64_t timestamp_us) const;  // nearest; ties go to the earlier frame

 private:
  std::vector<int64_t> stamps_;
};

using TrackFrame = std::pair<std::string, int64_t>;

// Boxes are addressed by their index in the truth label set, which the corrupted copy keeps
// until finish(): edits happen in place, removals are marked.
struct CorruptionWork {
  CorruptionWork(const LabelSet& truth, const Drive& drive);

  const LabelSet& truth;
  const Drive& drive;
  LidarFrameClock clock;
  LabelSet labels;
  std::vector<int64_t> frame_2d;  // LiDAR frame of each 2D box
  std::vector<bool> removed_3d, removed_2d;
  std::map<TrackFrame, size_t> box_at;
  std::map<TrackFrame, std::vector<size_t>> boxes_2d_at;
  std::map<std::string, std::vector<size_t>> track_boxes;  // each track's boxes in frame order
  std::vector<InjectedError> errors;
  std::vector<std::string> shortfalls;

  bool is_free(const std::string& track, int64_t frame) const;
  bool is_free_from(const std::string& track, int64_t frame) const;  // this frame and all later
  void claim(const std::string& track, int64_t frame);
  void claim_from(const std::string& track, int64_t frame);

  // An error record located at a truth box: track, frame and timestamp filled in.
  InjectedError error_at_box(CorruptionType type, size_t box) const;
  InjectedError error_at_box_2d(CorruptionType type, size_t box_2d) const;

  // The corrupted label set: removed boxes dropped, both lists sorted as LabelSet requires.
  LabelSet finish() const;

 private:
  std::set<TrackFrame> claimed_;
  std::map<std::string, int64_t> claimed_from_;
};

// Tries the candidates 0..count-1 in a seeded random order until `planned` are placed;
// try_place returns false for a candidate it cannot use (cells taken, no valid draw). Returns
// how many were placed.
int64_t place_in_random_order(size_t count, int64_t planned, SimRandom& rng,
                              const std::function<bool(size_t)>& try_place);

// place_in_random_order for `planned` label errors; a shortfall is recorded in work.shortfalls.
void place_errors(CorruptionWork& work, CorruptionType type, int64_t planned, size_t count, SimRandom& rng,
                  const std::function<bool(size_t)>& try_place);

// Uniform integer in [range.min, range.max].
int64_t draw_int(SimRandom& rng, IntRange range);

void inject_id_switches(CorruptionWork& work, const IdSwitchSpec& spec, SimRandom& rng);
void inject_class_flips(CorruptionWork& work, const ClassFlipSpec& spec, SimRandom& rng);
void inject_missing_3d(CorruptionWork& work, const Missing3DSpec& spec, SimRandom& rng);
void inject_box_shifts(CorruptionWork& work, const BoxShiftSpec& spec, SimRandom& rng);
void inject_box_lifts(CorruptionWork& work, const BoxLiftSpec& spec, SimRandom& rng);
void inject_yaw_flips(CorruptionWork& work, const YawFlipSpec& spec, SimRandom& rng);
void inject_size_changes(CorruptionWork& work, const SizeChangeSpec& spec, SimRandom& rng);
void inject_missing_2d(CorruptionWork& work, const Missing2DSpec& spec, SimRandom& rng);
void inject_inconsistent_2d(CorruptionWork& work, const Inconsistent2DSpec& spec, SimRandom& rng);

}  // namespace fuselabel
