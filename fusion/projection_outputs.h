#pragma once
// What `fuselabel project` writes per camera CAM into OUT:
//   CAM_points.csv          point_index,u,v,depth for LiDAR points inside the image
//   CAM_depth.png           16-bit depth in millimetres, 0 = no point (saturates at 65.535 m)
//   CAM_overlay.jpg         the image, points coloured by depth, labelled cuboids as wireframes
//   CAM_RADAR_radar.csv     point_index,u,v,depth,vr,rcs per radar sensor RADAR, when present
// Every file is written atomically.
#include <filesystem>
#include <string>
#include <vector>

#include "fusion/frame_projection.h"

namespace fuselabel {

struct ProjectionOutputSummary {
  std::string camera;
  int64_t points_in_image = 0;
  int64_t depth_pixels = 0;
  int64_t saturated_depth_pixels = 0;  // nearest point beyond 65.535 m
  int64_t radar_points_in_image = 0;
};

std::vector<ProjectionOutputSummary> write_projection_outputs(const std::filesystem::path& out_dir,
                                                              const FrameData& frame,
                                                              const std::vector<CameraProjection>& projections);

// The formatted CSV (header and rows), exposed for tests.
std::string lidar_points_csv(const std::vector<ProjectedPoint>& points);

}  // namespace fuselabel
