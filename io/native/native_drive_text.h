#pragma once
// Values in the native drive's text files (drive.yaml, CSV, label JSON): strict parsing, the
// shortest text that reads back as the same double, the pairing of how a rotation is read with
// how it is written (so that write -> read -> write gives the same bytes), and file references.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "projection/quaternion.h"

namespace fuselabel {

// A stored quaternion may be off unit norm by this much (rounding of other writers); farther
// off is an error, never silently normalised.
constexpr double kUnitQuaternionTolerance = 1e-6;

// Shortest decimal text that parses back to exactly `value` ("0.1", "1e-07", "-3.25"); -0 is
// written "0". Throws std::invalid_argument for NaN or infinity (the readers reject them).
std::string format_double(double value);

// Finite and within kUnitQuaternionTolerance of norm 1.
bool is_near_unit(const Quat<double>& q);

// What a reader makes of a stored quaternion that passed is_near_unit: a transform's rotation
// matrix, or a cuboid's unit quaternion.
Mat3<double> rotation_as_read(const Quat<double>& stored);
Quat<double> unit_quaternion_as_read(const Quat<double>& stored);

// The quaternion a writer stores for a rotation matrix / a cuboid's quaternion, chosen so that
// writing what was read gives the same text again (docs/native-drive.md, "Numbers").
Quat<double> quaternion_to_write(const Mat3<double>& R);
Quat<double> unit_quaternion_to_write(const Quat<double>& q);

// A file reference of a native drive: a path inside the drive (io/common/drive_path.h) without
// ',' (the CSV indexes hold them). Returns the problem, or an empty string when acceptable.
std::string native_file_reference_problem(std::string_view path);

}  // namespace fuselabel
