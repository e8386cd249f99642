#pragma once
// OpenLABEL `streams` as the rig's sensors (docs/openlabel.md, "Streams"): lidar, radar and
// camera streams become sensors named as the stream; a camera's intrinsics become its model.
#include <optional>
#include <string>

#include <nlohmann/json.hpp>

#include "io/common/json_field.h"
#include "model/rig.h"

namespace fuselabel {

// The sensor of stream `f`, named `name` (its key), pose left at identity; nullopt for stream
// types that are not sensors of a rig (gps_imu, other). Cameras need intrinsics:
// `intrinsics_pinhole` (camera_matrix_3x4 or camera_matrix, distortion_coeffs_1xN or
// distortion_coeffs with 0, 4, 5 or 8 values, width_px, height_px), or the `intrinsics_custom`
// form fuselabel writes for fisheye and Mei cameras. InputError naming the file and JSON path.
std::optional<Sensor> read_openlabel_stream(const JsonField& f, const std::string& name);

// The stream of `sensor`, with a camera's intrinsics in the form read_openlabel_stream reads: a
// pinhole or Brown-Conrady camera as intrinsics_pinhole with K in the 3x4 matrix; a KITTI
// rectified camera as intrinsics_pinhole with its P (its coordinate system must then be the
// rectified frame: openlabel_camera_frame); fisheye and Mei as intrinsics_custom.
nlohmann::json openlabel_stream_json(const Sensor& sensor);

// T_sensor_cs: where the coordinate system OpenLABEL names after a camera sits in the camera's
// own frame. Identity, except for a KITTI rectified camera, whose projection matrix applies
// after its R_rect: OpenLABEL's camera matrix works in the rectified frame, R_rect^-1 from it.
Transform3d openlabel_camera_frame(const Sensor& sensor);

}  // namespace fuselabel
