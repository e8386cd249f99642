#include "sim/occupancy.h"

#include <algorithm>
#include <cmath>

namespace fuselabel {
namespace {

Cuboidd footprint_box(double x, double y, double yaw, double half_length, double half_width) {
  return {{x, y, 0}, {2 * half_length, 2 * half_width, 1}, Quat<double>::from_yaw(yaw)};
}

}  // namespace

OccupancyChecker::OccupancyChecker(double t_lo, double t_hi, double step)
    : t_lo_(t_lo), step_(step), steps_(static_cast<int>(std::ceil((t_hi - t_lo) / step)) + 1) {}

void OccupancyChecker::finish(Body& body) const {
  body.x_lo = body.y_lo = INFINITY;
  body.x_hi = body.y_hi = -INFINITY;
  for (const Footprint& f : body.samples) {
    body.x_lo = std::min(body.x_lo, f.x), body.x_hi = std::max(body.x_hi, f.x);
    body.y_lo = std::min(body.y_lo, f.y), body.y_hi = std::max(body.y_hi, f.y);
  }
}

OccupancyChecker::Body OccupancyChecker::sample(const SimDriveActor& actor) const {
  Body body;
  body.half_length = actor.size.x / 2, body.half_width = actor.size.y / 2;
  auto footprint = [&](double t) {
    const SimBodyState s = actor_state(actor, t);
    return Footprint{s.box.center.x, s.box.center.y, 2 * std::atan2(s.box.rotation.z, s.box.rotation.w)};
  };
  if (!actor.moves()) {
    body.samples.push_back(footprint(0.0));
  } else {
    const double t_first = std::max(actor.t_begin, t_lo_);
    body.k0 = std::max(0, static_cast<int>(std::ceil((t_first - t_lo_) / step_)));
    for (int k = body.k0; k < steps_; ++k) {
      const double t = t_lo_ + k * step_;
      if (t > actor.t_end) break;
      body.samples.push_back(footprint(t));
    }
  }
  finish(body);
  return body;
}

OccupancyChecker::Body OccupancyChecker::sample_ego(const SimEgo& ego) const {
  Body body;
  body.half_length = ego.box_in_ego.size.x / 2, body.half_width = ego.box_in_ego.size.y / 2;
  for (int k = 0; k < steps_; ++k) {
    const Transform3d T = ego.state(t_lo_ + k * step_).T_world_ego;
    const Vec3<double> c = T * ego.box_in_ego.center;
    body.samples.push_back({c.x, c.y, std::atan2(T.R(1, 0), T.R(0, 0))});
  }
  finish(body);
  return body;
}

bool OccupancyChecker::overlap(const Body& a, const Footprint& fa, const Body& b, const Footprint& fb,
                               double clearance) {
  const double reach = std::hypot(a.half_length, a.half_width) + std::hypot(b.half_length, b.half_width) + clearance;
  const double dx = fa.x - fb.x, dy = fa.y - fb.y;
  if (dx * dx + dy * dy > reach * reach) return false;
  return footprints_overlap(footprint_box(fa.x, fa.y, fa.yaw, a.half_length, a.half_width),
                            footprint_box(fb.x, fb.y, fb.yaw, b.half_length, b.half_width), clearance);
}

void OccupancyChecker::add_ego(const SimEgo& ego) { moving_.push_back(sample_ego(ego)); }

void OccupancyChecker::add(const SimDriveActor& actor) {
  Body body = sample(actor);
  if (body.samples.empty()) return;  // never within the checked span
  (actor.moves() ? moving_ : standing_).push_back(std::move(body));
}

bool OccupancyChecker::conflicts(const SimDriveActor& actor, double clearance) const {
  const Body candidate = sample(actor);
  if (candidate.samples.empty()) return false;
  const double pad = std::hypot(candidate.half_length, candidate.half_width) + clearance + 30.0;  // largest body: a bus
  auto boxes_apart = [&](const Body& other) {
    return other.x_lo > candidate.x_hi + pad || other.x_hi < candidate.x_lo - pad || other.y_lo > candidate.y_hi + pad ||
           other.y_hi < candidate.y_lo - pad;
  };
  for (const Body& other : standing_) {
    if (boxes_apart(other)) continue;
    for (const Footprint& f : candidate.samples)
      if (overlap(candidate, f, other, other.samples[0], clearance)) return true;
  }
  const bool candidate_stands = !actor.moves();
  for (const Body& other : moving_) {
    if (boxes_apart(other)) continue;
    if (candidate_stands) {
      for (const Footprint& f : other.samples)
        if (overlap(candidate, candidate.samples[0], other, f, clearance)) return true;
      continue;
    }
    const int k_lo = std::max(candidate.k0, other.k0);
    const int k_hi = std::min(candidate.k0 + static_cast<int>(candidate.samples.size()),
                              other.k0 + static_cast<int>(other.samples.size()));
    for (int k = k_lo; k < k_hi; ++k)
      if (overlap(candidate, candidate.samples[k - candidate.k0], other, other.samples[k - other.k0], clearance)) return true;
  }
  return false;
}

}  // namespace fuselabel
