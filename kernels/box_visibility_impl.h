#pragma once
// The per-(job, point) body of box_visibility, shared by both backends: project the point as
// render_depth did, and if it owns its pixel, credit every cuboid that contains it.
#include "kernels/points_in_boxes_impl.h"
#include "kernels/project_points_impl.h"

namespace fuselabel {

// on_visible(b) for every box b (global index) containing point i of the sweep, when that
// point owns its pixel in the job's depth image (keys: that image, packed as make_depth_key).
template <typename OnVisible>
FL_HOST_DEVICE void credit_visible_point(const CameraModelf& cam, const Transform3f& T_cam_sweep, const float* record,
                                         uint32_t i, const uint64_t* keys, const BoxIndexView& index, int32_t sweep,
                                         OnVisible&& on_visible) {
  float u, v, depth;
  int32_t pixel;
  project_record(cam, T_cam_sweep, record, u, v, depth, pixel);
  // The key's low 32 bits name the owner; an empty pixel's (all ones) name no point, as sweeps
  // hold fewer than 2^32 - 1 points.
  if (pixel < 0 || static_cast<uint32_t>(keys[pixel] & 0xffffffffu) != i) return;
  for_each_containing_box(index, sweep, Vec3<float>{record[0], record[1], record[2]}, on_visible);
}

}  // namespace fuselabel
