// Errors of single 3D boxes: shift, lift, yaw flip, size change, and the box of a visible object
// missing. Each claims the box's (track, frame) cell.
#include <cmath>

#include "sim/corruption_work.h"

namespace fuselabel {
namespace {

constexpr double kPi = 3.141592653589793;

// Places one error per chosen truth box; `corrupt` edits the box (or marks it removed) and
// records the drawn parameters.
void inject_per_box(CorruptionWork& work, CorruptionType type, const ErrorAmount& amount,
                    const std::vector<size_t>& eligible, SimRandom& rng,
                    const std::function<void(size_t box, InjectedError& error)>& corrupt) {
  const auto planned = amount.planned(static_cast<int64_t>(eligible.size()));
  place_errors(work, type, planned, eligible.size(), rng, [&](size_t candidate) {
    const size_t box = eligible[candidate];
    const CuboidLabel& truth_box = work.truth.boxes[box];
    if (!work.is_free(truth_box.track_id, truth_box.frame)) return false;
    work.claim(truth_box.track_id, truth_box.frame);
    InjectedError error = work.error_at_box(type, box);
    corrupt(box, error);
    work.errors.push_back(std::move(error));
    return true;
  });
}

std::vector<size_t> all_boxes(const CorruptionWork& work) {
  std::vector<size_t> boxes(work.truth.boxes.size());
  for (size_t i = 0; i < boxes.size(); ++i) boxes[i] = i;
  return boxes;
}

}  // namespace

void inject_box_shifts(CorruptionWork& work, const BoxShiftSpec& spec, SimRandom& rng) {
  inject_per_box(work, CorruptionType::BoxShift, spec.amount, all_boxes(work), rng, [&](size_t box, InjectedError& e) {
    const double distance = rng.uniform(spec.distance_m.min, spec.distance_m.max);
    const double direction = rng.uniform(-kPi, kPi);
    const double dx = distance * std::cos(direction), dy = distance * std::sin(direction);
    work.labels.boxes[box].box.center.x += dx;
    work.labels.boxes[box].box.center.y += dy;
    e.parameters = {{"distance_m", distance}, {"direction_rad", direction}, {"dx_m", dx}, {"dy_m", dy}};
  });
}

void inject_box_lifts(CorruptionWork& work, const BoxLiftSpec& spec, SimRandom& rng) {
  inject_per_box(work, CorruptionType::BoxLift, spec.amount, all_boxes(work), rng, [&](size_t box, InjectedError& e) {
    const double distance = rng.uniform(spec.distance_m.min, spec.distance_m.max);
    const double dz = rng.chance(0.5) ? distance : -distance;
    work.labels.boxes[box].box.center.z += dz;
    e.parameters = {{"dz_m", dz}};
  });
}

void inject_yaw_flips(CorruptionWork& work, const YawFlipSpec& spec, SimRandom& rng) {
  inject_per_box(work, CorruptionType::YawFlip, spec.amount, all_boxes(work), rng, [&](size_t box, InjectedError& e) {
    // About the box's own z axis (right-multiplied), so a pitched or rolled box stays so.
    Quat<double>& rotation = work.labels.boxes[box].box.rotation;
    rotation = (rotation * Quat<double>::from_yaw(kPi)).normalized();
    e.parameters = {{"angle_rad", kPi}};
  });
}

void inject_size_changes(CorruptionWork& work, const SizeChangeSpec& spec, SimRandom& rng) {
  inject_per_box(work, CorruptionType::SizeChange, spec.amount, all_boxes(work), rng,
                 [&](size_t box, InjectedError& e) {
                   const double factor = rng.uniform(spec.factor.min, spec.factor.max);
                   const double scale = rng.chance(0.5) ? factor : 1.0 / factor;
                   Vec3<double>& size = work.labels.boxes[box].box.size;
                   size = scale * size;
                   e.parameters = {{"scale", scale}};
                 });
}

void inject_missing_3d(CorruptionWork& work, const Missing3DSpec& spec, SimRandom& rng) {
  // Visible: the track has a 2D box in some camera at this LiDAR frame. Those 2D boxes stay,
  // which is what makes the missing cuboid detectable.
  std::vector<size_t> visible;
  for (size_t i = 0; i < work.truth.boxes.size(); ++i)
    if (work.boxes_2d_at.count({work.truth.boxes[i].track_id, work.truth.boxes[i].frame})) visible.push_back(i);
  inject_per_box(work, CorruptionType::Missing3D, spec.amount, visible, rng, [&](size_t box, InjectedError& e) {
    work.removed_3d[box] = true;
    const auto& seen_by = work.boxes_2d_at.at({work.truth.boxes[box].track_id, work.truth.boxes[box].frame});
    e.parameters = {{"boxes_2d", static_cast<double>(seen_by.size())}};
  });
}

}  // namespace fuselabel
