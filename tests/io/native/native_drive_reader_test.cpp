// NativeDriveReader: time alignment of cameras and radars through the ego poses, deskewing,
// labels per frame, label set selection, summary and open_drive.
#include <gtest/gtest.h>

#include <cmath>

#include "io/drive_reader.h"
#include "io/native/native_drive_reader.h"
#include "io/io_test_support.h"
#include "kernels/project_points.h"
#include "native_drive_fixture.h"

namespace fuselabel {
namespace {

using testing::TempDir;

// World -> sensor by the rigid inverse written out, independent of Transform3::inverse and of
// time_aligned_transform.
Vec3<double> world_to(const Transform3d& T_world_sensor, const Vec3<double>& p) {
  return T_world_sensor.R.transposed() * (p - T_world_sensor.t);
}

double distance(const Vec3<double>& a, const Vec3<double>& b) {
  const Vec3<double> d = a - b;
  return std::sqrt(dot(d, d));
}

Vec3<double> point_of(const PointSweep& sweep, int64_t i) {
  const float* r = &sweep.records[size_t(i * sweep.stride())];
  return {r[0], r[1], r[2]};
}

class NativeDriveReaderTest : public ::testing::Test {
 protected:
  void SetUp() override { sample_ = testing::write_sample_drive(dir_.path()); }
  Transform3d world_from(const std::string& sensor, int64_t t) const {
    return testing::world_from_sensor(sample_.drive, sample_.drive.sensor(sensor), t);
  }

