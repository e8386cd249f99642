#pragma once
// A camera of the drive rendered through its true lens model: one ray per pixel centre
// (pixel_ray.h) cast against the ground (asphalt, markings, sidewalks, grass) and the actors at
// the image's instant (global shutter), shaded as camera_render.h shades the single-frame scene.
#include <cstdint>
#include <vector>

#include <opencv2/core.hpp>

#include "sim/drive_world.h"
#include "projection/camera_model.h"

namespace fuselabel {

// The rays of every pixel of a camera, in the camera frame, computed once (undistortion is
// iterative), with the cones that bound tiles of them for culling actors.
class CameraRays {
 public:
  // Pinhole, Brown-Conrady or fisheye (rays from the origin); throws std::invalid_argument for
  // other models.
  explicit CameraRays(const CameraModeld& camera);

  const CameraModeld& camera() const { return camera_; }
  bool valid(int pixel) const { return valid_[pixel] != 0; }
  Vec3<double> direction(int pixel) const { return directions_[pixel]; }

  static constexpr int kTile = 16;
  // The narrowest cone around the mean ray of a tile that holds all its valid rays.
  struct Cone {
    Vec3<double> axis = {0, 0, 1};
    double cos_half_angle = 1;
    bool any = false;  // the tile has a valid pixel at all
  };
  int tiles_x() const { return tiles_x_; }
  int tiles_y() const { return tiles_y_; }
  const Cone& cone(int tx, int ty) const { return cones_[ty * tiles_x_ + tx]; }

 private:
  CameraModeld camera_;
  std::vector<Vec3<double>> directions_;
  std::vector<uint8_t> valid_;
  int tiles_x_ = 0, tiles_y_ = 0;
  std::vector<Cone> cones_;
};

struct SimCameraImage {
  cv::Mat image;        // CV_8UC3, BGR
  cv::Mat actor_index;  // CV_32SC1: index into SimDriveWorld::actors seen at each pixel, -1 otherwise
};

// The image at drive time t from a camera mounted at T_ego_cam (optical frame). Pixels outside
// the lens's valid field are black with actor index -1.
SimCameraImage render_drive_camera(const SimDriveWorld& world, const CameraRays& rays, const Transform3d& T_ego_cam,
                                   double t);

// Actors rendered at all, with their pixel counts (ascending actor index).
std::vector<std::pair<int32_t, int64_t>> actor_pixel_counts(const cv::Mat& actor_index);

}  // namespace fuselabel
