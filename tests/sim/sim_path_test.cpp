#include <gtest/gtest.h>

#include <cmath>
#include <stdexcept>

#include "sim/sim_path.h"
#include "sim/speed_profile.h"

namespace fuselabel {
namespace {

constexpr double kPi = 3.141592653589793;

SimPath s_bend() {
  SimPath path({10, -5}, 0.3);
  path.add(40, 0.0);
  path.add(30, 1.0 / 60);
  path.add(25, -1.0 / 45);
  path.add(10, 0.0);
  return path;
}

double planar_distance(const PathPose& a, const PathPose& b) {
  return std::hypot(a.position.x - b.position.x, a.position.y - b.position.y);
}

TEST(SimPath, PosesAreContinuousAndMoveAlongTheirHeading) {
  const SimPath path = s_bend();
  EXPECT_DOUBLE_EQ(path.length(), 105.0);
  const double h = 1e-5;
  for (double s = 0.3; s < 105; s += 0.7) {
    const PathPose a = path.pose_at(s - h), b = path.pose_at(s + h), p = path.pose_at(s);
    // Unit speed along the heading, turning at the curvature.
    EXPECT_NEAR((b.position.x - a.position.x) / (2 * h), std::cos(p.yaw), 1e-6) << s;
    EXPECT_NEAR((b.position.y - a.position.y) / (2 * h), std::sin(p.yaw), 1e-6) << s;
    EXPECT_NEAR((b.yaw - a.yaw) / (2 * h), p.curvature, 1e-6) << s;  // no sample lies on a piece boundary
  }
  // Past the end the path continues straight.
  const PathPose end = path.end(), beyond = path.pose_at(115);
  EXPECT_NEAR(beyond.position.x, end.position.x + 10 * std::cos(end.yaw), 1e-9);
  EXPECT_NEAR(beyond.yaw, end.yaw, 1e-12);
}

TEST(SimPath, OffsetCurvesRunParallelAtTheOffset) {
  const SimPath path = s_bend();
  for (double d : {-5.25, 3.5}) {
    const SimPath forward = path.offset(d, 5, 100), backward = path.offset(d, 100, 5);
    EXPECT_NEAR(forward.length(), backward.length(), 1e-9);
    EXPECT_NEAR(forward.length(), path.offset_length(d, 100) - path.offset_length(d, 5), 1e-9);
    for (double u = 0; u <= forward.length(); u += 1.3) {
      const PathPose p = forward.pose_at(u);
      const double s = path.center_length(d, path.offset_length(d, 5) + u);
      const PathPose c = path.pose_at(s);
      EXPECT_NEAR(planar_distance(p, c), std::fabs(d), 1e-6) << d << " " << u;
      EXPECT_NEAR(std::remainder(p.yaw - c.yaw, 2 * kPi), 0.0, 1e-9);
      // The offset lies to the left for d > 0.
      const double left = -std::sin(c.yaw) * (p.position.x - c.position.x) + std::cos(c.yaw) * (p.position.y - c.position.y);
      EXPECT_NEAR(left, d, 1e-6);
      // Travelled backwards, the same point is reached from the other end, heading reversed.
      const PathPose q = backward.pose_at(forward.length() - u);
      EXPECT_NEAR(planar_distance(p, q), 0.0, 1e-6);
      EXPECT_NEAR(std::remainder(q.yaw - p.yaw - kPi, 2 * kPi), 0.0, 1e-9);
    }
  }
  EXPECT_THROW(path.offset(60.0, 0, 100), std::invalid_argument);  // beyond the first curve's centre
}

TEST(SimPath, AppendRequiresContinuity) {
  SimPath a({0, 0}, 0);
  a.add(10, 0.1);
  SimPath b({a.end().position.x, a.end().position.y}, a.end().yaw);
  b.add(5, 0);
  a.append(b);
  EXPECT_DOUBLE_EQ(a.length(), 15);
  SimPath c({100, 0}, 0);
  c.add(1, 0);
  EXPECT_THROW(a.append(c), std::invalid_argument);
  EXPECT_THROW(a.add(0, 0), std::invalid_argument);
}

TEST(SimSpeedProfile, DistanceIsTheIntegralOfSpeed) {
  SpeedProfile profile(2.0, 100.0, 8.0);
  profile.hold(3.0);
  profile.change_speed(12.0, 1.5);
  profile.stop_at(profile.end_state().s + 40.0);
  profile.hold(5.0);
  profile.change_speed(6.0, 2.0);
  const double h = 1e-4;
  for (double t = 0.0; t < profile.end_time() + 5; t += 0.37) {
    const MotionState a = profile.at(t - h), b = profile.at(t + h), m = profile.at(t);
    EXPECT_NEAR((b.s - a.s) / (2 * h), m.v, 1e-3) << t;
    EXPECT_GE(m.v, 0.0);
    // time_at inverts s(t) wherever the profile moves.
    if (m.v > 0.01) {
      EXPECT_NEAR(profile.time_at(m.s), t, 1e-6) << t;
    }
  }
  // stop_at comes to rest exactly where asked.
  SpeedProfile stop(0, 0, 10);
  stop.stop_at(25);
  EXPECT_NEAR(stop.end_state().s, 25.0, 1e-12);
  EXPECT_NEAR(stop.end_state().v, 0.0, 1e-12);
  EXPECT_NEAR(stop.at(100).s, 25.0, 1e-12);
  EXPECT_THROW(stop.stop_at(10), std::invalid_argument);
  EXPECT_THROW(stop.accelerate(1, -1), std::invalid_argument);  // would reverse
}

TEST(SimSpeedProfile, ShiftedProfileDoesTheSameLater) {
  SpeedProfile profile(0, 0, 5);
  profile.change_speed(10, 2);
  profile.hold(4);
  const SpeedProfile lead = profile.shifted(1.5, 12.0);
  for (double t = -3; t < 12; t += 0.5) {
    EXPECT_NEAR(lead.at(t).s, profile.at(t + 1.5).s + 12.0, 1e-9);
    EXPECT_NEAR(lead.at(t).v, profile.at(t + 1.5).v, 1e-12);
  }
}

}  // namespace
}  // namespace fuselabel
