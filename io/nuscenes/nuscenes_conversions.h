#pragma once
// nuScenes conventions converted to the engine's, here and nowhere else: quaternions are
// already (w, x, y, z) but must be unit; box sizes are (w, l, h) with l along the box's local x
// axis (the heading), ours (l, w, h); camera_intrinsic is a 3x3 pinhole matrix (nuScenes images
// are undistorted). Each function throws std::invalid_argument describing the problem; the
// table readers turn that into an InputError naming the file, record and field.
#include <string>
#include <utility>
#include <vector>

#include "projection/camera_model.h"
#include "projection/cuboid.h"
#include "projection/transform.h"

namespace fuselabel::nuscenes {

// | |q| - 1 | above this is a corrupted rotation, not rounding (nuScenes prints 16 digits).
constexpr double kQuaternionNormTolerance = 1e-3;

// Four finite values (w, x, y, z) of norm 1 within tolerance, returned normalized.
Quat<double> unit_quaternion(const std::vector<double>& wxyz);
// Three finite values, each a coordinate within model/coordinate_ranges.h.
Vec3<double> position_vector3(const std::vector<double>& xyz);
// nuScenes (w, l, h) to (l, w, h); every value a box size (model/coordinate_ranges.h).
Vec3<double> size_wlh_to_lwh(const std::vector<double>& wlh);
// T_parent_child from a translation and a (w, x, y, z) rotation.
Transform3d rigid_transform(const std::vector<double>& translation, const std::vector<double>& rotation_wxyz);
// Pinhole camera from a 3x3 intrinsic matrix: positive focal lengths, no skew, last row 0 0 1.
CameraModeld pinhole_camera(const std::vector<std::vector<double>>& K, int width, int height);
// Attribute name "vehicle.moving" -> key "vehicle", value "moving" (a name without a dot is
// its own key, with an empty value).
std::pair<std::string, std::string> attribute_entry(const std::string& name);

}  // namespace fuselabel::nuscenes
