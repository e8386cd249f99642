#pragma once
// The CPU backend's projection body: a run of point records through one camera, as many points
// per instruction as the machine's widest SIMD unit holds (Google Highway, chosen at run time:
// AVX-512, AVX2, SSE4 or scalar). Same operations in the same order as project_record
// (kernels/project_points_impl.h), so the results are bit-identical to the scalar body.
#include <cstdint>

#include "kernels/project_points.h"

namespace fuselabel {

// Projects `count` records (x y z first, `stride` floats apart, stride >= 3) through cam after
// T_cam_sweep into out[0, count).
void project_records(const CameraModelf& cam, const Transform3f& T_cam_sweep, const float* records, int stride,
                     int64_t count, ProjectedPoint* out);

// The instruction set project_records uses on this machine (e.g. "AVX3", "AVX2", "SSE4").
const char* project_records_target();

}  // namespace fuselabel
