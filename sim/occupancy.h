#pragma once
// Keeps generated traffic free of collisions: every accepted body (the ego, actors) is sampled
// over the drive on a fine time grid, and a candidate actor is refused when its footprint comes
// within a clearance of any of them at any grid time. Bodies move less than the clearance
// between grid times, so footprints never overlap in between either.
#include <vector>

#include "sim/drive_world.h"

namespace fuselabel {

class OccupancyChecker {
 public:
  // Checks cover drive time [t_lo, t_hi] every `step` seconds.
  OccupancyChecker(double t_lo, double t_hi, double step);

  void add_ego(const SimEgo& ego);
  void add(const SimDriveActor& actor);
  // Whether the actor comes within `clearance` metres of anything added.
  bool conflicts(const SimDriveActor& actor, double clearance) const;

 private:
  struct Footprint {
    double x, y, yaw;
  };
  struct Body {
    int k0 = 0;  // grid index of samples[0]
    std::vector<Footprint> samples;
    double half_length = 0, half_width = 0;
    double x_lo = 0, x_hi = 0, y_lo = 0, y_hi = 0;  // bounds of all samples (centres)
  };
  Body sample(const SimDriveActor& actor) const;
  Body sample_ego(const SimEgo& ego) const;
  void finish(Body& body) const;
  static bool overlap(const Body& a, const Footprint& fa, const Body& b, const Footprint& fb, double clearance);

  double t_lo_, step_;
  int steps_;
  std::vector<Body> moving_, standing_;
};

}  // namespace fuselabel
