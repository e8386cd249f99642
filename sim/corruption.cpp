#include "sim/corruption.h"

#include <algorithm>
#include <set>

#include "sim/corruption_work.h"
#include "sim/sim_random.h"

namespace fuselabel {
namespace {

// Each type draws from its own stream, so changing how many of one type are asked for does not
// redraw the parameters of another (placements still interact through claimed cells).
SimRandom stream_for(uint64_t seed, CorruptionType type) {
  return SimRandom(derive_seed(seed, 1 + static_cast<uint64_t>(type)));
}

// Errors claiming many cells go first, or single-box errors would leave no room for them.
constexpr CorruptionType kPlacementOrder[] = {
    CorruptionType::IdSwitch, CorruptionType::ClassFlip,  CorruptionType::Missing3D, CorruptionType::BoxShift,
    CorruptionType::BoxLift,  CorruptionType::YawFlip,  CorruptionType::SizeChange, CorruptionType::Missing2D, CorruptionType::Inconsistent2D};

void inject(CorruptionType type, CorruptionWork& work, const CorruptionProfile& profile, SimRandom& rng) {
  switch (type) {
    case CorruptionType::IdSwitch:
      return inject_id_switches(work, profile.id_switch, rng);
    case CorruptionType::ClassFlip:
      return inject_class_flips(work, profile.class_flip, rng);
    case CorruptionType::Missing3D:
      return inject_missing_3d(work, profile.missing_3d, rng);
    case CorruptionType::BoxShift:
      return inject_box_shifts(work, profile.box_shift, rng);
    case CorruptionType::BoxLift:
      return inject_box_lifts(work, profile.box_lift, rng);
    case CorruptionType::YawFlip:
      return inject_yaw_flips(work, profile.yaw_flip, rng);
    case CorruptionType::SizeChange:
      return inject_size_changes(work, profile.size_change, rng);
    case CorruptionType::Missing2D:
      return inject_missing_2d(work, profile.missing_2d, rng);
    case CorruptionType::Inconsistent2D:
      return inject_inconsistent_2d(work, profile.inconsistent_2d, rng);
    case CorruptionType::CameraTimeOffset:
    case CorruptionType::CameraExtrinsic:
    case CorruptionType::RadarExtrinsic:
      return;  // sensor errors: draw_sensor_faults
  }
}

// Errors are placed and named per (track, frame). A label without a track (KITTI object) is
// a track of its own, named by the label's id, while it is corrupted; the result has no track
// on it again.
LabelSet with_own_tracks(const LabelSet& labels, std::set<std::string>& own) {
  LabelSet out = labels;
  for (CuboidLabel& b : out.boxes)
    if (b.track_id.empty() && !b.id.empty()) own.insert(b.track_id = b.id);
  for (ImageBoxLabel& b : out.boxes_2d) {
    if (!b.track_id.empty()) continue;
    b.track_id = b.cuboid_id.empty() ? b.id : b.cuboid_id;
    if (!b.track_id.empty()) own.insert(b.track_id);
  }
  return out;
}

void drop_own_tracks(LabelSet& labels, const std::set<std::string>& own) {
  for (CuboidLabel& b : labels.boxes)
    if (own.count(b.track_id)) b.track_id.clear();
  for (ImageBoxLabel& b : labels.boxes_2d)
    if (own.count(b.track_id)) b.track_id.clear();
}

}  // namespace

CorruptionResult corrupt_labels(const LabelSet& truth_labels, const Drive& drive, const CorruptionProfile& profile,
                                uint64_t seed) {
  std::set<std::string> own_tracks;
  const LabelSet truth = with_own_tracks(truth_labels, own_tracks);
  CorruptionWork work(truth, drive);
  for (const CorruptionType type : kPlacementOrder) {
    SimRandom rng = stream_for(seed, type);
    inject(type, work, profile, rng);
  }
  CorruptionResult result;
  result.labels = work.finish();
  drop_own_tracks(result.labels, own_tracks);
  result.errors = std::move(work.errors);
  std::sort(result.errors.begin(), result.errors.end(), injected_error_less);
  result.shortfalls = std::move(work.shortfalls);
  return result;
}

}  // namespace fuselabel
