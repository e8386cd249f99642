#pragma once
// The per-(job, member) body of box_visibility, shared by both backends: project a point that
// lies in a cuboid as render_depth did and tell whether it owns its pixel.
#include "kernels/points_in_boxes.h"
#include "kernels/project_points_impl.h"

namespace fuselabel {

// records: the job's sweep; keys: the job's depth image, packed as make_depth_key.
FL_HOST_DEVICE bool member_owns_pixel(const CameraModelf& cam, const Transform3f& T_cam_sweep, const float* records,
                                      int stride, PointBox member, const uint64_t* keys) {
  float u, v, depth;
  int32_t pixel;
  project_record(cam, T_cam_sweep, records + static_cast<int64_t>(member.point) * stride, u, v, depth, pixel);
  // The key's low 32 bits name the owner; an empty pixel's (all ones) name no point, as sweeps
  // hold fewer than 2^32 - 1 points.
  return pixel >= 0 && static_cast<uint32_t>(keys[pixel] & 0xffffffffu) == static_cast<uint32_t>(member.point);
}

}  // namespace fuselabel
