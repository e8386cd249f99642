#pragma once
// Renders what a camera sees of a scene by casting one ray per pixel centre through the same
// lens model that projects labels (pixel_ray.h): Lambertian cuboid faces in the actor's
// colour, asphalt with white lane marks, sky above the horizon. No anti-aliasing, so each
// pixel belongs to exactly one surface and the actor-index image is exact ground truth.
#include <cstdint>
#include <vector>

#include <opencv2/core.hpp>

#include "sim/scene.h"
#include "projection/camera_model.h"
#include "projection/transform.h"

namespace fuselabel {

struct CameraRender {
  cv::Mat image;        // CV_8UC3, BGR, cam.height x cam.width
  cv::Mat actor_index;  // CV_32SC1: the actor seen at each pixel, -1 for ground or sky
};

// T_cam_lidar maps scene (LiDAR-frame) points into the camera frame of `cam`.
// Pixels outside the lens's valid field (try_pixel_ray) are black, with actor index -1.
CameraRender render_camera(const SimScene& scene, const CameraModeld& cam, const Transform3d& T_cam_lidar);

// Per actor: the pixels it would cover were every other actor removed (its silhouette, clipped
// to the image). Compared with the pixels it covers in render_camera's actor_index, this
// separates occlusion by other actors from truncation by the image border.
std::vector<int64_t> unoccluded_pixel_counts(const SimScene& scene, const CameraModeld& cam,
                                             const Transform3d& T_cam_lidar);

// Pixels per actor in an actor-index image (index -1 is not counted).
std::vector<int64_t> visible_pixel_counts(const cv::Mat& actor_index, int actor_count);

}  // namespace fuselabel
