#include "fusion/propagation.h"

#include <gtest/gtest.h>

#include <cmath>
#include <map>

#include "fusion/propagation/ego_from_labels.h"
#include "fusion/propagation/track_motion.h"
#include "fusion/propagation/propagation_test_support.h"

namespace fuselabel {
namespace {

constexpr double kPi = 3.14159265358979323846;

std::map<std::pair<std::string, int64_t>, CuboidLabel> by_track_frame(const LabelSet& labels) {
  std::map<std::pair<std::string, int64_t>, CuboidLabel> out;
  for (const CuboidLabel& c : labels.boxes) out[{c.track_id, c.frame}] = c;
  return out;
}

PropagationResult propagate(const Drive& drive, const LabelSet& keys, int extend = 0) {
  PropagationOptions options;
  options.extend = extend;
  return propagate_labels(drive, keys, options, nullptr);
}

TEST(Propagation, KeyframesAreReproducedExactly) {
  const Drive drive = frames_only_drive(40);
  LabelSet keys;
  add_track(keys, drive, "7", "car", {0, 9, 17, 30, 39}, [](double t) {
    return car_at({10 + 5 * t + 0.3 * t * t, 2 * std::sin(t), 0.8}, 0.2 * t, {4.4 + 0.01 * t, 1.8, 1.5});
  });
  const PropagationResult result = propagate(drive, keys);
  const auto out = by_track_frame(result.labels);
  ASSERT_EQ(out.size(), 40u);
  for (const CuboidLabel& key : keys.boxes) {
    const CuboidLabel& got = out.at({"7", key.frame});
    EXPECT_EQ(got.id, key.id);
    EXPECT_EQ(got.source, LabelSource::Keyframe);
    EXPECT_EQ(got.box.center.x, key.box.center.x);
    EXPECT_EQ(got.box.center.y, key.box.center.y);
    EXPECT_EQ(got.box.size.x, key.box.size.x);
    EXPECT_EQ(got.box.rotation.z, key.box.rotation.z);
  }
  for (const auto& [key, label] : out) {
    if (label.source == LabelSource::Keyframe) continue;
    EXPECT_EQ(label.source, LabelSource::Interpolated);
    EXPECT_GT(label.confidence, 0);
    EXPECT_LT(label.confidence, 1);
  }
}

TEST(Propagation, StraightConstantVelocityIsReproducedExactly) {
  const Drive drive = frames_only_drive(60);
  LabelSet keys;
  const double heading = 0.6;
  auto truth = [&](double t) {
    return car_at({3 + 8 * std::cos(heading) * t, -4 + 8 * std::sin(heading) * t, 0.9}, heading);
  };
  add_track(keys, drive, "1", "car", every(10, 0, 59), truth);
  const auto out = by_track_frame(propagate(drive, keys).labels);
  ASSERT_EQ(out.size(), 60u);
  for (int f = 0; f < 60; ++f) {
    const Cuboidd& got = out.at({"1", f}).box;
    EXPECT_NEAR(centre_distance(got, truth(0.1 * f)), 0, 1e-9) << f;
    EXPECT_NEAR(angle_difference(yaw_of(got.rotation), heading), 0, 1e-9) << f;
  }
}

TEST(Propagation, YawWrapAroundTakesTheShortWay) {
  const Drive drive = frames_only_drive(11);
  LabelSet keys;
  add_track(keys, drive, "1", "car", {0, 10}, [](double t) { return car_at({20, 5, 0.8}, t < 0.5 ? 179 * kPi / 180 : -179 * kPi / 180); });
  const auto out = by_track_frame(propagate(drive, keys).labels);
  EXPECT_NEAR(std::abs(angle_difference(yaw_of(out.at({"1", 5}).box.rotation), kPi)), 0, 1e-9);
  for (int f = 1; f < 10; ++f)
    EXPECT_LE(std::abs(angle_difference(yaw_of(out.at({"1", f}).box.rotation), kPi)), 1 * kPi / 180 + 1e-9) << f;
}

TEST(Propagation, SingleKeyframeStaysOneCuboidUnlessExtended) {
  const Drive drive = frames_only_drive(20);
  LabelSet keys;
  add_track(keys, drive, "1", "pedestrian", {8}, [](double) { return car_at({6, 1, 0.9}, 0.3, {0.6, 0.6, 1.7}); });
  EXPECT_EQ(propagate(drive, keys).labels.boxes.size(), 1u);
  const PropagationResult extended = propagate(drive, keys, 3);
  ASSERT_EQ(extended.labels.boxes.size(), 7u);
  for (const CuboidLabel& c : extended.labels.boxes) {
    EXPECT_EQ(c.source, c.frame == 8 ? LabelSource::Keyframe : LabelSource::Extrapolated);
    EXPECT_NEAR(centre_distance(c.box, keys.boxes[0].box), 0, 1e-12);
  }
  EXPECT_EQ(extended.report.tracks.at(0).first_frame, 5);
  EXPECT_EQ(extended.report.tracks.at(0).last_frame, 11);
}

TEST(Propagation, ExtensionStopsAtTheDriveEnds) {
  const Drive drive = frames_only_drive(10);
  LabelSet keys;
  add_track(keys, drive, "1", "car", {1, 8}, [](double t) { return car_at({10 * t, 0, 0.8}, 0); });
  const PropagationResult result = propagate(drive, keys, 5);
  EXPECT_EQ(result.labels.boxes.size(), 10u);
  const auto out = by_track_frame(result.labels);
  // Moving at 10 m/s: extrapolated at that speed.
  EXPECT_NEAR(out.at({"1", 9}).box.center.x, 9.0, 1e-9);
  EXPECT_NEAR(out.at({"1", 0}).box.center.x, 0.0, 1e-9);
}

// The ego drives a curve; the LiDAR sits 1 m ahead of the ego origin, 1.8 m up.
Transform3d ego_pose(double t) {
  const double yaw = 0.25 * t + 0.05 * t * t;
  return Transform3d::from_rotation_translation(Quat<double>::from_yaw(yaw), {12 * t + 0.5 * t * t, 3 * t * t, 0.1 * t});
}

TEST(Propagation, ParkedCarUnderMovingEgoStaysPutInTheWorld) {
  const Transform3d T_ego_lidar = Transform3d::from_rotation_translation(Quat<double>{}, {1, 0, 1.8});
  Drive drive = frames_only_drive(41, T_ego_lidar);
  drive.trajectory.provenance = PoseProvenance::Dataset;
  for (const DriveFrame& f : drive.frames) drive.trajectory.poses.push_back({f.timestamp_us, ego_pose(1e-6 * (f.timestamp_us - 1'000'000))});
  const Cuboidd parked_world = car_at({30, 8, 0.8}, 1.2);
  LabelSet keys;
  keys.frame = LabelFrame::Lidar;
  add_track(keys, drive, "3", "car", every(10, 0, 40), [&](double t) {
    return transform_cuboid((ego_pose(t) * T_ego_lidar).inverse(), parked_world);
  });
  const PropagationResult result = propagate(drive, keys);
  EXPECT_EQ(result.report.tracks.at(0).motion_frame, "world");
  for (const CuboidLabel& c : result.labels.boxes) {
    const Cuboidd world = transform_cuboid(ego_pose(0.1 * c.frame) * T_ego_lidar, c.box);
    EXPECT_NEAR(centre_distance(world, parked_world), 0, 1e-6) << c.frame;
    EXPECT_NEAR(angle_difference(yaw_of(world.rotation), 1.2), 0, 1e-9) << c.frame;
  }
}

// A car's path: speeding up from 10 m/s at 1 m/s^2 along a tightening curve (yaw rate 0.2 rad/s
// rising 0.04 rad/s per second), heading where it goes; integrated at 1 ms.
Transform3d driven_pose(double t) {
  double x = 0, y = 0;
  const int steps = int(std::lround(t * 1000));
  for (int i = 0; i < steps; ++i) {
    const double tm = (i + 0.5) / 1000;
    const double heading = 0.2 * tm + 0.02 * tm * tm;
    x += (10 + tm) * std::cos(heading) / 1000, y += (10 + tm) * std::sin(heading) / 1000;
  }
  return Transform3d::from_rotation_translation(Quat<double>::from_yaw(0.2 * t + 0.02 * t * t), {x, y, 0.05 * t});
}

// The estimate ties the frames together through the static tracks with a prior on the ego's
// changing speed and turn rate, so it recovers a driven path to centimetres, not exactly.
TEST(Propagation, EgoMotionIsRecoveredFromStaticTracks) {
  Drive drive = frames_only_drive(41);  // no poses: labels only
  LabelSet keys;
  keys.frame = LabelFrame::Lidar;
  const std::vector<Cuboidd> parked = {car_at({25, 6, 0.8}, 0.1), car_at({40, -5, 0.8}, 1.6), car_at({60, 12, 0.8}, -0.4),
                                       car_at({15, -9, 0.8}, 3.0)};
  for (size_t i = 0; i < parked.size(); ++i)
    add_track(keys, drive, "p" + std::to_string(i), "car", every(5, 0, 40),
              [&, i](double t) { return transform_cuboid(driven_pose(t).inverse(), parked[i]); });
  // A car overtaking: moving in the world, so it must not count as static.
  add_track(keys, drive, "m", "car", every(5, 0, 40), [&](double t) {
    return transform_cuboid(driven_pose(t).inverse(), car_at({5 + 20 * t, 2 * t, 0.8}, 0.1));
  });
  const LabelFramePoses poses = estimate_ego_from_labels(drive, keys, 0);
  EXPECT_EQ(poses.estimate.static_tracks, (std::vector<std::string>{"p0", "p1", "p2", "p3"}));
  EXPECT_TRUE(poses.estimate.frames_with_too_few_static_tracks.empty());
  for (int f = 0; f <= 40; ++f) {
    ASSERT_TRUE(poses.T_world_label[f]) << f;
    const Transform3d truth = driven_pose(0).inverse() * driven_pose(0.1 * f);
    const Transform3d& got = *poses.T_world_label[f];
    EXPECT_LT(std::hypot(got.t.x - truth.t.x, got.t.y - truth.t.y), 0.03) << f;
    EXPECT_LT(std::abs(angle_difference(yaw_of(Quat<double>::from_matrix(got.R)), yaw_of(Quat<double>::from_matrix(truth.R)))),
              0.1 * kPi / 180) << f;
  }
  const PropagationResult result = propagate(drive, keys);
  double worst = 0;
  for (const CuboidLabel& c : result.labels.boxes) {
    if (c.track_id[0] != 'p') continue;
    const Cuboidd truth = transform_cuboid(driven_pose(0.1 * c.frame).inverse(), parked[c.track_id[1] - '0']);
    worst = std::max(worst, centre_distance(c.box, truth));
  }
  EXPECT_LT(worst, 0.03);
  EXPECT_EQ(result.report.tracks.at(0).motion_frame, "estimated_world");
}

TEST(Propagation, TurningVehicleHeadsWhereItGoes) {
  const Drive drive = frames_only_drive(41);
  LabelSet keys;
  const double radius = 20, rate = 0.4;  // rad/s: 8 m/s on a 20 m circle
  auto truth = [&](double t) {
    return car_at({radius * std::sin(rate * t), radius - radius * std::cos(rate * t), 0.8}, rate * t);
  };
  add_track(keys, drive, "1", "car", every(10, 0, 40), truth);
  const auto out = by_track_frame(propagate(drive, keys).labels);
  for (int f = 0; f <= 40; ++f) {
    const Cuboidd& got = out.at({"1", f}).box;
    // Keyframes 0.4 rad of the circle apart. The spline's parabolic-runout ends keep the end
    // pieces curving (0.050 m at worst); a natural spline's straight ends leave 0.15 m.
    EXPECT_LT(centre_distance(got, truth(0.1 * f)), 0.055) << f;
    EXPECT_LT(std::abs(angle_difference(yaw_of(got.rotation), rate * 0.1 * f)), 0.5 * kPi / 180) << f;
  }
}

}  // namespace
}  // namespace fuselabel
