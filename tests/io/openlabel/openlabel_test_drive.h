#pragma once
// A small drive in the model for the OpenLABEL tests: a LiDAR, one camera of every model, a
// curving ego trajectory and labels of every kind the writer handles (tracks with attributes,
// sources, confidences and velocities, a frame naming another class, an untracked cuboid with
// its 2D box, DontCare regions, an untracked 2D box).
#include <cmath>
#include <string>

#include "label_builders.h"
#include "model/drive.h"
#include "random_calibration.h"

namespace fuselabel::testing {

inline Drive openlabel_test_drive(LabelFrame frame, uint64_t seed = 7) {
  RandomScene scene(seed);
  Drive drive;
  drive.format = "native";
  drive.name = "openlabel-test";
  Rig rig;
  // A LiDAR mounted nearly level, as on a vehicle (its boxes stay z-up in the ego frame).
  const Mat3<double> lidar_tilt = Quat<double>::from_axis_angle({scene.uniform(-1, 1), scene.uniform(-1, 1), 1}, 0.05).to_matrix();
  rig.sensors.push_back({"LIDAR_TOP", SensorKind::Lidar, {lidar_tilt, {0.9, 0.1, 1.8}}, std::nullopt, 10});
  const char* names[] = {"CAM_PINHOLE", "CAM_BROWN", "CAM_KITTI", "CAM_FISHEYE", "CAM_MEI"};
  for (int m = 0; m < 5; ++m)
    rig.sensors.push_back({names[m], SensorKind::Camera, rig.sensors[0].T_ego_sensor * scene.T_cam_lidar().inverse(),
                           scene.camera(kAllCameraModels[m]), 12});
  drive.rigs.push_back(rig);
  const int frames = 6;
  for (int f = 0; f < frames; ++f) {
    const int64_t t = 1'532'402'927'647'951 + f * 100'000 + (f % 2) * 7;  // nuScenes-like epoch microseconds
    drive.frames.push_back({std::to_string(f), t, 0, -1, {}});
    const double yaw = 0.05 * f;
    drive.trajectory.poses.push_back({t, {Quat<double>::from_yaw(yaw).to_matrix(), {3.0 * f, 0.2 * f * f, 0.01 * f}}});
    SensorTimeline& camera = drive.timelines["CAM_BROWN"];
    camera.sensor = "CAM_BROWN";
    drive.frames.back().samples["CAM_BROWN"] = int64_t(camera.samples.size());
    camera.add({t + 15'000, {}, {}, {}});
  }
  drive.associate_by_time = false;
  if (frame == LabelFrame::World) {
    drive.trajectory.provenance = PoseProvenance::Dataset;
    drive.trajectory.world_frame = "odometry";
  } else {
    drive.trajectory.poses.clear();
  }
  LabelSet& labels = drive.labels;
  labels.name = "ground_truth";
  labels.taxonomy = "fuselabel-sim-v1";
  labels.frame = frame;
  labels.tracks = {{"car-7", "car", {{"colour", "red"}}}, {"3", "pedestrian", {}}};
  for (int f = 0; f < frames; ++f) {
    const int64_t t = drive.frames[size_t(f)].timestamp_us;
    Cuboidd box;
    box.center = {10.0 + f, -2.0 + 0.1 * f, 0.8};
    box.size = {4.5, 1.9, 1.6};
    box.rotation = Quat<double>::from_yaw(0.3 + 0.02 * f) * Quat<double>::from_axis_angle({1, 0.2, 0}, 0.01 * f);
    CuboidLabel car = track_box("car-7", f, t, box, f % 2 ? LabelSource::Interpolated : LabelSource::Keyframe,
                                f % 2 ? 0.75 : 1.0, f == 4 ? "van" : "");
    car.id = "car-" + std::to_string(f);
    car.velocity = Vec3<double>{10.0, 1.0 * f, 0.0};
    car.attributes = {{"visibility", std::to_string(f % 4)}};
    labels.boxes.push_back(car);
    if (f >= 2) {
      box.center = {5.0, 4.0 - 0.5 * f, 0.9};
      box.size = {0.6, 0.7, 1.8};
      box.rotation = Quat<double>::from_yaw(-2.5);
      CuboidLabel person = track_box("3", f, t, box);
      person.id = "person-" + std::to_string(f);
      labels.boxes.push_back(person);
    }
    ImageBoxLabel car_2d = track_box_2d("car-7", "CAM_PINHOLE", t, {100.5 + f, 80, 220.25, 160.75});
    car_2d.frame = f;
    labels.boxes_2d.push_back(car_2d);
    for (int r = 0; r < 2; ++r) {
      ImageBoxLabel region = track_box_2d("", "CAM_BROWN", t + 15'000, {10.0 + 40 * r, 20, 30.0 + 40 * r, 50});
      region.class_name = "DontCare";
      region.frame = f;
      labels.boxes_2d.push_back(region);
    }
  }
  CuboidLabel parked;
  parked.id = "untracked-1";
  parked.class_name = "barrier";
  parked.frame = 3;
  parked.timestamp_us = drive.frames[3].timestamp_us;
  parked.box.center = {20, 6, 0.5};
  parked.box.size = {2, 0.5, 1};
  labels.boxes.push_back(parked);
  ImageBoxLabel parked_2d = track_box_2d("", "CAM_KITTI", parked.timestamp_us, {300, 200, 340, 230});
  parked_2d.cuboid_id = parked.id;
  parked_2d.class_name = "barrier";
  parked_2d.frame = 3;
  labels.boxes_2d.push_back(parked_2d);
  ImageBoxLabel sign = track_box_2d("", "CAM_FISHEYE", drive.frames[5].timestamp_us, {50, 60, 70, 90});
  sign.class_name = "traffic_sign";
  sign.frame = 5;
  labels.boxes_2d.push_back(sign);
  return drive;
}

}  // namespace fuselabel::testing
