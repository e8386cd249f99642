#include "model/coordinate_ranges.h"

#include <cmath>
#include <cstdio>

namespace fuselabel {
namespace {

std::string number_text(double value) {
  char text[32];
  std::snprintf(text, sizeof text, "%.9g", value);
  return text;
}

}  // namespace

std::string coordinate_problem(double value) {
  if (std::fabs(value) <= kMaxCoordinate) return "";
  return number_text(value) + " is out of range: coordinates lie within +-" + number_text(kMaxCoordinate) + " m";
}

std::string box_size_problem(double metres) {
  if (metres > 0 && metres <= kMaxBoxSize) return "";
  return number_text(metres) + " is not a box size: sizes lie in (0, " + number_text(kMaxBoxSize) + "] m";
}

}  // namespace fuselabel
