#pragma once
// Edges of a LiDAR sweep, the LiDAR side of camera-LiDAR edge alignment (after Levinson & Thrun,
// "Automatic Online Calibration of Cameras and Lasers", 2013). Depth edges: where a return is
// much nearer than its neighbour beside it (same beam, next firing) or above or below it (the
// next beam), the silhouette of the nearer surface lies between the two rays. Reflectivity
// edges: where neighbours beside each other on one surface differ much in intensity (a lane
// mark on asphalt), the painted edge the camera sees lies between them. Neighbours are
// found on a grid of azimuth x elevation cells in the sensor frame, so the order of the records
// (by beam, by firing, or neither) does not matter.
#include <vector>

#include "model/frame.h"
#include "projection/linalg.h"

namespace fuselabel {

struct LidarEdgeSettings {
  double azimuth_cell_deg = 0.2;     // finer than the firing step of common spinning LiDARs
  double elevation_cell_deg = 0.1;   // finer than their beam spacing
  // A neighbour beside is at most this many cells away, or 1.5 firing steps for sweeps fired
  // more coarsely (the median step between a row's returns).
  int max_azimuth_gap_cells = 4;
  double max_elevation_gap_deg = 3;  // a neighbour above or below is at most this far
  double min_jump_m = 1.0;           // the far return is at least this much farther...
  double min_jump_fraction = 0.15;   // ...and this fraction of the near range
  // Across beams, flat ground jumps in range too (each beam lands farther out): a pair counts
  // only where the two returns also differ this much in height, and not where the nearer is the
  // lower one and lies on a flat surface (slope below max_flat_slope) with the return below it:
  // that is the ground at the foot of an object or wall, which occludes nothing.
  double min_height_step_m = 0.3;
  double max_flat_slope = 0.25;
  double min_range_m = 1.5, max_range_m = 80;
  // Reflectivity edges: neighbours within this range difference (m, and fraction of range) are
  // one surface; an intensity step of this fraction of the sweep's 95th percentile intensity,
  // with the brighter at least min_intensity_ratio times the darker, is an edge.
  double same_surface_m = 0.3, same_surface_fraction = 0.03;
  double min_intensity_step = 0.25, min_intensity_ratio = 2.0;
  bool reflectivity = true;  // needs an "intensity" field
};

// An edge point of a sweep, in its frame. A depth edge: for a near/far neighbour pair across a
// jump, the point at the near return's range along the direction halfway between the two rays
// (the silhouette lies between them, so the midpoint is its unbiased estimate). A reflectivity
// edge: the midpoint of the two returns.
struct LidarEdge {
  Vec3<double> position;
  int64_t near_record = 0;  // the near return's record: its time, its object
};

// Records are x y z first.
std::vector<LidarEdge> lidar_depth_edges(const PointSweep& sweep, const LidarEdgeSettings& settings = {});

}  // namespace fuselabel
