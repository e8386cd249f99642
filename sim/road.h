#pragma once
// The road of a simulated drive, in the world frame (flat ground z = 0): a centre line of
// straights and curves, lanes either side (right-hand traffic: the ego's direction uses the
// lanes right of the centre line, d < 0), shoulders (right: bike lane; left: parking),
// sidewalks, side roads at junctions and crosswalks where the ego stops.
#include <cstdint>
#include <vector>

#include "sim/sim_drive_config.h"
#include "sim/sim_path.h"

namespace fuselabel {

struct SimJunction {
  double s = 0;    // centre-line arc length of the side road's axis
  int side = 1;    // +1: the side road leaves to the left (d > 0), -1: to the right
  double width = 7.0;    // two lanes
  double length = 80.0;  // from the sidewalk's outer edge
};

struct SimCrosswalk {
  double s = 0;  // centre-line arc length of the zebra's first edge (the ego approaches from below)
  double length = 4.0;
};

struct SimRoad {
  SimRoadConfig layout;
  SimPath center;
  std::vector<SimJunction> junctions;    // sorted by s; only on straights
  std::vector<SimCrosswalk> crosswalks;  // sorted by s

  double carriageway_half_width() const { return layout.lanes_per_direction * layout.lane_width; }
  // Lateral offsets (left positive) of lane centres: lane 0 is next to the centre line.
  double ego_direction_lane(int lane) const { return -(lane + 0.5) * layout.lane_width; }
  double oncoming_lane(int lane) const { return (lane + 0.5) * layout.lane_width; }
  double ego_lane() const { return ego_direction_lane(layout.lanes_per_direction - 1); }  // rightmost
  double shoulder_center(int side) const { return side * (carriageway_half_width() + layout.shoulder_width / 2); }
  // Inner and outer offsets of the sidewalk on one side, as magnitudes.
  double sidewalk_inner() const { return carriageway_half_width() + layout.shoulder_width; }
  double sidewalk_outer() const { return sidewalk_inner() + layout.sidewalk_width; }

  // Whether centre-line arc length s lies within `margin` of a junction's side road or of a
  // crosswalk (parked cars and barriers keep clear of both).
  bool near_junction(double s, double margin) const;
  bool near_crosswalk(double s, double margin) const;
};

// A road of at least `length` metres starting with a straight at `start` heading `start_yaw`.
// Curves and junctions are drawn from the layout's ranges with `seed`; the shape depends on the
// seed only, so the same seed from another start gives the same road moved rigidly. Throws std::invalid_argument when the layout does not fit (a curve
// tighter than the road is wide).
SimRoad make_road(const SimRoadConfig& layout, double length, Vec2<double> start,
                  double start_yaw, uint64_t seed);

// Adds a crosswalk (kept sorted).
void add_crosswalk(SimRoad& road, double s);

}  // namespace fuselabel
