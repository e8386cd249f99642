#pragma once
// The inverse of project_point (projection/camera_model.h): the ray of camera-frame points
// that a camera model maps to a given pixel position. The renderers trace these rays, so an
// image is rendered with exactly the lens model that projects labels into it.
#include "sim/ray_cast.h"
#include "projection/camera_model.h"

namespace fuselabel {

// Whether pixel_ray supports the model: every model of camera_model.h. Pinhole and
// KittiRectified invert in closed form; Brown-Conrady and fisheye by a safeguarded Newton
// iteration on the normalized image point (to about 1e-12 of the focal length).
bool pixel_ray_supported(CameraModelType type);

// The ray, in the camera frame, of the points that project to uv (OpenCV pixel-centre
// convention: pixel (c, r) is centred at uv = (c, r)). Unit direction, pointing to increasing
// depth. The origin is the projection centre: (0, 0, 0) except for KittiRectified, whose
// centre is that of the P matrix (P2 and P3 sit beside cam0, the frame of T_cam_lidar).
// False when no ray inside the lens's valid field (CameraModel::max_radius2, and in front of
// the camera) projects to uv, e.g. the corners of a fisheye image.
bool try_pixel_ray(const CameraModeld& cam, Vec2<double> uv, Ray& ray);

// The same; throws std::domain_error for a pixel outside the valid field.
Ray pixel_ray(const CameraModeld& cam, Vec2<double> uv);

}  // namespace fuselabel
