#pragma once
// The camera-LiDAR edge views of one drive frame (edge_alignment.h), for the sensor checks: per
// camera with an image at that frame, the sweep's edges in the camera (time-aligned chain,
// nominal extrinsic) and the image's edge score map. The edges are found among the points as
// measured and deskewed like them. Edges on labelled objects that move are moved with their track
// from the instant their return was measured to the image's, where the track's motion is known
// (the motion frame has a pose at the frame), and left out otherwise; each view also says how its
// edges move about the image's time (EdgeMotion) and which object each is on.
#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

#include "fusion/check/check_inputs.h"
#include "fusion/check/edge_alignment.h"
#include "fusion/check/lidar_edges.h"

namespace fuselabel {

struct CameraEdgeView {
  std::string camera;
  int64_t frame = 0;
  int64_t timestamp_us = 0;  // the image's
  std::filesystem::path image;
  AlignmentView view;
  std::vector<std::string> objects;  // the track of each moving object that view.objects names
};

struct CameraEdgeOptions {
  LidarEdgeSettings edges;
  EdgeScoreSettings score;
  double moving_speed_mps = 0.3;  // labelled objects faster than this are moving...
  double moving_margin_m = 0.3;   // ...and own the returns within this margin of their cuboid (at the return's time)
};

// `cameras`: the cameras wanted (empty: every one). Nothing for a frame without a sweep.
std::vector<CameraEdgeView> camera_edge_views(const CheckInputs& inputs, int64_t frame,
                                              const std::vector<std::string>& cameras,
                                              const CameraEdgeOptions& options = {});

// Cameras of the drive's rig whose timeline holds no image file: the sensor checks cannot look
// at them ("CAM: no images in the drive").
std::vector<std::string> cameras_without_images(const Drive& drive);

}  // namespace fuselabel
