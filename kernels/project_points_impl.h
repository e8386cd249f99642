#pragma once
// The one per-element body of project_points and render_depth, shared by both backends.
#include <cstdint>
#include <cstring>

#include "projection/camera_model.h"
#include "projection/transform.h"

namespace fuselabel {

FL_HOST_DEVICE void project_record(const CameraModelf& cam, const Transform3f& T_cam_sweep, const float* record,
                                   float& u, float& v, float& depth, int32_t& pixel) {
  const Vec3<float> p_cam = T_cam_sweep * Vec3<float>{record[0], record[1], record[2]};
  Vec2<float> uv;
  pixel = -1;
  if (!project_point(cam, p_cam, uv, depth)) {
    u = v = depth = 0.f;
    return;
  }
  u = uv.x;
  v = uv.y;
  int col, row;
  // validate() bounds width * height by 2^31 - 1, so this index cannot overflow.
  if (pixel_of(cam, uv, col, row)) pixel = row * cam.width + col;
}

// Depth is positive wherever a key is made, so its IEEE bits order like the depths and the
// packed key orders by depth first, then point index.
FL_HOST_DEVICE uint64_t make_depth_key(float depth, uint32_t point_index) {
  uint32_t bits;
  memcpy(&bits, &depth, sizeof bits);
  return (static_cast<uint64_t>(bits) << 32) | point_index;
}

}  // namespace fuselabel
