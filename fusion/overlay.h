#pragma once
// Evidence pictures: LiDAR points coloured by depth and cuboids drawn as projected wireframes
// on a camera image.
#include <opencv2/core.hpp>
#include <vector>

#include "kernels/project_points.h"
#include "projection/cuboid.h"

namespace fuselabel {

// Colour of a depth on a near-red to far-blue scale (OpenCV's TURBO map), clamped to
// [near_m, far_m].
cv::Scalar depth_colour(float depth, float near_m = 2.f, float far_m = 60.f);

void draw_points_by_depth(cv::Mat& image, const std::vector<ProjectedPoint>& points, int radius = 1);

// Edges clipped at the near plane and, for distorting lenses, drawn as the curves they
// project to. The front face (+x) is marked with a cross so the heading can be read.
void draw_cuboid_wireframe(cv::Mat& image, const CameraModeld& cam, const Transform3d& T_cam_box_frame,
                           const Cuboidd& box, const cv::Scalar& colour, int thickness = 2);

// A distinct, stable colour per label index.
cv::Scalar label_colour(size_t index);

}  // namespace fuselabel
