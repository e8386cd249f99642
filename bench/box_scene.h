#pragma once
// The cuboids of the points-in-boxes benchmarks: the same for fuselabel and its peers.
#include <vector>

#include "projection/cuboid.h"

namespace fuselabel::bench {

// n car- and pedestrian-sized cuboids spread over the area of bench::sweep()'s points, a third
// of them overlapping another (fixed seed).
const std::vector<Cuboidd>& bench_cuboids(int n);

}  // namespace fuselabel::bench
