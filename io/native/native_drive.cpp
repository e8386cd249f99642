#include "io/native/native_drive.h"

#include <stdexcept>

namespace fuselabel {

const NativeSensor& NativeDrive::sensor(const std::string& name) const {
  for (const NativeSensor& s : sensors)
    if (s.name == name) return s;
  throw std::out_of_range("drive " + root.string() + " has no sensor named '" + name + "'");
}

const NativeSensor& NativeDrive::lidar() const {
  for (const NativeSensor& s : sensors)
    if (s.kind == SensorKind::Lidar) return s;
  throw std::out_of_range("drive " + root.string() + " has no lidar");
}

}  // namespace fuselabel
