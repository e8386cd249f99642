#pragma once
// Planar paths made of straight pieces and circular arcs, parametrised by arc length: the road's
// centre line, its lanes, and every actor's route. Poses are closed-form (no numerical
// integration), so a position, heading and curvature at any arc length are exact, and so are
// the velocities derived from them (heading * speed, yaw rate = curvature * speed).
#include <cstddef>
#include <vector>

#include "projection/linalg.h"

namespace fuselabel {

struct PathPose {
  Vec2<double> position = {0, 0};
  double yaw = 0;        // heading of the tangent, radians, counter-clockwise from +x
  double curvature = 0;  // 1/m, positive turning left
};

// A piece of constant curvature starting at arc length s0.
struct SimPathPiece {
  double s0 = 0, length = 0, curvature = 0;
  PathPose start;
};

class SimPath {
 public:
  SimPath() = default;
  SimPath(Vec2<double> start, double start_yaw);

  // Appends a piece of constant curvature (0 = straight). Throws std::invalid_argument for a
  // length that is not positive and finite.
  void add(double length, double curvature);
  // Appends another path that starts where this one ends (within 1 mm and 1e-6 rad).
  void append(const SimPath& next);

  double length() const { return length_; }
  bool empty() const { return pieces_.empty(); }
  // Pose at arc length s; beyond either end the path continues straight along its end tangent.
  PathPose pose_at(double s) const;
  PathPose start() const { return pose_at(0.0); }
  PathPose end() const { return pose_at(length_); }

  // The parallel curve at lateral offset `d` (left positive) of the stretch [s_from, s_to],
  // travelled from s_from to s_to (backwards, heading reversed, when s_to < s_from). An arc of
  // curvature k becomes an arc of curvature k / (1 - k d). Throws std::invalid_argument when
  // the offset reaches a centre of curvature (|k d| >= 1).
  SimPath offset(double d, double s_from, double s_to) const;
  // Arc length along offset(d, 0, s) for centre-line arc length s in [0, length()], and back.
  double offset_length(double d, double s) const;
  double center_length(double d, double s_offset) const;
  const std::vector<SimPathPiece>& pieces() const { return pieces_; }

 private:
  using Piece = SimPathPiece;
  size_t piece_at(double s) const;

  PathPose origin_;
  std::vector<Piece> pieces_;
  double length_ = 0;
};

// Pose reached after travelling `u` along a piece of curvature `curvature` from `from`.
PathPose advance_along_arc(const PathPose& from, double curvature, double u);

}  // namespace fuselabel
