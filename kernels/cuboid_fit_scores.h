#pragma once
// The CPU backend's cuboid_fit scoring loop: one candidate pose against a job's points (staged as
// x, y, z arrays relative to the job's centre), as many points per instruction as the machine's
// widest SIMD unit holds (Google Highway, chosen at run time). Each lane does what
// cuboid_fit_point (kernels/cuboid_fit_impl.h) does, in the same order, and the integer sum does
// not depend on the order, so score and count equal the scalar body's exactly.
#include <cstdint>

#include "kernels/cuboid_fit_impl.h"

namespace fuselabel {

// The summed cuboid_fit_point of points [0, n); `inside` gets the points counted inside.
int64_t score_cuboid_candidate(const CuboidFitJobFrame& job, const CuboidFitPose& pose, const CuboidFitWeights& weights,
                               const float* xs, const float* ys, const float* zs, int64_t n, int32_t& inside);

}  // namespace fuselabel
