#include "fusion/check/radar_returns.h"

#include <cmath>

namespace fuselabel {
namespace {

// The sensor's world position at t, through the ego trajectory.
Vec3<double> sensor_at(const Drive& drive, const Sensor& sensor, int64_t t_us) {
  return (drive.trajectory.at(t_us) * sensor.T_ego_sensor).t;
}

}  // namespace

std::vector<std::vector<RadarReturn>> radar_returns_in_cuboids(const Drive& drive, const Rig& rig,
                                                               const FrameData& frame, const Transform3d& T_world_lidar,
                                                               const std::vector<Cuboidd>& cuboids_in_lidar) {
  std::vector<std::vector<RadarReturn>> out(cuboids_in_lidar.size());
  std::vector<CuboidFrame<double>> exact;
  for (const Cuboidd& box : cuboids_in_lidar) exact.push_back(make_cuboid_frame(box));
  for (const PointSweep& scan : frame.radars) {
    const Sensor* sensor = rig.find(scan.sensor);
    if (!sensor || scan.stride() < 4) continue;
    constexpr int64_t kHalfStepUs = 20'000;  // the sensor's velocity from its positions 40 ms apart
    const Vec3<double> position = sensor_at(drive, *sensor, scan.timestamp_us);
    const Vec3<double> velocity =
        (1.0 / (2 * kHalfStepUs * 1e-6)) * (sensor_at(drive, *sensor, scan.timestamp_us + kHalfStepUs) -
                                            sensor_at(drive, *sensor, scan.timestamp_us - kHalfStepUs));
    for (int64_t i = 0; i < scan.size(); ++i) {
      const float* r = &scan.records[size_t(i * scan.stride())];
      const Vec3<double> p{r[0], r[1], r[2]};
      // Inside exactly one cuboid, else near exactly one: that one's (-2: ambiguous).
      const Vec3<double> world = T_world_lidar * p;
      const double margin =
          kRadarMarginMetres + kRadarMarginPerMetre * std::sqrt(dot(world - position, world - position));
      int owner = -1;
      for (double grow : {0.0, margin}) {
        for (size_t b = 0; b < exact.size(); ++b) {
          CuboidFrame<double> box = exact[b];
          box.half_size = box.half_size + Vec3<double>{grow, grow, grow};
          if (cuboid_contains(box, p)) owner = owner == -1 ? int(b) : -2;
        }
        if (owner != -1) break;
      }
      if (owner < 0) continue;  // in no cuboid, or ambiguous
      RadarReturn ret;
      ret.sensor = scan.sensor, ret.timestamp_us = scan.timestamp_us;
      ret.point = world, ret.sensor_position = position, ret.sensor_velocity = velocity;
      ret.vr = r[3], ret.ego_compensated = scan.vr_ego_compensated;
      out[size_t(owner)].push_back(ret);
    }
  }
  return out;
}

}  // namespace fuselabel
