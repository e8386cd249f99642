#include "sim/road_surface.h"

#include <cmath>

namespace fuselabel {
namespace {

constexpr double kPi = 3.141592653589793;
constexpr double kLineWidth = 0.15;
constexpr double kDashLength = 3.0, kDashPeriod = 9.0;
constexpr double kEdgeLineInset = 0.1;            // edge lines sit this far inside the carriageway
constexpr double kStripeWidth = 0.5, kStripePeriod = 1.0;  // zebra
constexpr double kStopLineGap = 1.0, kStopLineWidth = 0.5;  // before the zebra
// A projection onto the hinted piece is accepted without looking at the others when the point
// is this close to the centre line (the window's pieces never come this close to each other).
constexpr double kHintRadius = 60.0;
constexpr double kRunOut = 1000.0;  // straight road assumed beyond the generated ends

double positive_fmod(double a, double period) {
  const double r = std::fmod(a, period);
  return r < 0 ? r + period : r;
}

}  // namespace

double lidar_reflectivity(GroundMaterial material) {
  switch (material) {
    case GroundMaterial::Paint:
      return 0.55;
    case GroundMaterial::Concrete:
      return 0.30;
    case GroundMaterial::Grass:
      return 0.40;  // vegetation is bright in the near infrared
    case GroundMaterial::Asphalt:
      break;
  }
  return 0.12;
}

RoadSurface::RoadSurface(const SimRoad& road, double s_lo, double s_hi) : road_(road) {
  auto add = [&](double s0, double length, double curvature, const PathPose& start) {
    Piece p{s0, length, curvature, start, std::cos(start.yaw), std::sin(start.yaw), {0, 0}, 0.0};
    if (curvature != 0) {
      const double r = 1 / curvature;
      p.centre = {start.position.x - r * p.sin_yaw, start.position.y + r * p.cos_yaw};
      p.mid_yaw = std::remainder(start.yaw + curvature * length / 2, 2 * kPi);
    }
    pieces_.push_back(p);
  };
  if (s_lo < 0) add(-kRunOut, kRunOut, 0.0, road.center.pose_at(-kRunOut));
  for (const SimPathPiece& piece : road.center.pieces())
    if (piece.s0 <= s_hi && piece.s0 + piece.length >= s_lo) add(piece.s0, piece.length, piece.curvature, piece.start);
  if (s_hi > road.center.length()) add(road.center.length(), kRunOut, 0.0, road.center.end());
  const double reach = road.sidewalk_outer() + 100.0;
  for (const SimJunction& j : road.junctions)
    if (j.s + reach >= s_lo && j.s - reach <= s_hi) junctions_.push_back(j);
  for (const SimCrosswalk& c : road.crosswalks)
    if (c.s + c.length + 10 >= s_lo && c.s - 10 <= s_hi) crosswalks_.push_back(c);
}

bool RoadSurface::project(int i, double x, double y, RoadCoordinates& rc, double& distance) const {
  const Piece& p = pieces_[i];
  double u;
  if (p.curvature == 0) {
    const double wx = x - p.start.position.x, wy = y - p.start.position.y;
    u = p.cos_yaw * wx + p.sin_yaw * wy;
    rc.d = p.cos_yaw * wy - p.sin_yaw * wx;
  } else {
    const double sign = p.curvature > 0 ? 1.0 : -1.0, radius = std::fabs(1 / p.curvature);
    const double wx = x - p.centre.x, wy = y - p.centre.y;
    // Heading of the tangent at the point's foot on the circle, unwrapped around the piece's
    // middle (both in [-pi, pi], so one turn either way suffices).
    double turn = std::atan2(sign * wx, -sign * wy) - p.mid_yaw;
    if (turn > kPi) turn -= 2 * kPi;
    if (turn < -kPi) turn += 2 * kPi;
    u = turn / p.curvature + p.length / 2;
    rc.d = sign * (radius - std::sqrt(wx * wx + wy * wy));
  }
  rc.s = p.s0 + u;
  if (u >= 0 && u <= p.length) {
    distance = std::fabs(rc.d);
    return true;
  }
  const double end = u < 0 ? 0.0 : p.length;
  const PathPose foot = advance_along_arc(p.start, p.curvature, end);
  const double fx = x - foot.position.x, fy = y - foot.position.y;
  distance = std::sqrt(fx * fx + fy * fy);
  return false;
}

RoadCoordinates RoadSurface::coordinates(double x, double y, int& hint) const {
  RoadCoordinates rc, best_rc;
  double distance, best = INFINITY;
  const int n = static_cast<int>(pieces_.size());
  if (hint >= 0 && hint < n && project(hint, x, y, rc, distance) && distance < kHintRadius) return rc;
  bool best_is_foot = false;
  for (int i = 0; i < n; ++i) {
    const bool foot = project(i, x, y, rc, distance);
    // A perpendicular foot beats an end point; among equals the nearer wins.
    if ((foot && !best_is_foot) || (foot == best_is_foot && distance < best)) {
      best = distance, best_rc = rc, best_is_foot = foot, hint = i;
    }
  }
  return best_rc;
}

GroundMaterial RoadSurface::material_at(double x, double y, int& hint) const {
  return material(coordinates(x, y, hint));
}

bool RoadSurface::on_side_road(RoadCoordinates rc) const {
  for (const SimJunction& j : junctions_) {
    const double along = rc.s - j.s, out = j.side * rc.d;
    if (std::fabs(along) <= j.width / 2 && out >= road_.carriageway_half_width() &&
        out <= road_.sidewalk_outer() + j.length)
      return true;
  }
  return false;
}

bool RoadSurface::on_crosswalk_paint(RoadCoordinates rc) const {
  const double half = road_.carriageway_half_width();
  for (const SimCrosswalk& c : crosswalks_) {
    if (rc.s >= c.s && rc.s <= c.s + c.length && std::fabs(rc.d) <= road_.sidewalk_inner())
      return positive_fmod(rc.d, kStripePeriod) < kStripeWidth;
    const double before = c.s - kStopLineGap, after = c.s + c.length + kStopLineGap;
    if (rc.d <= 0 && rc.d >= -half && rc.s <= before && rc.s >= before - kStopLineWidth) return true;
    if (rc.d >= 0 && rc.d <= half && rc.s >= after && rc.s <= after + kStopLineWidth) return true;
  }
  return false;
}

bool RoadSurface::on_lane_line(RoadCoordinates rc) const {
  const double w = road_.layout.lane_width, half = road_.carriageway_half_width(), a = std::fabs(rc.d);
  if (a <= kLineWidth / 2) return true;  // solid centre line
  const double edge = half - kEdgeLineInset;
  if (a <= edge && a >= edge - kLineWidth) {
    for (const SimJunction& j : junctions_)  // the edge line opens at a side road's mouth
      if (std::fabs(rc.s - j.s) <= j.width / 2 && j.side * rc.d > 0) return false;
    return true;
  }
  for (int k = 1; k < road_.layout.lanes_per_direction; ++k)
    if (std::fabs(a - k * w) <= kLineWidth / 2) return positive_fmod(rc.s, kDashPeriod) < kDashLength;
  return false;
}

GroundMaterial RoadSurface::material(RoadCoordinates rc) const {
  const double a = std::fabs(rc.d);
  if (a <= road_.sidewalk_inner() && on_crosswalk_paint(rc)) return GroundMaterial::Paint;
  if (a <= road_.carriageway_half_width()) return on_lane_line(rc) ? GroundMaterial::Paint : GroundMaterial::Asphalt;
  if (on_side_road(rc)) return GroundMaterial::Asphalt;
  if (a <= road_.sidewalk_inner()) return GroundMaterial::Asphalt;
  if (a <= road_.sidewalk_outer()) return GroundMaterial::Concrete;
  return GroundMaterial::Grass;
}

}  // namespace fuselabel
