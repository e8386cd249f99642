#include "model/object_kind.h"

#include <cctype>
#include <initializer_list>

namespace fuselabel {
namespace {

bool name_has(const std::string& lower, std::initializer_list<const char*> words) {
  for (const char* word : words)
    if (lower.find(word) != std::string::npos) return true;
  return false;
}

}  // namespace

ObjectKind object_kind(const std::string& class_name) {
  std::string lower;
  for (char c : class_name) lower += char(std::tolower(static_cast<unsigned char>(c)));
  // Riders first: nuScenes' vehicle.bicycle and vehicle.motorcycle are cyclists, not vehicles.
  if (name_has(lower, {"cycl", "bicycle", "motor", "rider"})) return ObjectKind::Cyclist;
  if (name_has(lower, {"pedestrian", "person", "human", "child", "adult"})) return ObjectKind::Pedestrian;
  if (name_has(lower, {"car", "van", "truck", "bus", "tram", "trailer", "vehicle", "construction"}))
    return ObjectKind::Vehicle;
  return ObjectKind::Other;
}

const char* object_kind_name(ObjectKind kind) {
  switch (kind) {
    case ObjectKind::Vehicle:
      return "vehicle";
    case ObjectKind::Cyclist:
      return "cyclist";
    case ObjectKind::Pedestrian:
      return "pedestrian";
    case ObjectKind::Other:
      return "other";
  }
  return "other";
}

}  // namespace fuselabel
