#include "fusion/propagation/track_motion.h"

#include <algorithm>
#include <cmath>
#include <stdexcept>
#include <string>

#include "fusion/propagation/key_smoothing.h"
#include "model/object_kind.h"

namespace fuselabel {
namespace {

constexpr double kPi = 3.14159265358979323846;
// The direction of travel steers the heading only above this speed (m/s) and while it agrees
// with both keyframes' headings (up to a fixed offset) within this angle.
constexpr double kTravelHeadingSpeed = 2.0;
constexpr double kTravelHeadingAgreement = 30 * kPi / 180;
constexpr double kSameTime = 1e-9;  // s

double median(std::vector<double> v) {
  std::sort(v.begin(), v.end());
  const size_t n = v.size();
  return n % 2 ? v[n / 2] : 0.5 * (v[n / 2 - 1] + v[n / 2]);
}

}  // namespace

double yaw_of(const Quat<double>& q) {
  const Mat3<double> R = q.to_matrix();
  return std::atan2(R(1, 0), R(0, 0));
}

double angle_difference(double a, double b) {
  double d = std::fmod(a - b, 2 * kPi);
  if (d > kPi) d -= 2 * kPi;
  if (d <= -kPi) d += 2 * kPi;
  return d;
}

bool heads_where_it_moves(const std::string& class_name) {
  const ObjectKind kind = object_kind(class_name);
  return kind == ObjectKind::Vehicle || kind == ObjectKind::Cyclist;
}

TrackMotion::TrackMotion(std::vector<TrackKey> keys, bool follows_travel_direction, bool smooth_noisy_keys)
    : keys_(std::move(keys)), follows_travel_(follows_travel_direction) {
  if (keys_.empty()) throw std::invalid_argument("TrackMotion: a track needs at least one keyframe");
  std::vector<double> t, x, y, z, l, w, h;
  for (size_t k = 0; k < keys_.size(); ++k) {
    const Cuboidd& b = keys_[k].box;
    const double yaw = yaw_of(b.rotation);
    unwrapped_yaw_.push_back(k == 0 ? yaw : unwrapped_yaw_.back() + angle_difference(yaw, unwrapped_yaw_.back()));
    tilt_.push_back(Quat<double>::from_yaw(-unwrapped_yaw_.back()) * b.rotation);
    t.push_back(keys_[k].t);
    x.push_back(b.center.x), y.push_back(b.center.y), z.push_back(b.center.z);
    l.push_back(b.size.x), w.push_back(b.size.y), h.push_back(b.size.z);
  }
  key_yaw_ = unwrapped_yaw_;
  if (smooth_noisy_keys) {
    const std::vector<std::vector<double>> xy = smoothed_knots(t, {x, y});
    x = xy[0], y = xy[1];
    z = smoothed_knots(t, {z})[0];
    key_yaw_ = smoothed_knots(t, {unwrapped_yaw_})[0];
  }
  x_ = CubicSpline(t, x), y_ = CubicSpline(t, y), z_ = CubicSpline(t, z);
  heading_ = CubicSpline(t, key_yaw_);
  size_ = {median(l), median(w), median(h)};
  for (size_t k = 1; k < keys_.size(); ++k)
    if (std::hypot(x[k] - x[k - 1], y[k] - y[k - 1]) / (t[k] - t[k - 1]) > kMovingSpeed) moving_ = true;
  if (moving_) {
    const size_t n = keys_.size();
    auto velocity = [&](size_t a, size_t b) {
      return (1 / (t[b] - t[a])) * Vec3<double>{x[b] - x[a], y[b] - y[a], z[b] - z[a]};
    };
    end_velocity_[0] = velocity(0, 1);
    end_velocity_[1] = velocity(n - 2, n - 1);
  }
}

size_t TrackMotion::key_before(double t) const {
  const auto it = std::upper_bound(keys_.begin(), keys_.end(), t, [](double v, const TrackKey& k) { return v < k.t; });
  const size_t i = it == keys_.begin() ? 0 : size_t(it - keys_.begin()) - 1;
  return std::min(i, keys_.size() - 2);
}

double TrackMotion::travel_yaw(double t, bool& valid) const {
  const double vx = x_.derivative(t), vy = y_.derivative(t);
  valid = std::sqrt(vx * vx + vy * vy) > kTravelHeadingSpeed;
  return std::atan2(vy, vx);
}

double TrackMotion::yaw(double t) const {
  if (keys_.size() == 1 || t <= keys_.front().t) return unwrapped_yaw_.front();
  if (t >= keys_.back().t) return unwrapped_yaw_.back();
  const double reference = heading_.value(t);
  if (!follows_travel_ || !moving_) return reference;
  // A vehicle points where it goes: follow the spline's direction of travel, keeping each
  // keyframe's own offset from it (a label's small heading bias, or pi for one reversing).
  const size_t k = key_before(t);
  bool valid0, valid1, valid;
  const double theta0 = travel_yaw(keys_[k].t, valid0), theta1 = travel_yaw(keys_[k + 1].t, valid1);
  const double theta = travel_yaw(t, valid);
  if (!valid0 || !valid1 || !valid) return reference;
  const double offset0 = angle_difference(key_yaw_[k], theta0);
  const double offset1 = angle_difference(key_yaw_[k + 1], theta1);
  const double offset_change = angle_difference(offset1, offset0);
  if (std::abs(offset_change) > kTravelHeadingAgreement) return reference;
  const double s = (t - keys_[k].t) / (keys_[k + 1].t - keys_[k].t);
  return reference + angle_difference(theta + offset0 + s * offset_change, reference);
}

Vec3<double> TrackMotion::velocity(double t) const {
  if (t < keys_.front().t) return end_velocity_[0];
  if (t > keys_.back().t) return end_velocity_[1];
  return {x_.derivative(t), y_.derivative(t), z_.derivative(t)};
}

Cuboidd TrackMotion::at(double t) const {
  for (const TrackKey& key : keys_)
    if (std::abs(key.t - t) < kSameTime) return key.box;
  Cuboidd box;
  box.size = size_;
  if (t < keys_.front().t || t > keys_.back().t) {
    const bool before = t < keys_.front().t;
    const TrackKey& end = before ? keys_.front() : keys_.back();
    box.center = end.box.center + (t - end.t) * end_velocity_[before ? 0 : 1];
    box.rotation = end.box.rotation;
    return box;
  }
  box.center = {x_.value(t), y_.value(t), z_.value(t)};
  const size_t k = key_before(t);
  const double s = (t - keys_[k].t) / (keys_[k + 1].t - keys_[k].t);
  box.rotation = (Quat<double>::from_yaw(yaw(t)) * slerp(tilt_[k], tilt_[k + 1], s)).normalized();
  return box;
}

}  // namespace fuselabel
