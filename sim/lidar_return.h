#pragma once
// Where a simulated LiDAR return lands once range noise is added, chosen so that the labels
// stay exact: every return of an actor lies inside that actor's cuboid and every return lies
// outside every other cuboid, each by at least kReturnClearance, so that the inclusive,
// no-margin points-in-cuboid rule (GUIDE.md) counts exactly the simulator's hits, even after
// float32 storage and deskewing. Cuboid labels enclose all of their object's points, as
// annotators draw them: noise on an actor return is taken inwards (a range bias of +0.8 sigma
// there), noise on the ground keeps both signs.
#include <vector>

#include "sim/ray_cast.h"

namespace fuselabel {

constexpr double kReturnClearance = 1e-3;  // m

// The range of the return of `ray` whose true surface is at `hit_distance`, `noise` the drawn
// range error and `own` the index in `boxes` of the cuboid hit (-1: the ground). False when no
// range satisfies the clearances (a ray grazing a cuboid's edge; a ground return that noise would
// move under a cuboid): the sensor loses that return. `boxes` must hold every cuboid the return
// could come near.
bool place_lidar_return(const Ray& ray, double hit_distance, double noise, int own,
                        const std::vector<CuboidFrame<double>>& boxes, double& range);

}  // namespace fuselabel
