#pragma once
// Camera models in drive.yaml (internal to io/): one flow mapping per camera, keyed by type
// (pinhole, brown_conrady, fisheye, kitti_rectified); see docs/native-drive.md.
#include <string>

#include "io/common/yaml_field.h"
#include "projection/camera_model.h"
#include "projection/transform.h"

namespace fuselabel {

// Validates every parameter; max_radius2 is derived (lens_validity_radius2), never stored.
CameraModeld read_camera_model(const YamlField& model);
// The flow mapping "{type: ..., width: ..., ...}" with a fixed key order.
std::string camera_model_yaml(const CameraModeld& model);

}  // namespace fuselabel
