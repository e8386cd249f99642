#pragma once
// The inverse of project_point (projection/camera_model.h): the ray of camera-frame points
// that a camera model maps to a given pixel position. The renderer traces these rays, so an
// image is rendered with exactly the lens model that projects labels into it.
#include "fusion/sim/ray_cast.h"
#include "projection/camera_model.h"

namespace fuselabel {

// Whether pixel_ray supports the model. Pinhole and KittiRectified invert in closed form;
// Brown-Conrady and fisheye need an iterative undistortion of the normalized image point
// (added with the multi-camera simulator).
bool pixel_ray_supported(CameraModelType type);

// The ray, in the camera frame, of the points that project to uv (OpenCV pixel-centre
// convention: pixel (c, r) is centred at uv = (c, r)). Unit direction, pointing to increasing
// depth. The origin is the projection centre: (0, 0, 0) for pinhole models, and for
// KittiRectified the centre of the P matrix (P2 and P3 sit beside cam0, the frame of
// T_cam_lidar). Throws std::invalid_argument for an unsupported model.
Ray pixel_ray(const CameraModeld& cam, Vec2<double> uv);

}  // namespace fuselabel
