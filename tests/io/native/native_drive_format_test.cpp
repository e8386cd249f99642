// Native drive files: write -> read -> write is byte-identical, what is read equals what was
// written, and every camera model type survives the trip.
#include <gtest/gtest.h>

#include <random>
#include <tuple>

#include "io/native/native_drive.h"
#include "io/native/native_drive_text.h"
#include "io/io_test_support.h"
#include "native_drive_fixture.h"
#include "random_calibration.h"

namespace fuselabel {
namespace {

using testing::read_text;
using testing::TempDir;

std::vector<std::string> drive_files(const NativeDrive& drive) {
  std::vector<std::string> files = {"drive.yaml", drive.ego_pose_file};
  for (const NativeSensor& s : drive.sensors) files.push_back(s.index_file);
  for (const auto& [name, file] : drive.label_sets) files.push_back(file);
  return files;
}

void expect_near(const Transform3d& a, const Transform3d& b, double tolerance) {
  for (int i = 0; i < 9; ++i) EXPECT_NEAR(a.R.m[i], b.R.m[i], tolerance);
  EXPECT_NEAR(a.t.x, b.t.x, tolerance);
  EXPECT_NEAR(a.t.y, b.t.y, tolerance);
  EXPECT_NEAR(a.t.z, b.t.z, tolerance);
}

TEST(NativeDriveFormat, WriteReadWriteIsByteIdentical) {
  TempDir first, second;
  const testing::SampleDrive sample = testing::write_sample_drive(first.path());
  NativeDrive drive = read_native_drive(first.path());
  drive.root = second.path();
  write_native_drive(drive);
  for (const auto& [name, file] : drive.label_sets) write_label_set(second / file, read_label_set(first / file, drive));
  for (const std::string& file : drive_files(drive)) {
    SCOPED_TRACE(file);
    const std::string bytes = read_text(first / file);
    EXPECT_FALSE(bytes.empty());
    EXPECT_EQ(bytes, read_text(second / file));
  }
}

TEST(NativeDriveFormat, ReadBackEqualsWhatWasWritten) {
  TempDir dir;
  const testing::SampleDrive sample = testing::write_sample_drive(dir.path());
  const NativeDrive& original = sample.drive;
  const NativeDrive drive = read_native_drive(dir.path());
  EXPECT_EQ(drive.name, "test-drive");
  EXPECT_EQ(drive.world_frame, "UTM");
  EXPECT_EQ(drive.label_sets, original.label_sets);
  ASSERT_EQ(drive.ego_poses.size(), original.ego_poses.size());
  for (size_t i = 0; i < drive.ego_poses.size(); ++i) {
    EXPECT_EQ(drive.ego_poses[i].timestamp_us, original.ego_poses[i].timestamp_us);
    expect_near(drive.ego_poses[i].T_world_ego, original.ego_poses[i].T_world_ego, 1e-9);
  }
  ASSERT_EQ(drive.sensors.size(), 4u);
  for (size_t i = 0; i < drive.sensors.size(); ++i) {
    const NativeSensor &a = drive.sensors[i], &b = original.sensors[i];
    EXPECT_EQ(a.name, b.name);
    EXPECT_EQ(a.kind, b.kind);
    EXPECT_EQ(a.index_file, b.index_file);
    expect_near(a.T_ego_sensor, b.T_ego_sensor, 1e-11);  // x, y, z kept to 12 decimals
    ASSERT_EQ(a.samples.size(), b.samples.size());
    for (size_t k = 0; k < a.samples.size(); ++k) {
      EXPECT_EQ(a.samples[k].timestamp_us, b.samples[k].timestamp_us);
      EXPECT_EQ(a.samples[k].file, b.samples[k].file);
    }
    ASSERT_EQ(a.camera.has_value(), b.camera.has_value());
    if (!a.camera) continue;
    EXPECT_EQ(a.camera->type, b.camera->type);
    EXPECT_EQ(a.camera->fx, b.camera->fx);
    for (int k = 0; k < 8; ++k) EXPECT_EQ(a.camera->dist[k], b.camera->dist[k]);
    EXPECT_EQ(a.camera->near_plane, b.camera->near_plane);
    EXPECT_EQ(a.camera->max_radius2, lens_validity_radius2(*b.camera));
  }

  const LabelSet labels = read_label_set(dir / "labels/ground_truth.json", drive);
  EXPECT_EQ(labels.taxonomy, sample.ground_truth.taxonomy);
  ASSERT_EQ(labels.tracks.size(), 2u);
  EXPECT_EQ(labels.tracks[0].attributes, sample.ground_truth.tracks[0].attributes);
  ASSERT_EQ(labels.boxes.size(), sample.ground_truth.boxes.size());
  for (size_t i = 1; i < labels.boxes.size(); ++i)  // sorted by (frame, track)
    EXPECT_LT(std::tie(labels.boxes[i - 1].frame, labels.boxes[i - 1].track_id),
              std::tie(labels.boxes[i].frame, labels.boxes[i].track_id));
  const CuboidLabel& van = labels.boxes[3];  // frame 2, car-1
  EXPECT_EQ(van.frame, 2);
  EXPECT_EQ(van.class_name, "van");
  EXPECT_EQ(van.source, LabelSource::Interpolated);
  EXPECT_EQ(van.confidence, 0.75);
  EXPECT_EQ(van.box.center.x, sample.ground_truth.boxes[3].box.center.x);
  EXPECT_EQ(labels.boxes_2d.size(), 5u);
}

TEST(NativeDriveFormat, EveryCameraModelTypeRoundTrips) {
  TempDir dir;
  testing::SampleDrive sample = testing::write_sample_drive(dir.path());
  NativeDrive drive = sample.drive;
  testing::RandomScene scene(7);
  int camera = 0;
  for (CameraModelType type : {CameraModelType::Pinhole, CameraModelType::BrownConrady, CameraModelType::Fisheye,
                               CameraModelType::KittiRectified, CameraModelType::Mei}) {
    drive.sensors.push_back(testing::make_sensor("CAM_" + std::to_string(camera++), SensorKind::Camera, scene.T_cam_lidar()));
    drive.sensors.back().camera = scene.camera(type);
    drive.sensors.back().samples = {{testing::kDriveStartUs, "img.png"}};
  }
  drive.sensors.back().camera->near_plane = 0.25;
  drive.sensors[drive.sensors.size() - 4].camera->dist[5] = 0;  // Brown-Conrady with 5 coefficients
  drive.sensors[drive.sensors.size() - 4].camera->dist[6] = 0;
  drive.sensors[drive.sensors.size() - 4].camera->dist[7] = 0;
  write_native_drive(drive);
  const std::string yaml = read_text(dir / "drive.yaml");
  const NativeDrive read = read_native_drive(dir.path());
  for (size_t i = drive.sensors.size() - 5; i < drive.sensors.size(); ++i) {
    const CameraModeld &a = *read.sensors[i].camera, &b = *drive.sensors[i].camera;
    SCOPED_TRACE(read.sensors[i].name);
    EXPECT_EQ(a.type, b.type);
    EXPECT_EQ(a.width, b.width);
    EXPECT_EQ(a.height, b.height);
    EXPECT_EQ(a.near_plane, b.near_plane);
    if (a.type == CameraModelType::KittiRectified) {
      for (int k = 0; k < 12; ++k) EXPECT_EQ(a.P[k], b.P[k]);
      for (int k = 0; k < 9; ++k) EXPECT_EQ(a.R_rect[k], b.R_rect[k]);
    } else {
      EXPECT_EQ(a.fx, b.fx);
      EXPECT_EQ(a.fy, b.fy);
      EXPECT_EQ(a.cx, b.cx);
      EXPECT_EQ(a.cy, b.cy);
      for (int k = 0; k < 8; ++k) EXPECT_EQ(a.dist[k], b.dist[k]);
      EXPECT_EQ(a.xi, b.xi);
      EXPECT_EQ(a.skew, b.skew);
    }
  }
  EXPECT_NE(yaml.find("type: pinhole"), std::string::npos);
  EXPECT_NE(yaml.find("type: kitti_rectified"), std::string::npos);
  EXPECT_NE(yaml.find("type: mei"), std::string::npos);
  EXPECT_NE(yaml.find("near_plane: 0.25"), std::string::npos);
  write_native_drive(read);
  EXPECT_EQ(read_text(dir / "drive.yaml"), yaml);
}

TEST(NativeDriveFormat, OddNamesAndPathsAreQuotedAndReadBack) {
  TempDir dir;
  testing::SampleDrive sample = testing::write_sample_drive(dir.path());
  NativeDrive drive = sample.drive;
  drive.name = "drive: #7 \"night\" - null";
  drive.label_sets = {{"null", "labels/with space.json"}, {"-x", "labels/a#b.json"}};
  write_native_drive(drive);
  const NativeDrive read = read_native_drive(dir.path());
  EXPECT_EQ(read.name, drive.name);
  EXPECT_EQ(read.label_sets, drive.label_sets);
}

std::string quaternion_text(const Quat<double>& q) {
  return format_double(q.w) + " " + format_double(q.x) + " " + format_double(q.y) + " " + format_double(q.z);
}

// Rotations of every shape: general, yaw only, near identity, exact and near 180 degrees.
std::vector<Quat<double>> test_rotations() {
  std::mt19937_64 rng(99);
  std::uniform_real_distribution<double> u(-1, 1);
  std::vector<Quat<double>> rotations = {{1, 0, 0, 0}, {0, 0, 0, 1}, {0, 1, 0, 0}, {0.5, -0.5, 0.5, -0.5}};
  for (int i = 0; i < 3000; ++i) {
    rotations.push_back(Quat<double>{u(rng), u(rng), u(rng), u(rng)}.normalized());
    rotations.push_back(Quat<double>::from_yaw(3.2 * u(rng)));
    rotations.push_back(Quat<double>::from_axis_angle({u(rng), u(rng), u(rng)}, 1e-6 * u(rng)));
    rotations.push_back(Quat<double>::from_axis_angle({u(rng), u(rng), u(rng)}, M_PI + 1e-7 * u(rng)));
  }
  return rotations;
}

TEST(NativeDriveFormat, WrittenRotationsReadBackToTheSameText) {
  for (const Quat<double>& q : test_rotations()) {
    const Quat<double> stored = quaternion_to_write(q.to_matrix());
    ASSERT_TRUE(is_near_unit(stored));
    ASSERT_EQ(quaternion_text(quaternion_to_write(rotation_as_read(stored))), quaternion_text(stored)) << quaternion_text(q);
    const Mat3<double> R = q.to_matrix(), R_read = rotation_as_read(stored);
    for (int k = 0; k < 9; ++k) ASSERT_NEAR(R.m[k], R_read.m[k], 5e-12) << quaternion_text(q);

    const Quat<double> unit = unit_quaternion_to_write({q.w * 1.0000001, q.x, q.y, q.z});
    ASSERT_EQ(quaternion_text(unit_quaternion_to_write(unit_quaternion_as_read(unit))), quaternion_text(unit));
  }
}

TEST(NativeDriveFormat, NumbersUseTheShortestExactText) {
  EXPECT_EQ(format_double(0.1), "0.1");
  EXPECT_EQ(format_double(-0.0), "0");
  EXPECT_EQ(format_double(1e-7), "1e-07");
  EXPECT_EQ(std::stod(format_double(5400000.123456789)), 5400000.123456789);
  EXPECT_THROW(format_double(std::nan("")), std::invalid_argument);
}

TEST(NativeDriveFormat, WriterRefusesDrivesTheReaderWouldReject) {
  TempDir dir;
  NativeDrive drive = testing::write_sample_drive(dir.path()).drive;
  NativeDrive two_lidars = drive;
  two_lidars.sensors[3].kind = SensorKind::Lidar;
  EXPECT_THROW(write_native_drive(two_lidars), std::invalid_argument);
  NativeDrive no_model = drive;
  no_model.sensors[1].camera.reset();
  EXPECT_THROW(write_native_drive(no_model), std::invalid_argument);
  NativeDrive backwards = drive;
  std::swap(backwards.ego_poses[3], backwards.ego_poses[4]);
  EXPECT_THROW(write_native_drive(backwards), std::invalid_argument);
  LabelSet labels;
  labels.taxonomy = "t";
  labels.boxes.push_back({});
  labels.boxes.back().track_id = "ghost";
  EXPECT_THROW(write_label_set(dir / "labels/x.json", labels), std::invalid_argument);
}

}  // namespace
}  // namespace fuselabel
