#pragma once
// The per-edge body of score_edge_candidates, shared by both backends and by the host-side
// AlignmentView (fusion/check/edge_alignment.h).
#include <cmath>

#include "projection/camera_model.h"
#include "projection/transform.h"

namespace fuselabel {

// The score map read bilinearly at (u, v), pixel centres at integer coordinates; 0 outside the
// interior where all four neighbours exist.
template <typename T>
FL_HOST_DEVICE float bilinear_score(const float* map, int width, int height, T u, T v) {
  const T fc = floor(u), fr = floor(v);
  if (!(fc >= T(0) && fr >= T(0) && fc + T(1) < T(width) && fr + T(1) < T(height))) return 0.f;
  const int c = int(fc), r = int(fr);
  const T du = u - fc, dv = v - fr;
  const float* a = map + int64_t(r) * width + c;
  const float* b = a + width;
  return float((T(1) - dv) * ((T(1) - du) * a[0] + du * a[1]) + dv * ((T(1) - du) * b[0] + du * b[1]));
}

// One edge's score under one candidate.
FL_HOST_DEVICE float edge_score(const CameraModelf& cam, const Transform3f& T_true_nominal, const float* edge,
                                const float* map) {
  Vec2<float> uv;
  float depth;
  if (!project_point(cam, T_true_nominal * Vec3<float>{edge[0], edge[1], edge[2]}, uv, depth)) return 0.f;
  return bilinear_score(map, cam.width, cam.height, uv.x, uv.y);
}

}  // namespace fuselabel
