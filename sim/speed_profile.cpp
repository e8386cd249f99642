#include "sim/speed_profile.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <stdexcept>
#include <string>

namespace fuselabel {
namespace {

constexpr double kSpeedRounding = 1e-9;  // m/s: a phase may end this far below zero, clamped to 0

}  // namespace

SpeedProfile::SpeedProfile(double t0, double s0, double v0) : t0_(t0), s0_(s0), v0_(v0), t_end_(t0) {
  if (!(v0 >= 0) || !std::isfinite(v0)) throw std::invalid_argument("SpeedProfile: initial speed must be >= 0");
}

void SpeedProfile::accelerate(double duration, double acceleration) {
  if (!(duration >= 0) || !std::isfinite(duration) || !std::isfinite(acceleration))
    throw std::invalid_argument("SpeedProfile::accelerate: duration " + std::to_string(duration) + " must be >= 0");
  if (duration == 0) return;
  const MotionState end = end_state();
  const double v_after = end.v + acceleration * duration;
  if (v_after < -kSpeedRounding)
    throw std::invalid_argument("SpeedProfile::accelerate: the speed would become negative");
  phases_.push_back({t_end_, end.s, end.v, acceleration});
  t_end_ += duration;
}

void SpeedProfile::change_speed(double v_target, double rate) {
  if (!(v_target >= 0) || !(std::fabs(rate) > 0))
    throw std::invalid_argument("SpeedProfile::change_speed: needs a target speed >= 0 and a non-zero rate");
  const double v = end_state().v;
  const double a = v_target >= v ? std::fabs(rate) : -std::fabs(rate);
  accelerate((v_target - v) / a, a);
}

void SpeedProfile::stop_at(double s_stop) {
  const MotionState end = end_state();
  const double distance = s_stop - end.s;
  if (end.v == 0 && std::fabs(distance) < 1e-9) return;
  if (!(distance > 0)) throw std::invalid_argument("SpeedProfile::stop_at: the stop lies behind");
  // v^2 = 2 b d; the phase lasts v / b = 2 d / v.
  const double duration = 2 * distance / end.v;
  accelerate(duration, -end.v / duration);
}

MotionState SpeedProfile::at(double t) const {
  if (phases_.empty() || t < t0_) return {s0_ + v0_ * (t - t0_), v0_, 0.0};
  const auto after = std::upper_bound(phases_.begin(), phases_.end(), t,
                                      [](double value, const Phase& p) { return value < p.t0; });
  const Phase& p = *(after - 1);
  const double phase_end = after == phases_.end() ? t_end_ : after->t0;
  const double tau = std::min(t, phase_end) - p.t0;
  MotionState state{p.s0 + p.v0 * tau + 0.5 * p.a * tau * tau, std::max(0.0, p.v0 + p.a * tau), p.a};
  if (t > phase_end) {  // after the last phase: constant speed
    state.s += state.v * (t - phase_end);
    state.a = 0;
  }
  return state;
}

double SpeedProfile::time_at(double s) const {
  constexpr double kNever = std::numeric_limits<double>::infinity();
  if (phases_.empty() || s < s0_) return v0_ > 0 ? t0_ + (s - s0_) / v0_ : (s <= s0_ ? t0_ : kNever);
  // Phases in order of start distance (non-decreasing, as speeds are >= 0): the last one
  // starting at or before s contains the crossing, or the constant-speed tail does.
  auto after = std::upper_bound(phases_.begin(), phases_.end(), s,
                                [](double value, const Phase& p) { return value < p.s0; });
  auto p = after - 1;
  if (p->s0 == s) {  // several phases may start here (standing still): the first one reached it
    while (p != phases_.begin() && (p - 1)->s0 == s) --p;
    return p->t0;
  }
  const double phase_end = (p + 1) == phases_.end() ? t_end_ : (p + 1)->t0;
  const double duration = phase_end - p->t0;
  const double reach = p->v0 * duration + 0.5 * p->a * duration * duration;
  const double need = s - p->s0;
  if (need <= reach || (p + 1) != phases_.end()) {
    if (p->a == 0) return p->v0 > 0 ? p->t0 + need / p->v0 : kNever;
    // Smallest non-negative root of a/2 tau^2 + v0 tau - need = 0, in the stable form.
    const double disc = std::max(0.0, p->v0 * p->v0 + 2 * p->a * need);
    const double tau = 2 * need / (p->v0 + std::sqrt(disc));
    return std::min(p->t0 + tau, phase_end);
  }
  const MotionState end = end_state();
  return end.v > 0 ? t_end_ + (s - end.s) / end.v : kNever;
}

SpeedProfile SpeedProfile::shifted(double dt, double ds) const {
  SpeedProfile out(t0_ - dt, s0_ + ds, v0_);
  out.t_end_ = t_end_ - dt;
  out.phases_ = phases_;
  for (Phase& p : out.phases_) p.t0 -= dt, p.s0 += ds;
  return out;
}

}  // namespace fuselabel
