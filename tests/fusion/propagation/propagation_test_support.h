#pragma once
// Drives and tracks built in code for the propagation tests: N frames at 10 Hz, a LiDAR on the
// rig, optional ego poses, and tracks whose cuboids follow a given function of time.
#include <cmath>
#include <functional>
#include <string>

#include "label_builders.h"
#include "model/drive.h"

namespace fuselabel {

inline Drive frames_only_drive(int frames, const Transform3d& T_ego_lidar = {}) {
  Drive drive;
  drive.format = "test";
  Rig rig;
  Sensor lidar;
  lidar.name = "LIDAR_TOP";
  lidar.T_ego_sensor = T_ego_lidar;
  rig.sensors.push_back(lidar);
  drive.rigs.push_back(rig);
  for (int f = 0; f < frames; ++f) drive.frames.push_back({std::to_string(f), 1'000'000 + int64_t(f) * 100'000, 0, -1, {}});
  return drive;
}

inline Cuboidd car_at(Vec3<double> centre, double yaw, Vec3<double> size = {4.5, 1.9, 1.6}) {
  return {centre, size, Quat<double>::from_yaw(yaw)};
}

// A track with a cuboid at each listed frame, `box_at(seconds since frame 0)`.
inline void add_track(LabelSet& labels, const Drive& drive, const std::string& id, const std::string& class_name,
                      const std::vector<int>& frames, const std::function<Cuboidd(double)>& box_at) {
  labels.tracks.push_back({id, class_name, {}});
  for (int f : frames) {
    CuboidLabel c = track_box(id, f, drive.frames[f].timestamp_us, box_at(0.1 * f));
    c.id = id + ":" + std::to_string(f);
    labels.boxes.push_back(c);
  }
}

inline std::vector<int> every(int step, int first, int last) {
  std::vector<int> frames;
  for (int f = first; f <= last; f += step) frames.push_back(f);
  if (frames.back() != last) frames.push_back(last);
  return frames;
}

inline double centre_distance(const Cuboidd& a, const Cuboidd& b) {
  const Vec3<double> d = a.center - b.center;
  return std::sqrt(dot(d, d));
}

}  // namespace fuselabel
