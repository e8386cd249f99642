#pragma once
// A camera model for a crop of its image resampled by a scale: pixel (u, v) of the original image
// is pixel ((u - x0) * scale, (v - y0) * scale) of the crop, for every camera model. Host only.
#include "projection/camera_model.h"

namespace fuselabel {

inline CameraModeld cropped_camera(const CameraModeld& cam, double x0, double y0, double scale, int width, int height) {
  CameraModeld out = cam;
  out.width = width, out.height = height;
  if (cam.type == CameraModelType::KittiRectified) {
    // u = row0 . X / row2 . X: row0 - x0 row2 shifts u by -x0, and scaling the row scales u.
    for (int i = 0; i < 4; ++i) {
      out.P[i] = scale * (cam.P[i] - x0 * cam.P[8 + i]);
      out.P[4 + i] = scale * (cam.P[4 + i] - y0 * cam.P[8 + i]);
    }
  } else {
    out.fx = scale * cam.fx, out.fy = scale * cam.fy, out.skew = scale * cam.skew;
    out.cx = scale * (cam.cx - x0), out.cy = scale * (cam.cy - y0);
  }
  return out;
}

}  // namespace fuselabel
