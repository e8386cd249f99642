#include "io/openlabel/openlabel_coordinate_systems.h"

#include <set>

#include "io/openlabel/openlabel_transform.h"

namespace fuselabel {

OpenLabelCoordinateSystems OpenLabelCoordinateSystems::read(const JsonField& field) {
  OpenLabelCoordinateSystems tree;
  std::map<std::string, std::vector<std::string>> declared_children;
  for (const std::string& name : field.keys()) {
    const JsonField f = field.at(name);
    f.expect_object({"type", "parent", "children", "pose_wrt_parent"});
    OpenLabelCoordinateSystem cs{name, f.required("type").text(), f.required("parent").string(), std::nullopt};
    if (f.has("pose_wrt_parent")) cs.T_parent_this = read_openlabel_transform(f.at("pose_wrt_parent"));
    if (f.has("children"))
      for (const JsonField& child : f.at("children").items()) declared_children[name].push_back(child.text());
    tree.systems_.emplace(name, std::move(cs));
  }
  for (const auto& [name, cs] : tree.systems_) {
    const JsonField f = field.at(name);
    if (cs.parent.empty()) {
      if (!tree.root_.empty())
        f.fail("a second root (no parent), besides '" + tree.root_ + "': the coordinate systems must form one tree");
      tree.root_ = name;
      if (cs.T_parent_this) f.at("pose_wrt_parent").fail("the root coordinate system has no parent to be posed in");
    } else if (!tree.has(cs.parent)) {
      f.at("parent").fail("undeclared coordinate system '" + cs.parent + "'");
    }
  }
  if (!tree.systems_.empty() && tree.root_.empty()) field.fail("no root coordinate system (every one has a parent: a cycle)");
  for (const auto& [name, cs] : tree.systems_) {
    std::set<std::string> seen;
    for (std::string at = name; !at.empty(); at = tree.systems_.at(at).parent)
      if (!seen.insert(at).second) field.at(name).at("parent").fail("the parents form a cycle through '" + at + "'");
  }
  for (const auto& [name, children] : declared_children)
    for (size_t i = 0; i < children.size(); ++i) {
      const auto child = tree.systems_.find(children[i]);
      if (child == tree.systems_.end() || child->second.parent != name)
        field.at(name).at("children").fail("'" + children[i] + "' is not a coordinate system whose parent is '" + name + "'");
    }
  return tree;
}

bool OpenLabelCoordinateSystems::is_at_or_below(const std::string& name, const std::string& ancestor) const {
  for (std::string at = name; !at.empty(); at = systems_.at(at).parent)
    if (at == ancestor) return true;
  return false;
}

std::optional<Transform3d> OpenLabelCoordinateSystems::T_ancestor(const std::string& ancestor, const std::string& name,
                                                                  const OpenLabelFramePoses& frame) const {
  Transform3d T;
  for (std::string at = name; at != ancestor; at = systems_.at(at).parent) {
    if (at.empty()) return std::nullopt;  // `ancestor` is not above `name`
    const auto posed = frame.find(at);
    const OpenLabelCoordinateSystem& cs = systems_.at(at);
    if (posed != frame.end()) {
      T = posed->second * T;
    } else if (cs.T_parent_this) {
      T = *cs.T_parent_this * T;
    } else {
      return std::nullopt;
    }
  }
  return T;
}

OpenLabelFramePoses OpenLabelCoordinateSystems::read_frame_transforms(const JsonField& transforms) const {
  OpenLabelFramePoses poses;
  for (const std::string& key : transforms.keys()) {
    const JsonField f = transforms.at(key);
    f.expect_object({"src", "dst", "transform_src_to_dst"});
    const std::string src = f.required("src").text(), dst = f.required("dst").text();
    if (!has(src)) f.at("src").fail("undeclared coordinate system '" + src + "'");
    if (!has(dst)) f.at("dst").fail("undeclared coordinate system '" + dst + "'");
    const Transform3d T_dst_src = read_openlabel_transform(f.required("transform_src_to_dst"));
    std::string child;
    Transform3d T_parent_child;
    if (at(src).parent == dst) {
      child = src, T_parent_child = T_dst_src;
    } else if (at(dst).parent == src) {
      child = dst, T_parent_child = T_dst_src.inverse();
    } else {
      f.fail("'" + src + "' and '" + dst + "' are not parent and child in coordinate_systems (a frame's transform "
             "re-poses one coordinate system in its parent)");
    }
    if (!poses.emplace(child, T_parent_child).second) f.fail("a second pose of '" + child + "' in this frame");
  }
  return poses;
}

}  // namespace fuselabel
