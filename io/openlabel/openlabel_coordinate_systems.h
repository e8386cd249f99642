#pragma once
// OpenLABEL `coordinate_systems`: a tree of named frames, each posed in its parent
// (pose_wrt_parent: X_parent = M X_child), some re-posed per frame by
// `frames[N].frame_properties.transforms` (docs/openlabel.md, "Coordinate systems").
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "io/common/json_field.h"
#include "projection/transform.h"

namespace fuselabel {

struct OpenLabelCoordinateSystem {
  std::string name;
  std::string type;    // scene_cs, local_cs, sensor_cs, custom, ...
  std::string parent;  // "" for the root
  std::optional<Transform3d> T_parent_this;  // the static pose; absent when not given
};

// The poses one frame gives: child name -> T_parent_child.
using OpenLabelFramePoses = std::map<std::string, Transform3d>;

class OpenLabelCoordinateSystems {
 public:
  // `field` is the file's `coordinate_systems` object. Checks that every parent is declared,
  // that there is exactly one root and no cycle, and that `children` lists (where given) agree
  // with the parents. InputError naming the file and JSON path otherwise.
  static OpenLabelCoordinateSystems read(const JsonField& field);

  bool empty() const { return systems_.empty(); }
  bool has(const std::string& name) const { return systems_.count(name) > 0; }
  const OpenLabelCoordinateSystem& at(const std::string& name) const { return systems_.at(name); }
  const std::string& root() const { return root_; }
  const std::map<std::string, OpenLabelCoordinateSystem>& all() const { return systems_; }
  // True when `ancestor` is `name` or above it.
  bool is_at_or_below(const std::string& name, const std::string& ancestor) const;

  // T_ancestor_name through the static poses and `frame` (a frame's poses override the static
  // ones); nullopt when a pose on the way is given by neither. `ancestor` must be at or above
  // `name`.
  std::optional<Transform3d> T_ancestor(const std::string& ancestor, const std::string& name,
                                        const OpenLabelFramePoses& frame = {}) const;

  // One frame's `transforms` object as poses of children in their parents: a transform whose
  // src is the child of dst gives T_dst_src, one whose dst is the child of src its inverse.
  // InputError for undeclared systems, or src and dst that are not parent and child.
  OpenLabelFramePoses read_frame_transforms(const JsonField& transforms) const;

 private:
  std::map<std::string, OpenLabelCoordinateSystem> systems_;
  std::string root_;
};

}  // namespace fuselabel
