#pragma once
// The motion model of one track in a frame where its motion is smooth (the world, or the
// frame estimated from static tracks): the centre as a cubic spline through all of the track's
// keyframes (cubic_spline.h; through smoothed values of them for noisy keys, key_smoothing.h),
// the heading as a spline through the keyframes' unwrapped yaw (so 179 deg to -179 deg turns
// 2 deg), and for a moving vehicle the heading bent to the direction of
// travel between keyframes; roll and pitch relative to the heading slerped between the two
// keyframes around a time; the size the per-component median of the keyframes.
#include <string>
#include <vector>

#include "fusion/propagation/cubic_spline.h"
#include "projection/cuboid.h"

namespace fuselabel {

struct TrackKey {
  double t = 0;  // seconds
  Cuboidd box;
};

// Below this speed (m/s) a track counts as not moving: it extrapolates standing still and its
// heading is not tied to its (noise-dominated) direction of travel.
constexpr double kMovingSpeed = 1.0;

// Classes whose heading is their direction of travel: vehicles and riders (model/object_kind.h).
bool heads_where_it_moves(const std::string& class_name);

class TrackMotion {
 public:
  // keys: at least one, strictly increasing t. Throws std::invalid_argument otherwise. With
  // smooth_noisy_keys the centre, z and heading curves pass through cross-validated smoothed
  // knot values (key_smoothing.h) instead of the keys; the keys' own times still get the keys
  // exactly.
  TrackMotion(std::vector<TrackKey> keys, bool follows_travel_direction, bool smooth_noisy_keys);

  // The cuboid at t: between the first and last keyframe the model (a keyframe's own box at its
  // time), outside them constant velocity and heading from the nearer end.
  Cuboidd at(double t) const;
  Vec3<double> velocity(double t) const;  // m/s; zero beyond the ends for a track not moving
  double yaw(double t) const;
  bool moving() const { return moving_; }
  const Vec3<double>& size() const { return size_; }
  double first_time() const { return keys_.front().t; }
  double last_time() const { return keys_.back().t; }

 private:
  double travel_yaw(double t, bool& valid) const;
  size_t key_before(double t) const;

  std::vector<TrackKey> keys_;
  std::vector<double> unwrapped_yaw_;
  std::vector<double> key_yaw_;  // the heading curve's knot values: unwrapped_yaw_, smoothed where noisy
  std::vector<Quat<double>> tilt_;  // Rz(-yaw_k) * R_k: what is not heading
  CubicSpline x_, y_, z_, heading_;
  Vec3<double> size_{};
  Vec3<double> end_velocity_[2]{};  // before the first, after the last keyframe
  bool follows_travel_ = false, moving_ = false;
};

// The heading of a rotation: the angle of its local x axis in the frame's x-y plane.
double yaw_of(const Quat<double>& q);
// a - b wrapped to (-pi, pi].
double angle_difference(double a, double b);

}  // namespace fuselabel
