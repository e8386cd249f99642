#pragma once
// Shared inputs of the benchmarks and of `fuselabel bench`: the same points and camera for
// fuselabel and its peers.
#include <vector>

#include "projection/camera_model.h"
#include "projection/transform.h"

namespace fuselabel::bench {

// A KITTI-like sweep: n points x y z intensity around the sensor, fixed seed.
const std::vector<float>& sweep(int64_t n);
// A Brown–Conrady camera (5 coefficients, cv::projectPoints' model) facing forward.
CameraModeld brown_conrady_camera();
Transform3d T_cam_lidar();

}  // namespace fuselabel::bench
