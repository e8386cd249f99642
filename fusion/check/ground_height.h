#pragma once
// The ground's height under a cuboid, from the sweep's points around it: the ground_contact
// check's evidence (a cuboid floating above the ground or sunk into it).
#include <cstdint>
#include <optional>
#include <vector>

#include "projection/cuboid.h"

namespace fuselabel {

// Around a cuboid (already grown by its object's motion during the sweep): kGroundApronMetres
// wider on every side and kGroundBandMetres above and below its bottom. Upright cuboids only
// (the box's own z is the up axis).
constexpr double kGroundApronMetres = 2.5, kGroundBandMetres = 1.5;
Cuboidd ground_apron(const Cuboidd& box);

struct GroundHeight {
  int32_t points = 0;   // ground points the height rests on
  double height_m = 0;  // of the ground under the cuboid's centre, above its bottom (> 0: the cuboid is sunk)
};

// From the points of `apron` (indices into the sweep's float records of `stride`) that no cuboid
// owns and that lie outside the box grown by kGroundClearMetres: the ground is their lowest layer
// (from the 25th percentile of heights to 0.25 m above it), a plane fitted to that layer where
// it surrounds the box (else its mean) gives the height under the centre. nullopt with fewer
// than `min_points` in the layer, or with the layer on fewer than two sides of the box (front,
// back, left, right: kMinGroundPointsPerSide points or more on each): on one side it is as likely
// another object's edge.
constexpr double kGroundClearMetres = 0.3;
constexpr int kMinGroundPointsPerSide = 3;
std::optional<GroundHeight> ground_under(const Cuboidd& box, const float* records, int stride,
                                         const std::vector<int32_t>& apron_points, int min_points);

}  // namespace fuselabel
