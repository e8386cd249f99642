#pragma once
// The radar returns of a frame inside each of its cuboids, in the world, with what the
// radar_velocity check needs to predict their radial velocities: the sensor's position and
// velocity when it measured them.
#include <cstdint>
#include <string>
#include <vector>

#include "model/drive.h"
#include "model/frame.h"
#include "projection/cuboid.h"

namespace fuselabel {

struct RadarReturn {
  std::string sensor;
  int64_t timestamp_us = 0;                       // the radar scan's
  Vec3<double> point;                             // world
  Vec3<double> sensor_position, sensor_velocity;  // world, at the scan's time (m, m/s)
  double vr = 0;                                  // measured radial velocity, m/s, positive away from the sensor
  bool ego_compensated = false;  // vr has the sensor's own motion removed (PointSweep::vr_ego_compensated)
};

// A return belongs to a cuboid when it lies inside the cuboid grown by kRadarMarginMetres plus
// kRadarMarginPerMetre of its range on every side (radar positions are coarse) and inside no
// other cuboid of the frame (the range from the sensor). `rig` is the frame's. `T_world_lidar` maps the frame's LiDAR
// frame (where FrameData holds the scans) into the world; the drive must have ego poses. Per cuboid, in order.
constexpr double kRadarMarginMetres = 0.5, kRadarMarginPerMetre = 0.01;
std::vector<std::vector<RadarReturn>> radar_returns_in_cuboids(const Drive& drive, const Rig& rig,
                                                               const FrameData& frame, const Transform3d& T_world_lidar,
                                                               const std::vector<Cuboidd>& cuboids_in_lidar);

}  // namespace fuselabel
