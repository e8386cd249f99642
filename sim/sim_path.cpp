#include "sim/sim_path.h"

#include <algorithm>
#include <cmath>
#include <stdexcept>
#include <string>

namespace fuselabel {
namespace {

constexpr double kPi = 3.141592653589793;

double wrapped_angle(double a) { return std::remainder(a, 2 * kPi); }

}  // namespace

PathPose advance_along_arc(const PathPose& from, double curvature, double u) {
  // Chord of the arc: 2 sin(k u / 2) / k, written so that it tends to u as k -> 0 without the
  // cancellation of sin(a + k u) - sin(a).
  const double half_turn = curvature * u / 2;
  const double chord = std::fabs(half_turn) < 1e-9 ? u : 2 * std::sin(half_turn) / curvature;
  const double mid_yaw = from.yaw + half_turn;
  PathPose out;
  out.position = {from.position.x + chord * std::cos(mid_yaw), from.position.y + chord * std::sin(mid_yaw)};
  out.yaw = from.yaw + curvature * u;
  out.curvature = curvature;
  return out;
}

SimPath::SimPath(Vec2<double> start, double start_yaw) {
  origin_.position = start;
  origin_.yaw = start_yaw;
}

void SimPath::add(double length, double curvature) {
  if (!(length > 0) || !std::isfinite(length) || !std::isfinite(curvature))
    throw std::invalid_argument("SimPath::add: piece length " + std::to_string(length) + " must be positive and finite");
  const PathPose start = pieces_.empty() ? origin_ : advance_along_arc(pieces_.back().start, pieces_.back().curvature, pieces_.back().length);
  pieces_.push_back({length_, length, curvature, {start.position, start.yaw, curvature}});
  length_ += length;
}

void SimPath::append(const SimPath& next) {
  const PathPose here = empty() ? origin_ : end(), there = next.origin_;
  const double gap = std::hypot(here.position.x - there.position.x, here.position.y - there.position.y);
  if (gap > 1e-3 || std::fabs(wrapped_angle(here.yaw - there.yaw)) > 1e-6)
    throw std::invalid_argument("SimPath::append: the next path does not start where this one ends");
  for (const Piece& piece : next.pieces_) add(piece.length, piece.curvature);
}

size_t SimPath::piece_at(double s) const {
  const auto after = std::upper_bound(pieces_.begin(), pieces_.end(), s,
                                      [](double value, const Piece& p) { return value < p.s0; });
  return after == pieces_.begin() ? 0 : static_cast<size_t>(after - pieces_.begin()) - 1;
}

PathPose SimPath::pose_at(double s) const {
  if (pieces_.empty()) return advance_along_arc(origin_, 0.0, s);
  if (s <= 0) {
    PathPose p = advance_along_arc(origin_, 0.0, s);
    p.curvature = s < 0 ? 0.0 : pieces_.front().curvature;
    return p;
  }
  const Piece& piece = pieces_[piece_at(s)];
  const double u = s - piece.s0;
  if (u <= piece.length) return advance_along_arc(piece.start, piece.curvature, u);
  PathPose p = advance_along_arc(piece.start, piece.curvature, piece.length);  // past the end: straight on
  p = advance_along_arc(p, 0.0, u - piece.length);
  return p;
}

SimPath SimPath::offset(double d, double s_from, double s_to) const {
  const bool forward = s_to >= s_from;
  const PathPose at_start = pose_at(s_from);
  const Vec2<double> left = {-std::sin(at_start.yaw), std::cos(at_start.yaw)};
  SimPath out({at_start.position.x + d * left.x, at_start.position.y + d * left.y},
              forward ? at_start.yaw : at_start.yaw + kPi);
  const double lo = std::min(s_from, s_to), hi = std::max(s_from, s_to);
  // Stretches of constant curvature covering [lo, hi], including straight run-outs past the ends.
  struct Stretch {
    double length, curvature;
  };
  std::vector<Stretch> stretches;
  if (lo < 0) stretches.push_back({std::min(hi, 0.0) - lo, 0.0});
  for (const Piece& piece : pieces_) {
    const double a = std::max(lo, piece.s0), b = std::min(hi, piece.s0 + piece.length);
    if (b > a) stretches.push_back({b - a, piece.curvature});
  }
  if (hi > length_) stretches.push_back({hi - std::max(lo, length_), 0.0});
  if (!forward) std::reverse(stretches.begin(), stretches.end());
  for (const Stretch& stretch : stretches) {
    const double shrink = 1 - stretch.curvature * d;
    if (!(shrink > 0))
      throw std::invalid_argument("SimPath::offset: offset " + std::to_string(d) + " m reaches a centre of curvature");
    const double curvature = stretch.curvature / shrink;
    if (stretch.length * shrink > 1e-12) out.add(stretch.length * shrink, forward ? curvature : -curvature);
  }
  return out;
}

double SimPath::offset_length(double d, double s) const {
  double total = 0;
  for (const Piece& piece : pieces_) {
    if (s <= piece.s0) break;
    total += (std::min(s, piece.s0 + piece.length) - piece.s0) * (1 - piece.curvature * d);
  }
  return total;
}

double SimPath::center_length(double d, double s_offset) const {
  double walked = 0;
  for (const Piece& piece : pieces_) {
    const double shrink = 1 - piece.curvature * d;
    const double piece_offset = piece.length * shrink;
    if (s_offset <= walked + piece_offset) return piece.s0 + (s_offset - walked) / shrink;
    walked += piece_offset;
  }
  return length_ + (s_offset - walked);
}

}  // namespace fuselabel
