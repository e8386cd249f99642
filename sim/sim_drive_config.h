#pragma once
// Configuration of a simulated drive (docs/simulator.md lists every key of the YAML file with its
// default). Units: metres, radians, seconds; timestamps in files are int64 microseconds. The
// defaults are the committed sample's rig: one 32-beam LiDAR, two radars, three cameras (pinhole,
// Brown-Conrady, fisheye) at reduced resolution.
#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

#include "projection/camera_model.h"
#include "projection/transform.h"

namespace fuselabel {

// Where a sensor sits on the ego vehicle (ego frame: x forward, y left, z up, origin on the
// ground below the rear axle). The sensor body faces +x after yaw (about z), then pitch (about
// the new y; positive looks down) and roll (about the new x). A camera's optical frame (OpenCV:
// x right, y down, z forward) is its body frame with z along the body's x.
struct SimMount {
  Vec3<double> position = {0, 0, 0};
  double yaw = 0, pitch = 0, roll = 0;
};

struct SimLidarSpec {
  std::string name = "LIDAR_TOP";
  SimMount mount = {{0.95, 0.0, 1.84}, 0, 0, 0};
  double rate_hz = 10;        // revolutions per second; one sample per revolution
  double time_offset = 0.0;   // s: first sweep starts this long after the drive starts
  int beams = 32;             // evenly spaced from elevation_max down to elevation_min
  double elevation_max = 0.18624;   // rad, +10.67 degrees (Velodyne HDL-32E)
  double elevation_min = -0.53529;  // rad, -30.67 degrees
  std::vector<double> elevations;   // rad, top beam first; when given, overrides the three above
  int azimuth_steps = 1084;   // firings per revolution
  double min_range = 1.0, max_range = 100.0;
  double range_noise = 0.02;  // m, Gaussian sigma (truncated at 3 sigma)
  double dropout = 0.02;      // probability that a ray with a target returns nothing
  // Actors hold their pose at the sweep's start for the whole sweep while the ego still moves:
  // every actor return then lies inside its frame's label, whatever the actor's speed. An
  // idealisation for exact label checks; by default actors move during the sweep as they do.
  bool freeze_actors = false;
};

struct SimRadarSpec {
  std::string name = "RADAR_FRONT";
  SimMount mount = {{3.7, 0.0, 0.5}, 0, 0, 0};
  double rate_hz = 13;
  double time_offset = 0.011;
  double fov_azimuth = 1.2;     // rad, full width
  double fov_elevation = 0.2;   // rad, full height
  double ray_spacing = 0.005;   // rad between the rays that find surfaces
  double min_range = 0.5, max_range = 150.0;
  double range_noise = 0.1;      // m
  double azimuth_noise = 0.004;  // rad
  double elevation_noise = 0.01; // rad
  double velocity_noise = 0.05;  // m/s
  double rcs_noise = 2.0;        // dB
  double detection_probability = 0.95;  // for a 10 dBsm target well inside max_range
  int max_detections_per_actor = 3;
  double false_alarms = 2.0;     // mean per scan (Poisson)
};

struct SimCameraSpec {
  std::string name = "CAM_FRONT";
  SimMount mount = {{1.7, 0.0, 1.5}, 0, 0, 0};
  CameraModelType model = CameraModelType::Pinhole;  // pinhole | brown_conrady | fisheye
  int width = 480, height = 270;
  // Focal lengths and principal point in pixels; values <= 0 mean "derived": fx = fy = width / 2
  // (90 degrees across a pinhole image), cx = (width - 1) / 2, cy = (height - 1) / 2.
  double fx = 0, fy = 0, cx = 0, cy = 0;
  std::vector<double> distortion;  // brown_conrady: k1 k2 p1 p2 k3 [k4 k5 k6]; fisheye: k1..k4
  double rate_hz = 12;
  double time_offset = 0.004;
  std::string image_format = "jpg";  // jpg | png
  int jpeg_quality = 90;
};

struct SimRoadConfig {
  int lanes_per_direction = 2;
  double lane_width = 3.5;
  double shoulder_width = 2.5;  // right: bike lane; left: parking
  double sidewalk_width = 2.5;
  double straight_min = 80, straight_max = 300;  // m
  double radius_min = 80, radius_max = 500;      // m
  double turn_max = 1.2;                          // rad turned by one curve
  double junction_probability = 0.8;  // that a straight of 120 m or more has a side road
};

struct SimEgoConfig {
  double initial_speed = 10;                   // m/s
  double speed_min = 7, speed_max = 14;        // cruise speeds are drawn from this range
  double speed_change_interval = 20;           // s between new cruise speeds
  double acceleration = 1.5, deceleration = 2.5;  // m/s^2, comfortable
  double lateral_acceleration = 2.0;           // m/s^2 allowed in curves
  double first_stop = 25;                      // s: time the ego comes to rest the first time
  double stop_interval = 60;                   // s between stops (<= 0: stop once)
  double stop_duration = 15;                   // s standing at a crosswalk
};

struct SimTrafficConfig {
  bool lead_vehicle = true;      // a car ahead in the ego lane that the ego follows
  double lead_headway = 1.5;     // s
  // Candidates per km of road around the ego's drive; those that would collide are dropped.
  double overtaking_per_km = 8, oncoming_per_km = 12;
  double cyclists_per_km = 6, pedestrians_per_km = 30;
  double crossing_pedestrians = 3;  // mean number crossing at each stop
  double parked_per_km = 25, barriers_per_km = 10;
  double turning_probability = 0.7;  // that a junction the ego passes has a turning vehicle
  double spawn_distance = 120;       // m: moving actors appear and vanish at least this far away
  // Stop-and-go: lane vehicles (overtaking, oncoming) change speed now and then after the time
  // they are placed at, holding a speed for an exponentially distributed time of this mean (s)
  // and then braking or speeding up at speed_change_rate (m/s^2) to a speed drawn between
  // 30% and 100% of their cruise speed. 0 keeps them at constant speed.
  double speed_change_interval = 0;
  double speed_change_rate = 3.0;
};

struct SimDriveConfig {
  std::string name = "sim-drive";
  uint64_t seed = 0;
  double duration = 4.5;                      // s
  int64_t start_time_us = 1'700'000'000'000'000;  // absolute time of the drive's start
  double ego_pose_rate_hz = 100;
  double timestamp_jitter = 20e-6;            // s, uniform +- on every sensor timestamp
  int keyframe_interval = 5;                  // K: label set "keyframes" holds every Kth LiDAR frame
  double label_range = 80;                    // m from the LiDAR: actors labelled in 3D (and 2D)
  int min_visible_pixels = 10;                // 2D boxes only for actors covering this many pixels
  SimRoadConfig road;
  SimEgoConfig ego;
  SimTrafficConfig traffic;
  SimLidarSpec lidar;
  std::vector<SimRadarSpec> radars = default_radars();
  std::vector<SimCameraSpec> cameras = default_cameras();

  static std::vector<SimRadarSpec> default_radars();
  static std::vector<SimCameraSpec> default_cameras();
};

// Throws std::invalid_argument naming the first unusable field ("cameras[1].width: ...").
void validate_sim_drive_config(const SimDriveConfig& config);

// Reads a YAML config; missing keys keep their defaults. Unknown keys, wrong types, bad values:
// InputError naming the file, the key path and its line.
SimDriveConfig read_sim_drive_config(const std::filesystem::path& path);

// Sensor extrinsic T_ego_sensor of a mount; cameras get the optical axes.
Transform3d mount_transform(const SimMount& mount, bool optical);
// The camera model of a spec: derived defaults filled in, max_radius2 from the lens.
CameraModeld camera_model(const SimCameraSpec& spec);

}  // namespace fuselabel
