#pragma once
// The sensors of a drive and where they sit on the vehicle: what every format's calibration
// becomes. One rig per drive, except in layouts of unrelated frames (KITTI object), where each
// frame brings its own calibration.
#include <optional>
#include <string>
#include <vector>

#include "projection/camera_model.h"
#include "projection/transform.h"

namespace fuselabel {

enum class SensorKind { Lidar, Radar, Camera };
const char* sensor_kind_name(SensorKind kind);  // "lidar", "radar", "camera"

struct Sensor {
  std::string name;  // e.g. LIDAR_TOP, RADAR_FRONT, CAM_FRONT, velodyne, image_02
  SensorKind kind = SensorKind::Lidar;
  Transform3d T_ego_sensor;            // identity where the format has no ego frame (KITTI object)
  std::optional<CameraModeld> camera;  // cameras only; its width and height are the image size
  double rate_hz = 0;                  // nominal sample rate; 0 when unknown
};

struct Rig {
  std::vector<Sensor> sensors;  // at most one LiDAR, any number of radars and cameras

  // nullptr when the rig has no sensor of that name / no LiDAR.
  const Sensor* find(const std::string& name) const;
  const Sensor* lidar() const;
};

}  // namespace fuselabel
