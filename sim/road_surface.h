#pragma once
// What the ground is made of at a world point: asphalt, paint (lane lines, crosswalk stripes,
// stop lines), concrete sidewalk or grass. The camera shades by it and the LiDAR takes its
// reflectivity from it, so both see the same markings.
#include <cstdint>
#include <vector>

#include "sim/road.h"

namespace fuselabel {

enum class GroundMaterial : uint8_t { Asphalt, Paint, Concrete, Grass };

// Road coordinates of a point: centre-line arc length and signed lateral offset (left positive).
struct RoadCoordinates {
  double s = 0, d = 0;
};

// The road around one place (a window of centre-line arc length), prepared for many lookups.
// Lookups are independent of each other; the hint only speeds them up (pass the same int for
// neighbouring points; any value is valid).
class RoadSurface {
 public:
  RoadSurface(const SimRoad& road, double s_lo, double s_hi);

  RoadCoordinates coordinates(double x, double y, int& hint) const;
  GroundMaterial material_at(double x, double y, int& hint) const;
  GroundMaterial material(RoadCoordinates rc) const;

 private:
  struct Piece {
    double s0, length, curvature;
    PathPose start;
    double cos_yaw, sin_yaw;  // of the start heading (straights)
    Vec2<double> centre;      // of curvature (arcs)
    double mid_yaw;           // heading at the arc's middle, wrapped to [-pi, pi]
  };
  // Nearest point on piece i: false when it is at one of the piece's ends (not a foot of a
  // perpendicular), where a neighbouring piece may be nearer.
  bool project(int i, double x, double y, RoadCoordinates& rc, double& distance) const;
  bool on_side_road(RoadCoordinates rc) const;
  bool on_crosswalk_paint(RoadCoordinates rc) const;
  bool on_lane_line(RoadCoordinates rc) const;

  const SimRoad& road_;
  std::vector<Piece> pieces_;
  std::vector<SimJunction> junctions_;
  std::vector<SimCrosswalk> crosswalks_;
};

// Diffuse reflectivity at the LiDAR's wavelength (near infrared).
double lidar_reflectivity(GroundMaterial material);

}  // namespace fuselabel
