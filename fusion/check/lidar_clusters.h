#pragma once
// Above-ground clusters of a sweep's points that no cuboid explains: the unlabeled_object check's
// evidence (an object nobody labelled).
#include <cstdint>
#include <vector>

#include "model/frame.h"
#include "projection/cuboid.h"

namespace fuselabel {

struct LidarCluster {
  Vec3<double> centre;               // of its points, in the LiDAR frame
  double length_m = 0, width_m = 0;  // footprint extents along the LiDAR's x and y, larger first
  double height_m = 0;               // of its highest point above the local ground
  int32_t points = 0;
  double range_m = 0;     // horizontal, of the centre
  Vec3<double> position;  // the centre in the frame tracks move in (CheckInputs sets it)
};

struct ClusterLimits {
  double max_range_m = 40;
  double cell_m = 0.4;              // points in 8-connected cells of this size form one cluster
  double min_above_ground_m = 0.3;  // the local ground: the lowest point within 2 m
  double max_above_ground_m = 3.5;
  double clearance_m = 1.0;  // points this close to a cuboid are its (an offset box is lidar_support's)
};

// The clusters of the sweep's points that lie above the local ground, within the range and
// farther than the clearance from every cuboid (`cuboids_in_lidar`), of any size: the caller
// decides what is object-sized.
std::vector<LidarCluster> unexplained_clusters(const PointSweep& sweep, const std::vector<Cuboidd>& cuboids_in_lidar,
                                               const ClusterLimits& limits);

}  // namespace fuselabel
