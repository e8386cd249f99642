#pragma once
// The per-element body of boxes_to_image, shared by both backends: a cuboid's corners (in its
// frame, computed once per cuboid) into one camera.
#include "kernels/boxes_to_image.h"
#include "projection/cuboid_projection.h"

namespace fuselabel {

// corners_frame: the cuboid's 8 corners (cuboid_corners' order) in the job's frame.
FL_HOST_DEVICE ImageBox cuboid_in_image(const CameraModeld& cam, const Transform3d& T_cam_frame,
                                        const Vec3<double>* corners_frame) {
  Vec3<double> corners_cam[8];
  for (int k = 0; k < 8; ++k) corners_cam[k] = T_cam_frame * corners_frame[k];
  ImageBox out;
  out.visible = project_cuboid_box(cam, corners_cam, out.box);
  if (!out.visible) out.box = Box2<double>{};
  return out;
}

}  // namespace fuselabel
