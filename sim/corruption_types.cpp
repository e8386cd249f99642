#include "sim/corruption_profile.h"

namespace fuselabel {
namespace {

struct TypeName {
  CorruptionType type;
  const char* name;
};

constexpr TypeName kTypeNames[] = {
    {CorruptionType::BoxShift, "box_shift"},
    {CorruptionType::YawFlip, "yaw_flip"},
    {CorruptionType::SizeChange, "size_change"},
    {CorruptionType::ClassFlip, "class_flip"},
    {CorruptionType::IdSwitch, "id_switch"},
    {CorruptionType::Missing2D, "missing_2d"},
    {CorruptionType::Inconsistent2D, "inconsistent_2d"},
    {CorruptionType::Missing3D, "missing_3d"},
    {CorruptionType::CameraTimeOffset, "camera_time_offset"},
    {CorruptionType::CameraExtrinsic, "camera_extrinsic"},
    {CorruptionType::BoxLift, "box_lift"},
    {CorruptionType::RadarExtrinsic, "radar_extrinsic"},
};

}  // namespace

const char* corruption_type_name(CorruptionType type) {
  for (const TypeName& entry : kTypeNames)
    if (entry.type == type) return entry.name;
  return "unknown";
}

std::optional<CorruptionType> corruption_type_from_name(const std::string& name) {
  for (const TypeName& entry : kTypeNames)
    if (name == entry.name) return entry.type;
  return std::nullopt;
}

bool is_sensor_error(CorruptionType type) {
  return type == CorruptionType::CameraTimeOffset || type == CorruptionType::CameraExtrinsic ||
         type == CorruptionType::RadarExtrinsic;
}

}  // namespace fuselabel
