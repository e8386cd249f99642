#pragma once
// What a labelled class is, from its name in any taxonomy fuselabel reads (KITTI, nuScenes, the
// simulator's): the propagation's motion model (vehicles and riders head where they move) and
// the checks' per-kind thresholds (a pedestrian's size varies with its gait) both ask.
#include <string>

namespace fuselabel {

enum class ObjectKind { Vehicle, Cyclist, Pedestrian, Other };
ObjectKind object_kind(const std::string& class_name);
const char* object_kind_name(ObjectKind kind);  // "vehicle", "cyclist", "pedestrian", "other"

}  // namespace fuselabel
