#pragma once
// OpenLABEL transform_data (a coordinate system's pose_wrt_parent, a frame's transform_src_to_dst):
// the three forms of ASAM OpenLABEL 1.0, each mapping X_dst = T X_src (docs/openlabel.md).
#include <nlohmann/json.hpp>

#include "io/common/json_field.h"
#include "projection/transform.h"

namespace fuselabel {

// Rotations (matrix blocks, quaternions) may be off orthonormal / unit by this much: other
// tools print them rounded. A quaternion within it is normalised; a matrix is kept as written.
constexpr double kOpenLabelRotationTolerance = 1e-3;

// One of
//   {"matrix4x4": [16 numbers, row-major, last row 0 0 0 1]},
//   {"quaternion": [x, y, z, w], "translation": [x, y, z]},
//   {"euler_angles": [a0, a1, a2], "sequence": "ZYX", "translation": [x, y, z]}:
// the rotation is R = R_s0(a0) R_s1(a1) R_s2(a2) for the axes s0 s1 s2 the sequence names
// (default "ZYX": a0 yaw about z, a1 pitch about y, a2 roll about x).
// InputError naming the file and JSON path for anything else, a non-rigid matrix, a
// translation beyond the coordinate range.
Transform3d read_openlabel_transform(const JsonField& f);

// The matrix4x4 form, which every OpenLABEL reader supports and which keeps the doubles exact.
nlohmann::json openlabel_transform_json(const Transform3d& T);

// R = Rz(rz) Ry(ry) Rx(rx): OpenLABEL's 9-value cuboid rotation (x, y, z, rx, ry, rz, ...).
Mat3<double> rotation_from_xyz_angles(double rx, double ry, double rz);

}  // namespace fuselabel
