#pragma once
// The nuScenes devkit's 2D re-projections (scripts/export_2d_annotations_as_json.py) for one
// scene: per camera keyframe and annotation of its sample, the box of the projected cuboid as the
// devkit computes it (docs/export.md, "nuScenes 2D boxes"), with the devkit's record fields.
#include <map>
#include <string>

#include <nlohmann/json.hpp>

#include "io/nuscenes/nuscenes_scene.h"
#include "projection/polygon.h"

namespace fuselabel {

// The devkit's box of a cuboid (world frame) seen by a camera keyframe: the cuboid's corners in
// front of the camera (z > 0; corners behind are dropped, not clipped), projected with the
// intrinsic matrix, their convex hull intersected with the continuous image rectangle
// [0, W] x [0, H], and that intersection's bounds. false when fewer than three corners are in
// front or the hull misses the image.
bool devkit_image_box(const nuscenes::SensorSample& camera, const Cuboidd& box_world, Box2<double>& box);

// The records of `scene` from its written sample_annotation rows (`rows`: the version's whole
// table, only the scene's samples are used) and the class of each instance token: keys
// attribute_tokens, bbox_corners [x1, y1, x2, y2], category_name, filename (relative to the
// dataroot), instance_token, next, num_lidar_pts, num_radar_pts, prev, sample_annotation_token,
// sample_data_token, visibility_token. In scene order: sample, camera channel, row order.
nlohmann::json nuscenes_image_annotations(const nuscenes::SceneData& scene, const nlohmann::json& rows,
                                          const std::map<std::string, std::string>& class_of_instance);

}  // namespace fuselabel
