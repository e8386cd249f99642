#pragma once
// A cubic spline through samples (t_i, y_i), t strictly increasing: C2 through every sample,
// so a track's whole set of keyframes shapes each stretch (not only the two keyframes around
// it), with parabolic-runout ends (the first and last pieces keep a constant second
// derivative). Unlike a natural spline's zero end curvature it follows a turn or a braking car
// up to its last keyframe, and it reproduces any parabola exactly; unlike not-a-knot ends it
// does not extrapolate the end keyframes' noise into a third derivative (on KITTI tracking's
// labels not-a-knot ends were 6% worse; docs/QUALITY.md). Three samples: the parabola; two:
// the line; one: a constant.
#include <cstddef>
#include <vector>

namespace fuselabel {

class CubicSpline {
 public:
  CubicSpline() = default;
  // Throws std::invalid_argument for no samples, mismatched sizes or t not strictly increasing.
  CubicSpline(std::vector<double> t, std::vector<double> y);

  // Inside [t_0, t_n-1] the spline; outside it the tangent line at the nearer end.
  double value(double t) const;
  double derivative(double t) const;

 private:
  size_t segment(double t) const;
  std::vector<double> t_, y_, m_;  // m: second derivatives at the samples
};

}  // namespace fuselabel
