#pragma once
// How much of a cuboid's projection the image cuts off (KITTI's truncation): the box
// project_cuboid_box gives on a camera whose image is extended on every side is the box before
// clipping. Host only.
#include <algorithm>

#include "projection/cuboid_projection.h"

namespace fuselabel {

// The camera with its image extended by `margin` pixels on every side (principal point shifted
// by the margin): pixel coordinates are the original ones plus the margin.
inline CameraModeld extended_camera(const CameraModeld& cam, int margin) {
  CameraModeld out = cam;
  out.width += 2 * margin;
  out.height += 2 * margin;
  if (cam.type == CameraModelType::KittiRectified) {
    // u = row0 . X / row2 . X: adding margin * row2 to row0 adds margin to u (likewise v).
    for (int i = 0; i < 4; ++i) {
      out.P[i] += margin * cam.P[8 + i];
      out.P[4 + i] += margin * cam.P[8 + i];
    }
  } else {
    out.cx += margin;
    out.cy += margin;
  }
  return out;
}

// Share of the cuboid's full projected box outside the image, 0 (inside) to 1; `clipped` is its
// box in the image (project_cuboid_box).
inline double truncated_share(const CameraModeld& cam, const Transform3d& T_cam_frame, const Cuboidd& box,
                              const Box2<double>& clipped) {
  // Far beyond any real box but small enough that pixel coordinates stay exact in double.
  constexpr int kMargin = 1000000;
  Box2<double> unclipped;
  if (!project_cuboid_box(extended_camera(cam, kMargin), T_cam_frame, box, unclipped)) return 0.0;
  const double full_area = box_area(unclipped);
  return full_area > 0 ? std::clamp(1.0 - box_area(clipped) / full_area, 0.0, 1.0) : 0.0;
}

}  // namespace fuselabel
