#pragma once
// The KITTI class a label's class is written as (docs/export.md, "Classes"): KITTI's own classes
// as they are, the simulator's and nuScenes' by a fixed table, anything else only through the
// user's map. KITTI's readers, ours included, accept only KITTI's classes.
#include <map>
#include <optional>
#include <string>

namespace fuselabel {

// `overrides` (from --class-map FROM=TO) first; TO "-" leaves the class out. nullopt: no KITTI
// class, the label is left out.
std::optional<std::string> kitti_class(const std::string& class_name, const std::map<std::string, std::string>& overrides);

}  // namespace fuselabel
