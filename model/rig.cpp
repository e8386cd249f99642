#include "model/rig.h"

namespace fuselabel {

const char* sensor_kind_name(SensorKind kind) {
  switch (kind) {
    case SensorKind::Lidar: return "lidar";
    case SensorKind::Radar: return "radar";
    case SensorKind::Camera: return "camera";
  }
  return "lidar";
}

const Sensor* Rig::find(const std::string& name) const {
  for (const Sensor& sensor : sensors)
    if (sensor.name == name) return &sensor;
  return nullptr;
}

const Sensor* Rig::lidar() const {
  for (const Sensor& sensor : sensors)
    if (sensor.kind == SensorKind::Lidar) return &sensor;
  return nullptr;
}

}  // namespace fuselabel
