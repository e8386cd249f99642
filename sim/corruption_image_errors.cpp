// Errors of single 2D boxes: removed, or moved and scaled until it no longer matches its
// object. Each claims the (track, LiDAR frame) cell of the 2D box.
#include <algorithm>
#include <cmath>
#include <optional>

#include "sim/corruption_work.h"

namespace fuselabel {
namespace {

constexpr double kPi = 3.141592653589793;
// Draws of (scale, direction, IoU) tried per box before it is left alone: a box near the
// image border fits only some directions.
constexpr int kDrawsPerBox = 8;

Box2<double> scaled_and_moved(const Box2<double>& box, double scale, double dx, double dy) {
  const double cx = (box.x1 + box.x2) / 2 + dx, cy = (box.y1 + box.y2) / 2 + dy;
  const double half_w = scale * (box.x2 - box.x1) / 2, half_h = scale * (box.y2 - box.y1) / 2;
  return {cx - half_w, cy - half_h, cx + half_w, cy + half_h};
}

// Distance along (c, s) from the concentric position at which the scaled box stops touching
// the original: the overlap of each axis only shrinks along the way, so IoU falls monotonically.
double separation_distance(const Box2<double>& box, double scale, double c, double s) {
  const double reach_x = (1 + scale) * (box.x2 - box.x1) / 2, reach_y = (1 + scale) * (box.y2 - box.y1) / 2;
  double distance = HUGE_VAL;
  if (std::abs(c) > 1e-12) distance = std::min(distance, reach_x / std::abs(c));
  if (std::abs(s) > 1e-12) distance = std::min(distance, reach_y / std::abs(s));
  return distance;
}

struct Displacement {
  Box2<double> box;
  double dx = 0, dy = 0;
};

// The nearest displacement along `direction` with IoU(result, box) <= target_iou (bisection).
Displacement displace_to_iou(const Box2<double>& box, double scale, double direction, double target_iou) {
  const double c = std::cos(direction), s = std::sin(direction);
  const auto at = [&](double t) { return Displacement{scaled_and_moved(box, scale, t * c, t * s), t * c, t * s}; };
  if (box_iou(at(0).box, box) <= target_iou) return at(0);
  double lo = 0, hi = separation_distance(box, scale, c, s);
  for (int i = 0; i < 60; ++i) {
    const double mid = (lo + hi) / 2;
    if (box_iou(at(mid).box, box) <= target_iou)
      hi = mid;
    else
      lo = mid;
  }
  return at(hi);
}

std::optional<Box2<double>> image_bounds(const Drive& drive, const std::string& camera) {
  const Sensor* sensor = drive.rigs.empty() ? nullptr : drive.rigs.front().find(camera);
  if (sensor && sensor->camera && sensor->camera->width > 0 && sensor->camera->height > 0)
    return Box2<double>{0, 0, double(sensor->camera->width - 1), double(sensor->camera->height - 1)};
  return std::nullopt;
}

bool inside(const Box2<double>& box, const std::optional<Box2<double>>& bounds) {
  return !bounds || (box.x1 >= bounds->x1 && box.y1 >= bounds->y1 && box.x2 <= bounds->x2 && box.y2 <= bounds->y2);
}

void inject_per_box_2d(CorruptionWork& work, CorruptionType type, const ErrorAmount& amount, SimRandom& rng,
                       const std::function<bool(size_t box_2d, InjectedError& error)>& corrupt) {
  // KITTI's DontCare regions are not objects: no check could tell a moved region from another.
  const auto is_object = [&](size_t box_2d) { return work.truth.class_of(work.truth.boxes_2d[box_2d]) != "DontCare"; };
  int64_t eligible = 0;
  for (size_t b = 0; b < work.truth.boxes_2d.size(); ++b) eligible += is_object(b);
  const auto planned = amount.planned(eligible);
  place_errors(work, type, planned, work.truth.boxes_2d.size(), rng, [&](size_t box_2d) {
    if (!is_object(box_2d)) return false;
    const std::string& track = work.truth.boxes_2d[box_2d].track_id;
    if (!work.is_free(track, work.frame_2d[box_2d])) return false;
    InjectedError error = work.error_at_box_2d(type, box_2d);
    if (!corrupt(box_2d, error)) return false;
    work.claim(track, work.frame_2d[box_2d]);
    work.errors.push_back(std::move(error));
    return true;
  });
}

}  // namespace

void inject_missing_2d(CorruptionWork& work, const Missing2DSpec& spec, SimRandom& rng) {
  inject_per_box_2d(work, CorruptionType::Missing2D, spec.amount, rng, [&](size_t box_2d, InjectedError&) {
    work.removed_2d[box_2d] = true;
    return true;
  });
}

void inject_inconsistent_2d(CorruptionWork& work, const Inconsistent2DSpec& spec, SimRandom& rng) {
  inject_per_box_2d(work, CorruptionType::Inconsistent2D, spec.amount, rng, [&](size_t box_2d, InjectedError& e) {
    const Box2<double>& truth_box = work.truth.boxes_2d[box_2d].box;
    if (box_area(truth_box) <= 0) return false;
    const auto bounds = image_bounds(work.drive, work.truth.boxes_2d[box_2d].camera);
    for (int draw = 0; draw < kDrawsPerBox; ++draw) {
      const double scale = rng.uniform(spec.scale.min, spec.scale.max);
      const double direction = rng.uniform(-kPi, kPi);
      const double target_iou = rng.uniform(0.0, spec.max_iou);
      const Displacement moved = displace_to_iou(truth_box, scale, direction, target_iou);
      const double iou = box_iou(moved.box, truth_box);
      if (iou >= spec.max_iou || !inside(moved.box, bounds)) continue;
      work.labels.boxes_2d[box_2d].box = moved.box;
      e.parameters = {{"iou", iou}, {"scale", scale}, {"dx_px", moved.dx}, {"dy_px", moved.dy}};
      return true;
    }
    return false;
  });
}

}  // namespace fuselabel
