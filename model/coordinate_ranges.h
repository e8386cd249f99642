#pragma once
// The ranges a position or a box size read from a drive must lie in (docs/formats.md, "Limits").
// Readers check each number where they parse it, so an absurd value (1e300, a placeholder taken
// for a coordinate) is bad input naming the file and field, never a failure later in a kernel
// that narrows boxes to float.
#include <string>

namespace fuselabel {

// Metres from the origin of any frame of a drive (a box centre, a pose): UTM northings (below
// 1e7) and Earth-centred coordinates (below 6.4e6) fit with room to spare.
inline constexpr double kMaxCoordinate = 1e8;
// Metres: the length, width or height of a box; no labelled object is 10 km long.
inline constexpr double kMaxBoxSize = 1e4;

// "" when |value| <= kMaxCoordinate, else the problem.
std::string coordinate_problem(double value);
// "" when 0 < metres <= kMaxBoxSize, else the problem.
std::string box_size_problem(double metres);

}  // namespace fuselabel
