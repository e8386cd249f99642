#pragma once
// Ground-truth labels of a simulated drive in the native label-set model: world-frame cuboids
// per LiDAR frame, 2D boxes per camera image through the true lens, and the keyframe subset.
#include <cstdint>
#include <string>
#include <vector>

#include "sim/drive_world.h"
#include "io/native/native_drive.h"

namespace fuselabel {

// Taxonomy of the simulator's classes: car, truck, bus, pedestrian, cyclist, barrier.
inline const char* const kSimTaxonomy = "fuselabel-sim-v1";

// Cuboids of LiDAR frame `frame` (timestamp_us, drive time t): every actor that exists at t with
// its centre within `range` of the sensor at `sensor_world`. Ascending track id.
std::vector<CuboidLabel> frame_boxes(const SimDriveWorld& world, int64_t frame, int64_t timestamp_us, double t,
                                  Vec3<double> sensor_world, double range);

// 2D boxes of one camera image rendered at drive time t_true through `camera` at T_cam_world,
// recorded at timestamp_us: project_cuboid_box of each actor covering at least min_pixels pixels
// of the image (pixel_counts: actor -> pixels, from the rendered actor index) whose centre lies
// within `range` of the camera. Actors whose box does not project into the image are skipped.
std::vector<ImageBoxLabel> image_boxes(const SimDriveWorld& world, const std::string& camera_name,
                                    const CameraModeld& camera, const Transform3d& T_cam_world, double t_true,
                                    int64_t timestamp_us, const std::vector<std::pair<int32_t, int64_t>>& pixel_counts,
                                    int64_t min_pixels, double range);

// The tracks the boxes refer to (class and role of each actor), ascending id.
std::vector<Track> referenced_tracks(const SimDriveWorld& world, const std::vector<CuboidLabel>& boxes,
                                         const std::vector<ImageBoxLabel>& boxes_2d);

// The keyframe set: the boxes of every Kth LiDAR frame (0, K, 2K, ...) and, per camera, the 2D
// boxes of the image nearest in time to each keyframe (camera_times: recorded timestamps per
// camera name).
LabelSet keyframe_labels(const SimDriveWorld& world, const LabelSet& ground_truth, int keyframe_interval,
                         const std::vector<int64_t>& lidar_times,
                         const std::vector<std::pair<std::string, std::vector<int64_t>>>& camera_times);

}  // namespace fuselabel
