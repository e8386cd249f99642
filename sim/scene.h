#pragma once
// A static scene for the simulator, in the LiDAR frame (x forward, y left, z up): a flat
// ground plane with painted lane marks and solid actors (cuboids). Every sensor model
// (ray_cast.h, lidar_sim.h, camera_render.h) reads the same scene, so the sensors agree with
// each other and with the labels exactly.
#include <cstdint>
#include <string>
#include <vector>

#include "projection/cuboid.h"

namespace fuselabel {

// KITTI's Velodyne is mounted 1.73 m above the road.
constexpr double kSimLidarHeight = 1.73;

struct SimColor {
  uint8_t r = 0, g = 0, b = 0;
};

// Colours actors are drawn from: car paints and clothing.
inline constexpr SimColor kSimVehicleColors[] = {{235, 235, 235}, {170, 172, 176}, {35, 35, 38},    {170, 30, 30},
                                                 {30, 60, 150},   {80, 80, 85},    {200, 185, 150}, {40, 100, 60}};
inline constexpr SimColor kSimClothingColors[] = {{60, 60, 140}, {150, 40, 40}, {50, 110, 60}, {200, 170, 60}, {230, 120, 20}};

struct SimActor {
  std::string track_id;
  std::string class_name;  // Car, Van, Truck, Pedestrian, Cyclist
  Cuboidd box;             // LiDAR frame; the bottom face rests on the ground plane
  SimColor base_color;
  double lidar_reflectivity = 0.3;  // diffuse reflectance at the LiDAR's wavelength, [0, 1]
};

// A painted rectangle on the ground plane (dashes, edge lines).
struct SimLaneMark {
  Vec2<double> center;  // x, y on the ground plane
  double length = 0;    // along the mark's heading
  double width = 0;
  double yaw = 0;       // heading about z
};

struct SimScene {
  double ground_z = -kSimLidarHeight;  // the ground is the plane z = ground_z
  double asphalt_reflectivity = 0.12;
  double paint_reflectivity = 0.55;
  std::vector<SimLaneMark> lane_marks;
  std::vector<SimActor> actors;
};

// The sample scene behind data-samples/: a straight road (ego lane plus one lane either side,
// dashed separators, solid edges) and 6 to 8 non-overlapping actors of plausible KITTI class
// sizes, centred 5-40 m ahead of the sensors, two of them near the left and right borders of
// a KITTI camera's view. Fully determined by `seed` (no implementation-defined distributions).
// An actor that finds no free place in 200 tries is left out; no seed in 0..49 loses one.
SimScene make_sample_scene(uint64_t seed);

// Whether a point of the ground plane (x, y) is painted.
bool on_lane_mark(const SimScene& scene, double x, double y);

// Whether two actors' footprints (bird's-eye rectangles) come closer than `clearance` metres.
// Actors stand on the same ground plane, so this is their 3D overlap test.
bool footprints_overlap(const Cuboidd& a, const Cuboidd& b, double clearance);

}  // namespace fuselabel
