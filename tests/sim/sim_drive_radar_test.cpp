#include <gtest/gtest.h>

#include <cmath>

#include "sim/drive_radar.h"
#include "sim/drive_scenario.h"

namespace fuselabel {
namespace {

const SimDriveWorld& world() {
  static const SimDriveWorld w = [] {
    SimDriveConfig config;
    config.seed = 8;
    config.duration = 6;
    config.traffic.oncoming_per_km = 40;  // plenty of relative motion
    return build_drive_world(config);
  }();
  return w;
}

SimRadarSpec exact_radar() {
  SimRadarSpec spec;
  spec.range_noise = spec.azimuth_noise = spec.elevation_noise = spec.velocity_noise = spec.rcs_noise = 0;
  spec.detection_probability = 1;
  spec.false_alarms = 0;
  return spec;
}

Vec3<double> record_point(const SimRadarScan& scan, int64_t i) {
  const float* r = &scan.records[kSimRadarFields * i];
  return {r[0], r[1], r[2]};
}

double distance(Vec3<double> a, Vec3<double> b) {
  const Vec3<double> d = a - b;
  return std::sqrt(dot(d, d));
}

// The range rate of a point fixed to the actor, seen from the moving sensor, by central
// differences of the two world positions: independent of the simulator's velocity formulas.
double range_rate(const SimDriveActor& actor, Vec3<double> p_world, const Transform3d& T_ego_radar, double t) {
  const SimBodyState now = actor_state(actor, t);
  const Vec3<double> local = now.box.rotation.to_matrix().transposed() * (p_world - now.box.center);
  auto range_at = [&](double time) {
    const Cuboidd box = actor_state(actor, time).box;
    const Vec3<double> p = box.rotation.to_matrix() * local + box.center;
    return distance(p, (world().ego.state(time).T_world_ego * T_ego_radar).t);
  };
  const double h = 1e-4;
  return (range_at(t + h) - range_at(t - h)) / (2 * h);
}

TEST(SimDriveRadar, RadialVelocityIsTheRangeRateRelativeToTheMovingSensor) {
  int checked = 0, moving = 0;
  for (const SimRadarSpec& base : SimDriveConfig::default_radars()) {
    SimRadarSpec spec = exact_radar();
    spec.name = base.name, spec.mount = base.mount;
    const Transform3d T_ego_radar = mount_transform(spec.mount, false);
    for (double t = 0.3; t < 6; t += 0.6) {
      const SimRadarScan scan = simulate_radar_scan(world(), spec, T_ego_radar, t, 4);
      const Transform3d T_world_radar = world().ego.state(t).T_world_ego * T_ego_radar;
      for (int64_t i = 0; i < scan.size(); ++i) {
        const SimDriveActor& actor = world().actors[scan.hit_actor[i]];
        const Vec3<double> p_world = T_world_radar * record_point(scan, i);
        // Detections lie on the actor's surface (float32 positions).
        const CuboidFrame<double> box = make_cuboid_frame(actor_state(actor, t).box);
        const Vec3<double> d = box.R_box_frame * (p_world - box.center);
        const double excess = std::max({std::fabs(d.x) - box.half_size.x, std::fabs(d.y) - box.half_size.y,
                                        std::fabs(d.z) - box.half_size.z});
        EXPECT_NEAR(excess, 0.0, 1e-4);
        const double vr = scan.records[kSimRadarFields * i + 3];
        EXPECT_NEAR(vr, range_rate(actor, p_world, T_ego_radar, t), 2e-4) << actor.class_name << " at t " << t;
        EXPECT_NEAR(scan.records[kSimRadarFields * i + 4], actor.rcs_dbsm, 1e-5);
        ++checked;
        moving += std::fabs(vr) > 1.0;
      }
    }
  }
  EXPECT_GT(checked, 40);
  EXPECT_GT(moving, 10);
}

TEST(SimDriveRadar, MissedDetectionsAndFalseAlarms) {
  SimRadarSpec spec = exact_radar();
  spec.ray_spacing = 0.01;
  const Transform3d T_ego_radar = mount_transform(spec.mount, false);
  int64_t with_all = 0, with_half = 0, false_alarms = 0;
  const int scans = 100;
  for (int k = 0; k < scans; ++k) {
    const double t = 0.06 * k;
    spec.detection_probability = 1, spec.false_alarms = 0;
    with_all += simulate_radar_scan(world(), spec, T_ego_radar, t, k).size();
    spec.detection_probability = 0.5, spec.false_alarms = 3;
    const SimRadarScan scan = simulate_radar_scan(world(), spec, T_ego_radar, t, k);
    for (int32_t a : scan.hit_actor) (a < 0 ? false_alarms : with_half) += 1;
  }
  ASSERT_GT(with_all, 200);
  EXPECT_NEAR(double(with_half) / with_all, 0.5, 0.12);
  EXPECT_NEAR(double(false_alarms) / scans, 3.0, 0.5);
  // Small targets fade first: a pedestrian's reach is 10^(-15/40) of a car's.
  EXPECT_GT(radar_detection_probability(spec, 10, 100), 0.3);
  EXPECT_EQ(radar_detection_probability(spec, -5, 100), 0.0);
  EXPECT_GT(radar_detection_probability(spec, -5, 30), 0.4);
}

}  // namespace
}  // namespace fuselabel
