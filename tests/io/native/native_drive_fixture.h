#pragma once
// A small native drive written by the tests themselves: 4 LiDAR sweeps (points with per-point
// times, synthesised from known world points under a moving ego at UTM-sized coordinates),
// a Brown-Conrady and a fisheye camera, one radar, and two label sets.
#include <cmath>
#include <filesystem>
#include <string>
#include <vector>

#include "io/native/native_drive.h"
#include "label_builders.h"
#include "io/common/image_io.h"
#include "io/common/point_file.h"

namespace fuselabel::testing {

constexpr int64_t kDriveStartUs = 1'700'000'000'000'000;
constexpr int64_t kSweepPeriodUs = 100'000;
constexpr int kSweeps = 4;
constexpr int kPointsPerSweep = 360;

// The ego's motion: accelerating, turning, slightly pitching, far from the world origin (UTM).
inline Transform3d sample_ego_pose(int64_t t_us) {
  const double s = double(t_us - kDriveStartUs) * 1e-6;
  const Quat<double> yaw = Quat<double>::from_yaw(0.3 + 0.4 * s);
  const Quat<double> pitch = Quat<double>::from_axis_angle({0, 1, 0}, 0.02 * std::sin(3 * s));
  return {(yaw * pitch).to_matrix(), {500'000.0 + 12 * s + 1.5 * s * s, 5'400'000.0 + 3 * std::sin(s), 31.0 + 0.2 * s}};
}

// Camera axes (x right, y down, z forward) looking along ego +x, and along ego +y.
inline Mat3<double> front_camera_axes() { return {{0, 0, 1, -1, 0, 0, 0, -1, 0}}; }
inline Mat3<double> left_camera_axes() { return {{1, 0, 0, 0, 0, 1, 0, -1, 0}}; }

inline NativeSensor make_sensor(const std::string& name, SensorKind kind, const Transform3d& T_ego_sensor) {
  NativeSensor s;
  s.name = name;
  s.kind = kind;
  s.T_ego_sensor = T_ego_sensor;
  s.index_file = "sensors/" + name + "/index.csv";
  return s;
}

inline CameraModeld front_camera_model() {
  CameraModeld cam;
  cam.type = CameraModelType::BrownConrady;
  cam.width = 1600, cam.height = 900;
  cam.fx = 1266.417203046554, cam.fy = 1266.417203046554, cam.cx = 816.2670197447984, cam.cy = 491.50706579294757;
  const double k[8] = {-0.12, 0.031, 1.2e-4, -3.4e-4, -0.004, 0.05, -0.002, 0.0007};
  for (int i = 0; i < 8; ++i) cam.dist[i] = k[i];
  cam.max_radius2 = lens_validity_radius2(cam);
  return cam;
}

inline CameraModeld left_camera_model() {
  CameraModeld cam;
  cam.type = CameraModelType::Fisheye;
  cam.width = 1280, cam.height = 960;
  cam.fx = 420.5, cam.fy = 421.25, cam.cx = 640.1, cam.cy = 479.7;
  const double k[4] = {0.031, -0.012, 0.0021, -0.0003};
  for (int i = 0; i < 4; ++i) cam.dist[i] = k[i];
  cam.near_plane = 0.05;
  cam.max_radius2 = lens_validity_radius2(cam);
  return cam;
}

struct SampleDrive {
  NativeDrive drive;
  LabelSet ground_truth;
  std::vector<std::vector<Vec3<double>>> sweep_world_points;  // per LiDAR frame, point order
  std::vector<std::vector<Vec3<double>>> radar_world_points;  // per radar sample
};

inline Transform3d world_from_sensor(const NativeDrive& drive, const NativeSensor& s, int64_t t_us) {
  return interpolate_pose(drive.ego_poses, t_us) * s.T_ego_sensor;
}

// Sweep k: points around the LiDAR, each measured at its own time t0 + t_offset while the ego
// moves; stored in the LiDAR frame of that time, as a real spinning LiDAR delivers them.
inline std::vector<float> synthesise_sweep(const NativeDrive& drive, int64_t t0, std::vector<Vec3<double>>& world) {
  const NativeSensor& lidar = drive.lidar();
  std::vector<float> records;
  for (int i = 0; i < kPointsPerSweep; ++i) {
    const double azimuth = 2 * M_PI * i / kPointsPerSweep;
    const double range = 8 + 30 * std::fmod(i * 0.618034, 1.0);
    const Vec3<double> p0{range * std::cos(azimuth), range * std::sin(azimuth), -1.5 + 3.5 * std::fmod(i * 0.414, 1.0)};
    world.push_back(world_from_sensor(drive, lidar, t0) * p0);
    const int64_t offset_us = int64_t(i) * kSweepPeriodUs / kPointsPerSweep;
    const Vec3<double> p = world_from_sensor(drive, lidar, t0 + offset_us).inverse() * world.back();
    for (double v : {p.x, p.y, p.z, double(i % 100), double(offset_us) * 1e-6}) records.push_back(float(v));
  }
  return records;
}

inline std::vector<float> synthesise_radar(const NativeDrive& drive, int64_t t, std::vector<Vec3<double>>& world) {
  const NativeSensor& radar = drive.sensor("RADAR_FRONT");
  const Transform3d T_world_radar = world_from_sensor(drive, radar, t);
  std::vector<float> records;
  for (int i = 0; i < 24; ++i) {
    const Vec3<double> p{10.0 + 2.5 * i, -8.0 + 0.7 * i, 0.3 * (i % 3)};
    world.push_back(T_world_radar * p);
    for (double v : {p.x, p.y, p.z, -11.5 + 0.25 * i, 3.0 + i}) records.push_back(float(v));
  }
  return records;
}

inline LabelSet sample_labels(const NativeDrive& drive) {
  LabelSet labels;
  labels.taxonomy = "fuselabel-test-v1";
  labels.tracks = {{"car-1", "car", {{"vehicle.moving", "true"}, {"color", "red, \"dark\""}}}, {"ped-1", "pedestrian", {}}};
  const std::vector<NativeSample>& sweeps = drive.lidar().samples;
  const Quat<double> heading = Quat<double>::from_yaw(0.3);
  for (int k = 0; k < kSweeps; ++k) {
    const Vec3<double> ahead = world_from_sensor(drive, drive.lidar(), sweeps[k].timestamp_us) * Vec3<double>{15, 1, -0.8};
    CuboidLabel car = track_box("car-1", k, sweeps[k].timestamp_us, {ahead, {4.5, 1.9, 1.6}, heading});
    if (k == 1 || k == 2) car.source = LabelSource::Interpolated, car.confidence = 0.75;
    if (k == 2) car.class_name = "van";  // a frame whose label names another class
    labels.boxes.push_back(car);
    if (k == 1 || k == 2)
      labels.boxes.push_back(track_box("ped-1", k, sweeps[k].timestamp_us,
                                       {ahead + Vec3<double>{2, 6, 0}, {0.7, 0.6, 1.8}, heading},
                                       k == 1 ? LabelSource::Refined : LabelSource::Extrapolated, 0.5));
  }
  for (const NativeSample& s : drive.sensor("CAM_FRONT").samples)
    labels.boxes_2d.push_back(track_box_2d("car-1", "CAM_FRONT", s.timestamp_us, {700.25, 400.5, 900.75, 520.0}));
  labels.boxes_2d.push_back(track_box_2d("ped-1", "CAM_LEFT", drive.sensor("CAM_LEFT").samples[0].timestamp_us, {10, 20, 30.5, 90}));
  return labels;
}

// Builds the drive and writes every file of it under `root`.
inline SampleDrive write_sample_drive(const std::filesystem::path& root) {
  SampleDrive sample;
  NativeDrive& d = sample.drive;
  d.root = root;
  d.name = "test-drive";
  d.world_frame = "UTM";
  for (int64_t t = kDriveStartUs - 50'000; t <= kDriveStartUs + 600'000; t += 10'000) d.ego_poses.push_back({t, sample_ego_pose(t)});
  d.sensors.push_back(make_sensor("LIDAR_TOP", SensorKind::Lidar,
                                  {Quat<double>::from_yaw(0.015).to_matrix(), {0.94, 0.01, 1.84}}));
  d.sensors.push_back(make_sensor("CAM_FRONT", SensorKind::Camera,
                                  {Quat<double>::from_axis_angle({0.2, 1, 0.1}, 0.01).to_matrix() * front_camera_axes(),
                                   {1.7, 0.02, 1.51}}));
  d.sensors.back().camera = front_camera_model();
  d.sensors.push_back(make_sensor("CAM_LEFT", SensorKind::Camera, {left_camera_axes(), {1.2, 0.9, 1.6}}));
  d.sensors.back().camera = left_camera_model();
  d.sensors.push_back(make_sensor("RADAR_FRONT", SensorKind::Radar, {Quat<double>::from_yaw(-0.02).to_matrix(), {3.6, 0, 0.5}}));
  for (int k = 0; k < kSweeps; ++k) {
    const int64_t t = kDriveStartUs + k * kSweepPeriodUs;
    d.sensors[0].samples.push_back({t, "sensors/LIDAR_TOP/" + std::to_string(k) + ".bin"});
    d.sensors[1].samples.push_back({t + 33'000, "sensors/CAM_FRONT/" + std::to_string(k) + ".jpg"});
    d.sensors[3].samples.push_back({t + 20'007, "sensors/RADAR_FRONT/" + std::to_string(k) + ".bin"});
  }
  // CAM_LEFT runs slower: frame 3 has no sample within 100 ms and goes without it.
  d.sensors[2].samples = {{kDriveStartUs + 60'000, "sensors/CAM_LEFT/0.png"}, {kDriveStartUs + 160'000, "sensors/CAM_LEFT/1.png"}};
  d.label_sets = {{"ground_truth", "labels/ground_truth.json"}, {"keyframes", "labels/keyframes.json"}};

  sample.sweep_world_points.resize(kSweeps);
  sample.radar_world_points.resize(kSweeps);
  for (int k = 0; k < kSweeps; ++k) {
    write_float_records(root / d.sensors[0].samples[k].file,
                        synthesise_sweep(d, d.sensors[0].samples[k].timestamp_us, sample.sweep_world_points[k]), 5);
    write_float_records(root / d.sensors[3].samples[k].file,
                        synthesise_radar(d, d.sensors[3].samples[k].timestamp_us, sample.radar_world_points[k]), 5);
  }
  // Every camera sample has its image (grey, the camera model's size), as a drive must.
  for (const NativeSensor& camera : d.sensors)
    for (const NativeSample& s : camera.kind == SensorKind::Camera ? camera.samples : std::vector<NativeSample>{})
      write_image(root / s.file, cv::Mat(camera.camera->height, camera.camera->width, CV_8UC3, cv::Scalar(90, 90, 90)));
  sample.ground_truth = sample_labels(d);
  LabelSet keyframes = sample.ground_truth;
  keyframes.boxes.clear();
  for (const CuboidLabel& b : sample.ground_truth.boxes)
    if (b.source == LabelSource::Keyframe) keyframes.boxes.push_back(b);
  write_native_drive(d);
  write_label_set(root / "labels/ground_truth.json", sample.ground_truth);
  write_label_set(root / "labels/keyframes.json", keyframes);
  return sample;
}

}  // namespace fuselabel::testing