  TempDir dir_;
  testing::SampleDrive sample_;
};

TEST_F(NativeDriveReaderTest, CamerasAreTimeAlignedThroughTheWorld) {
  const NativeDriveReader reader(dir_.path());
  const std::vector<std::vector<std::string>> expected_cameras = {
      {"CAM_FRONT", "CAM_LEFT"}, {"CAM_FRONT", "CAM_LEFT"}, {"CAM_FRONT", "CAM_LEFT"}, {"CAM_FRONT"}};
  const int64_t expected_left_time[] = {60'000, 60'000, 160'000};
  for (int k = 0; k < testing::kSweeps; ++k) {
    const FrameData frame = reader.load_frame(std::to_string(k));
    ASSERT_EQ(frame.cameras.size(), expected_cameras[k].size());
    const Transform3d T_world_lidar = world_from("LIDAR_TOP", frame.timestamp_us);
    for (size_t c = 0; c < frame.cameras.size(); ++c) {
      const CameraView& cam = frame.cameras[c];
      EXPECT_EQ(cam.sensor, expected_cameras[k][c]);
      EXPECT_EQ(cam.timestamp_us - testing::kDriveStartUs,
                c == 0 ? k * testing::kSweepPeriodUs + 33'000 : expected_left_time[k]);
      const std::string image = c == 0 ? "CAM_FRONT/" + std::to_string(k) + ".jpg" : k < 2 ? "CAM_LEFT/0.png" : "CAM_LEFT/1.png";
      EXPECT_EQ(cam.image_path, dir_ / ("sensors/" + image));
      const Transform3d T_world_cam = world_from(cam.sensor, cam.timestamp_us);
      for (const Vec3<double>& world : sample_.sweep_world_points[k]) {
        const Vec3<double> reference = world_to(T_world_cam, world);
        EXPECT_LT(distance(cam.T_cam_lidar * world_to(T_world_lidar, world), reference), 1e-6);
        EXPECT_LT(distance(cam.T_cam_labels() * world, reference), 1e-6);
      }
    }
  }
}

TEST_F(NativeDriveReaderTest, ProjectedSweepAgreesWithFloat64Reference) {
  const NativeDriveReader reader(dir_.path());
  const FrameData frame = reader.load_frame("1");
  ASSERT_TRUE(frame.lidar);
  ProjectionBatch batch;
  batch.points = frame.lidar->records.data();
  batch.point_stride = frame.lidar->stride();
  batch.sweep_offsets = {0, frame.lidar->size()};
  for (size_t c = 0; c < frame.cameras.size(); ++c) {
    batch.cameras.push_back(frame.cameras[c].model.cast<float>());
    batch.jobs.push_back({0, int32_t(c), frame.cameras[c].T_cam_lidar.cast<float>()});
  }
  std::vector<ProjectedPoint> out;
  project_points(Device::Cpu, batch, out);
  const std::vector<int64_t> offsets = projection_output_offsets(batch);
  for (size_t c = 0; c < frame.cameras.size(); ++c) {
    const CameraView& cam = frame.cameras[c];
    const Transform3d T_world_cam = world_from(cam.sensor, cam.timestamp_us);
    int compared = 0;
    double worst = 0;
    for (int64_t i = 0; i < frame.lidar->size(); ++i) {
      Vec2<double> uv;
      double depth;
      int col, row;
      const Vec3<double> p_cam = world_to(T_world_cam, sample_.sweep_world_points[1][size_t(i)]);
      if (!project_point(cam.model, p_cam, uv, depth) || !pixel_of(cam.model, uv, col, row)) continue;
      if (uv.x < 1 || uv.y < 1 || uv.x > cam.model.width - 2 || uv.y > cam.model.height - 2) continue;
      const ProjectedPoint& p = out[size_t(offsets[c] + i)];
      ASSERT_TRUE(p.in_image()) << cam.sensor << " point " << i;
      worst = std::max({worst, std::fabs(p.u - uv.x), std::fabs(p.v - uv.y)});
      ++compared;
    }
    EXPECT_GT(compared, 20) << cam.sensor;
    EXPECT_LT(worst, 0.01) << cam.sensor;
  }
}

TEST_F(NativeDriveReaderTest, SweepsAreDeskewedToTheSampleTime) {
  const NativeDriveReader reader(dir_.path());
  for (int k = 0; k < testing::kSweeps; ++k) {
    const FrameData frame = reader.load_frame(std::to_string(k));
    ASSERT_TRUE(frame.lidar);
    EXPECT_EQ(frame.lidar->fields, kNativeLidarFields);
    EXPECT_EQ(frame.lidar->sensor, "LIDAR_TOP");
    const std::vector<float> raw = read_float_records(dir_ / sample_.drive.lidar().samples[k].file, kNativeLidarFields);
    const Transform3d T_world_lidar = world_from("LIDAR_TOP", frame.timestamp_us);
    double worst = 0, largest_motion = 0;
    for (int64_t i = 0; i < frame.lidar->size(); ++i) {
      const Vec3<double> expected = world_to(T_world_lidar, sample_.sweep_world_points[k][size_t(i)]);
      worst = std::max(worst, distance(point_of(*frame.lidar, i), expected));
      largest_motion = std::max(largest_motion, distance({raw[i * 5], raw[i * 5 + 1], raw[i * 5 + 2]}, expected));
      EXPECT_EQ(frame.lidar->records[size_t(i * 5 + 3)], raw[i * 5 + 3]);  // intensity kept
      EXPECT_EQ(frame.lidar->records[size_t(i * 5 + 4)], raw[i * 5 + 4]);  // t_offset kept
    }
    EXPECT_LT(worst, 1e-4);
    EXPECT_GT(largest_motion, 1.0);  // the stored sweep really is skewed
  }
}

TEST_F(NativeDriveReaderTest, RadarPointsLandInTheLidarFrame) {
  const NativeDriveReader reader(dir_.path());
  for (int k = 0; k < testing::kSweeps; ++k) {
    const FrameData frame = reader.load_frame(std::to_string(k));
    ASSERT_EQ(frame.radars.size(), 1u);
    const PointSweep& radar = frame.radars[0];
    EXPECT_EQ(radar.sensor, "RADAR_FRONT");
    EXPECT_EQ(radar.fields, kNativeRadarFields);
    EXPECT_EQ(radar.timestamp_us, frame.timestamp_us + 20'007);
    const std::vector<float> raw = read_float_records(dir_ / sample_.drive.sensor("RADAR_FRONT").samples[k].file,
                                                      kNativeRadarFields);
    const Transform3d T_world_lidar = world_from("LIDAR_TOP", frame.timestamp_us);
    ASSERT_EQ(radar.size(), 24);
    for (int64_t i = 0; i < radar.size(); ++i) {
      EXPECT_LT(distance(point_of(radar, i), world_to(T_world_lidar, sample_.radar_world_points[k][size_t(i)])), 1e-4);
      EXPECT_EQ(radar.records[size_t(i * 5 + 3)], raw[i * 5 + 3]);  // vr as measured
      EXPECT_EQ(radar.records[size_t(i * 5 + 4)], raw[i * 5 + 4]);  // rcs
    }
  }
}

TEST_F(NativeDriveReaderTest, LabelsOfAFrame) {
  const NativeDriveReader reader(dir_.path());
  EXPECT_EQ(reader.label_set_name(), "ground_truth");
  const FrameData frame = reader.load_frame("2");
  EXPECT_EQ(frame.label_frame, "world");
  EXPECT_EQ(frame.taxonomy, "fuselabel-test-v1");
  const Transform3d T_world_lidar = world_from("LIDAR_TOP", frame.timestamp_us);
  EXPECT_LT(distance(frame.T_labels_lidar.t, T_world_lidar.t), 1e-9);
  ASSERT_EQ(frame.cuboids.size(), 2u);
  const CuboidLabel& car = frame.cuboids[0];
  EXPECT_EQ(car.id, "car-1:2");
  EXPECT_EQ(car.track_id, "car-1");
  EXPECT_EQ(car.class_name, "van");  // the frame's own class
  EXPECT_EQ(car.source, LabelSource::Interpolated);
  EXPECT_EQ(car.confidence, 0.75);
  EXPECT_EQ(car.attributes.at("vehicle.moving"), "true");
  EXPECT_EQ(car.box.center.x, sample_.ground_truth.boxes[3].box.center.x);
  EXPECT_EQ(frame.cuboids[1].class_name, "pedestrian");
  EXPECT_EQ(frame.cuboids[1].source, LabelSource::Extrapolated);
  ASSERT_EQ(frame.image_boxes.size(), 1u);  // CAM_LEFT's sample at +160 ms has none
  EXPECT_EQ(frame.image_boxes[0].camera, "CAM_FRONT");
  EXPECT_EQ(frame.image_boxes[0].class_name, "car");
  EXPECT_EQ(frame.image_boxes[0].id, "car-1:CAM_FRONT:1700000000233000");
  EXPECT_EQ(frame.image_boxes[0].box.x2, 900.75);

  const FrameData first = reader.load_frame("0");
  ASSERT_EQ(first.image_boxes.size(), 2u);
  EXPECT_EQ(first.image_boxes[1].camera, "CAM_LEFT");
  EXPECT_EQ(first.image_boxes[1].track_id, "ped-1");
}

TEST_F(NativeDriveReaderTest, LabelSetSelectionAndDrivesWithoutLabels) {
  const NativeDriveReader keyframes(dir_.path(), "keyframes");
  EXPECT_TRUE(keyframes.load_frame("1").cuboids.empty());
  EXPECT_EQ(keyframes.load_frame("3").cuboids.size(), 1u);

  NativeDrive unlabelled = sample_.drive;
  unlabelled.label_sets.clear();
  write_native_drive(unlabelled);
  const NativeDriveReader reader(dir_.path());
  EXPECT_EQ(reader.label_set_name(), "");
  EXPECT_TRUE(reader.load_frame("0").cuboids.empty());
  testing::expect_input_error([&] { NativeDriveReader(dir_.path(), "ground_truth"); }, {"available: none"});
}

TEST_F(NativeDriveReaderTest, WithoutPointsFramesKeepCamerasAndLabels) {
  const FrameData frame = NativeDriveReader(dir_.path()).load_frame("0", false);
  EXPECT_FALSE(frame.lidar);
  EXPECT_TRUE(frame.radars.empty());
  EXPECT_EQ(frame.cameras.size(), 2u);
  EXPECT_EQ(frame.cuboids.size(), 1u);
}

TEST_F(NativeDriveReaderTest, SummaryCountsLabelsPerClass) {
  const DriveSummary summary = NativeDriveReader(dir_.path()).summarize();
  EXPECT_EQ(summary.format, "native");
  ASSERT_EQ(summary.sensors.size(), 4u);
  EXPECT_EQ(summary.sensors[0].name, "LIDAR_TOP");
  EXPECT_EQ(summary.sensors[2].kind, "camera");
  EXPECT_EQ(summary.sensors[3].kind, "radar");
  EXPECT_EQ(summary.frame_ids, (std::vector<std::string>{"0", "1", "2", "3"}));
  EXPECT_EQ(summary.cuboid_labels, 6);
  EXPECT_EQ(summary.image_box_labels, 5);
  EXPECT_EQ(summary.labels_per_class, (std::map<std::string, int64_t>{{"car", 3}, {"pedestrian", 2}, {"van", 1}}));
  EXPECT_EQ(summary.tracks, 2);
}

// Many rigs record no ego poses: such a drive has a rigid rig, no deskew, and labels in the ego
// frame of each frame.
TEST_F(NativeDriveReaderTest, DriveWithoutEgoPoses) {
  NativeDrive native = read_native_drive(dir_.path());
  native.ego_pose_file.clear(), native.world_frame.clear(), native.ego_poses.clear();
  write_native_drive(native);
  std::filesystem::remove(dir_ / "ego_poses.csv");
  const std::string yaml = testing::read_text(dir_ / "drive.yaml");
  EXPECT_EQ(yaml.find("ego_poses"), std::string::npos);
  EXPECT_EQ(yaml.find("world_frame"), std::string::npos);

  const NativeDriveReader reader(dir_.path());
  EXPECT_EQ(reader.drive().trajectory.provenance, PoseProvenance::None);
  EXPECT_EQ(reader.drive().labels.frame, LabelFrame::Ego);
  const FrameData frame = reader.load_frame("1");
  EXPECT_EQ(frame.label_frame, "ego");
  const Transform3d& T_ego_lidar = native.lidar().T_ego_sensor;
  const Transform3d& T_ego_cam = native.sensor("CAM_FRONT").T_ego_sensor;
  const Vec3<double> p = {12, -3, 0.5};  // a point in the LiDAR frame
  EXPECT_LT(distance(frame.T_labels_lidar * p, T_ego_lidar * p), 1e-12);
  const CameraView& cam = frame.cameras.front();
  ASSERT_EQ(cam.sensor, "CAM_FRONT");
  EXPECT_LT(distance(cam.T_cam_lidar * p, world_to(T_ego_cam, T_ego_lidar * p)), 1e-12);
  EXPECT_LT(distance(cam.T_cam_labels() * p, world_to(T_ego_cam, p)), 1e-12);
  // Not deskewed: the points are the file's.
  const std::vector<float> raw = read_float_records(dir_ / native.lidar().samples[1].file, kNativeLidarFields);
  ASSERT_TRUE(frame.lidar);
  EXPECT_EQ(frame.lidar->records, raw);
  EXPECT_FALSE(frame.cuboids.empty());
}

TEST_F(NativeDriveReaderTest, WorldFrameWithoutEgoPosesIsAnInputError) {
  std::string yaml = testing::read_text(dir_ / "drive.yaml");
  const size_t at = yaml.find("ego_poses: ");
  yaml.erase(at, yaml.find('\n', at) - at + 1);
  testing::write_text(dir_ / "drive.yaml", yaml);
  testing::expect_input_error([&] { NativeDriveReader{dir_.path()}; }, {"drive.yaml", "world_frame", "needs ego_poses"});
}

TEST_F(NativeDriveReaderTest, OpenDriveRecognisesTheFolder) {
  EXPECT_TRUE(NativeDriveReader::recognises(dir_.path()));
  const std::unique_ptr<DriveReader> drive = open_drive(dir_.path());
  EXPECT_EQ(drive->format(), "native");
  EXPECT_EQ(drive->frame_ids().size(), 4u);
  DriveOptions options;
  options.path = dir_.path();
  options.selectors["labels"] = "keyframes";
  EXPECT_EQ(open_drive(options)->summarize().cuboid_labels, 2);
  TempDir empty;
  EXPECT_FALSE(NativeDriveReader::recognises(empty.path()));
  testing::expect_input_error([&] { open_drive(empty.path()); }, {"drive.yaml"});
}

}  // namespace
}  // namespace fuselabel
