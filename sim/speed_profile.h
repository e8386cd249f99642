#pragma once
// Longitudinal motion along a path: phases of constant acceleration, so distance, speed and
// acceleration at any time are closed-form. Speeds never go negative (nothing reverses).
#include <vector>

namespace fuselabel {

struct MotionState {
  double s = 0;  // arc length along the path, m
  double v = 0;  // m/s, >= 0
  double a = 0;  // m/s^2
};

class SpeedProfile {
 public:
  // At rest before t0 would be wrong for something already moving: before t0 the profile
  // extrapolates at constant speed v0, after its last phase at its final speed.
  explicit SpeedProfile(double t0 = 0, double s0 = 0, double v0 = 0);

  // Appends `duration` seconds of constant acceleration. Throws std::invalid_argument when the
  // speed would become negative (beyond rounding) or the duration is negative.
  void accelerate(double duration, double acceleration);
  void hold(double duration) { accelerate(duration, 0.0); }
  // Changes speed to `v_target` at |rate| m/s^2.
  void change_speed(double v_target, double rate);
  // Brakes at constant deceleration from the current end state so as to stand still exactly at
  // arc length s_stop (which must lie ahead, or be the current position at rest).
  void stop_at(double s_stop);

  MotionState at(double t) const;
  double start_time() const { return t0_; }
  double end_time() const { return t_end_; }
  MotionState end_state() const { return at(t_end_); }
  // First time the profile reaches arc length s (+infinity if never; -infinity style
  // extrapolation before t0 when s lies behind the start and v0 > 0).
  double time_at(double s) const;
  // The profile of something doing now what this one does dt seconds later, ds further along:
  // shifted.at(t).s = at(t + dt).s + ds.
  SpeedProfile shifted(double dt, double ds) const;

 private:
  struct Phase {
    double t0, s0, v0, a;
  };
  double t0_, s0_, v0_;
  double t_end_;
  std::vector<Phase> phases_;
};

}  // namespace fuselabel
