#include "fusion/export/kitti_classes.h"

#include <cstring>

namespace fuselabel {
namespace {

const char* const kKittiClasses[] = {"Car", "Van", "Truck", "Pedestrian", "Person_sitting", "Person", "Cyclist",
                                     "Tram", "Misc", "DontCare"};

struct ClassMapping {
  const char* from;  // a class, or a prefix ending in '.' (a nuScenes category family)
  const char* to;
};

// The simulator's classes and nuScenes' categories. Bicycles and motorcycles become Cyclist as
// KITTI labels a rider with the bike; buses, trailers and construction vehicles, which KITTI has
// no class for, become Misc; barriers, cones, debris and animals have no KITTI class.
const ClassMapping kMappings[] = {
    {"car", "Car"}, {"truck", "Truck"}, {"bus", "Misc"}, {"pedestrian", "Pedestrian"}, {"cyclist", "Cyclist"},
    {"vehicle.car", "Car"}, {"vehicle.truck", "Truck"}, {"vehicle.bus.", "Misc"}, {"vehicle.trailer", "Misc"},
    {"vehicle.construction", "Misc"}, {"vehicle.emergency.police", "Car"}, {"vehicle.emergency.ambulance", "Van"},
    {"vehicle.bicycle", "Cyclist"}, {"vehicle.motorcycle", "Cyclist"}, {"human.pedestrian.", "Pedestrian"},
};

}  // namespace

std::optional<std::string> kitti_class(const std::string& class_name, const std::map<std::string, std::string>& overrides) {
  const auto own = overrides.find(class_name);
  if (own != overrides.end()) return own->second == "-" ? std::nullopt : std::optional<std::string>(own->second);
  for (const char* kitti : kKittiClasses)
    if (class_name == kitti) return class_name;
  for (const ClassMapping& m : kMappings) {
    const size_t n = std::strlen(m.from);
    const bool prefix = m.from[n - 1] == '.';
    if (prefix ? class_name.compare(0, n, m.from) == 0 : class_name == m.from) return std::string(m.to);
  }
  return std::nullopt;
}

}  // namespace fuselabel
