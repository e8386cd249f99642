#include "io/kitti/kitti_tracking_drive.h"

#include <gtest/gtest.h>

#include "io/kitti/kitti_object_writer.h"
#include "kitti_tracking_test_fixture.h"

namespace fuselabel {
namespace {

using testing::expect_input_error;
using testing::TempDir;
using testing::as_tracking;
using testing::open_sequence;
using testing::write_sequence;

TEST(KittiTrackingDrive, OpensTheChosenSequence) {
  TempDir dir;
  write_sequence(dir.path(), "0003", {});
  const auto drive = open_sequence(dir.path(), "0003");
  EXPECT_EQ(drive->format(), "kitti-tracking");
  EXPECT_EQ(drive->frame_ids(), (std::vector<std::string>{"0", "1", "2", "3"}));
  EXPECT_EQ(as_tracking(drive).sequence(), "0003");
  EXPECT_EQ(as_tracking(open_sequence(dir.path(), "3")).sequence(), "0003");  // short form
}

TEST(KittiTrackingDrive, SequenceMustBeChosenAmongThoseFound) {
  TempDir dir;
  write_sequence(dir.path(), "0003", {});
  testing::write_text(dir / "label_02/0007.txt", "");
  testing::write_text(dir / "label_02/notes.txt", "not a sequence");
  EXPECT_EQ(KittiTrackingDrive::sequences(dir.path()), (std::vector<std::string>{"0003", "0007"}));
  expect_input_error([&] { open_sequence(dir.path(), ""); }, {"sequence", "missing", "0003, 0007"});
  expect_input_error([&] { open_sequence(dir.path(), "0042"); },
                     {"label_02/0042.txt", "sequence '0042'", "no such sequence: label_02/ holds 0003, 0007"});
  expect_input_error([&] { open_sequence(dir.path(), "03a"); }, {"sequence '03a'", "four digits"});
  expect_input_error([&] { open_sequence(dir.path(), "00003"); }, {"sequence '00003'", "four digits"});
}

TEST(KittiTrackingDrive, LoadsPointsCameraAndTrackedLabels) {
  TempDir dir;
  write_sequence(dir.path(), "0003", {});
  const auto drive = open_sequence(dir.path(), "0003");
  const FrameData frame = drive->load_frame("2");
  EXPECT_EQ(frame.id, "2");
  EXPECT_EQ(frame.timestamp_us, 200000);
  EXPECT_EQ(frame.label_frame, "lidar");
  EXPECT_EQ(frame.taxonomy, "kitti");

  ASSERT_TRUE(frame.lidar);
  EXPECT_EQ(frame.lidar->sensor, "velodyne");
  EXPECT_EQ(frame.lidar->timestamp_us, 200000);
  EXPECT_EQ(frame.lidar->fields, (std::vector<std::string>{"x", "y", "z", "intensity"}));
  EXPECT_EQ(frame.lidar->size(), 30);
  EXPECT_EQ(frame.lidar->records[4 * 7 + 1], 2.f);

  ASSERT_EQ(frame.cameras.size(), 1u);
  const CameraView& camera = frame.cameras[0];
  const KittiCalib calib = read_kitti_calib(dir / "calib/0003.txt");
  EXPECT_EQ(camera.sensor, "image_02");
  EXPECT_EQ(camera.timestamp_us, 200000);
  EXPECT_EQ(camera.image_path, dir / "image_02/0003/000002.png");
  EXPECT_EQ(camera.model.type, CameraModelType::KittiRectified);
  EXPECT_EQ(camera.model.width, 64);
  EXPECT_EQ(camera.model.height, 48);
  for (int i = 0; i < 12; ++i) EXPECT_EQ(camera.model.P[i], calib.P[2][i]);
  for (int i = 0; i < 9; ++i) EXPECT_EQ(camera.model.R_rect[i], calib.R_rect.m[i]);
  // Composed through the rig and the ego poses, so equal to rounding.
  for (int i = 0; i < 9; ++i) EXPECT_NEAR(camera.T_cam_lidar.R.m[i], calib.T_cam0_velo.R.m[i], 1e-12);
  EXPECT_NEAR(camera.T_cam_lidar.t.y, calib.T_cam0_velo.t.y, 1e-12);

  ASSERT_EQ(frame.cuboids.size(), 2u);
  const CuboidLabel& person = frame.cuboids[1];
  EXPECT_EQ(person.id, "0003:2:5");
  EXPECT_EQ(person.track_id, "4");
  EXPECT_EQ(person.class_name, "Person");
  EXPECT_EQ(person.source, LabelSource::Keyframe);
  EXPECT_EQ(person.confidence, 1.0);
  KittiObjectLabel line5 = testing::make_label("Person", {2.0, 1.6, 20.0}, 1.2, 0.6, 0.8, 0.4);
  const Cuboidd expected = kitti_label_to_lidar_cuboid(line5, calib);
  EXPECT_EQ(person.box.center.x, expected.center.x);
  EXPECT_EQ(person.box.center.z, expected.center.z);
  EXPECT_EQ(person.box.size.x, 0.8);  // length along the heading
  EXPECT_EQ(person.box.rotation.w, expected.rotation.w);
  EXPECT_EQ(frame.cuboids[0].track_id, "0");
  EXPECT_EQ(frame.cuboids[0].id, "0003:2:4");

  ASSERT_EQ(frame.image_boxes.size(), 2u);
  EXPECT_EQ(frame.image_boxes[1].track_id, "4");
  EXPECT_EQ(frame.image_boxes[1].camera, "image_02");
  EXPECT_EQ(frame.image_boxes[1].box.x2, 720.0);
}

TEST(KittiTrackingDrive, DontCareIsATracklessImageRegion) {
  TempDir dir;
  write_sequence(dir.path(), "0003", {});
  const FrameData frame = open_sequence(dir.path(), "0003")->load_frame("0");
  ASSERT_EQ(frame.cuboids.size(), 2u);
  ASSERT_EQ(frame.image_boxes.size(), 3u);
  EXPECT_EQ(frame.image_boxes[0].id, "0003:0:1");
  EXPECT_EQ(frame.image_boxes[0].class_name, "DontCare");
  EXPECT_EQ(frame.image_boxes[0].track_id, "");
  EXPECT_EQ(frame.image_boxes[0].box.x1, 219.31);
}

TEST(KittiTrackingDrive, FramesWithoutLabelsStillExist) {
  TempDir dir;
  write_sequence(dir.path(), "0003", {});
  const auto drive = open_sequence(dir.path(), "0003");
  for (const std::string id : {"1", "3"}) {
    const FrameData frame = drive->load_frame(id, false);
    EXPECT_TRUE(frame.cuboids.empty()) << id;
    EXPECT_FALSE(frame.lidar) << id;  // load_points = false
    EXPECT_EQ(frame.cameras.at(0).image_path, dir / ("image_02/0003/00000" + id + ".png"));
  }
  EXPECT_EQ(drive->load_frame("3").lidar->size(), 40);
}

TEST(KittiTrackingDrive, EgoPosesFromOxts) {
  TempDir dir;
  write_sequence(dir.path(), "0003", {});
  const auto drive = open_sequence(dir.path(), "0003");
  const KittiTrackingDrive& tracking = as_tracking(drive);
  const std::vector<StampedPose>& poses = tracking.ego_poses();
  ASSERT_EQ(poses.size(), 4u);
  for (size_t f = 0; f < poses.size(); ++f) {
    EXPECT_EQ(poses[f].timestamp_us, int64_t(f) * 100000);
    // Facing north and moving north 1 m per frame: straight ahead in frame 0's IMU axes.
    EXPECT_NEAR(poses[f].T_world_ego.t.x, double(f), 1e-6);
    EXPECT_NEAR(poses[f].T_world_ego.t.y, 0.0, 1e-6);
    EXPECT_NEAR(poses[f].T_world_ego.R(0, 0), 1.0, 1e-12);
  }
  const KittiCalib calib = testing::orthonormal_calib();
  ASSERT_TRUE(tracking.T_ego_lidar());
  const Vec3<double> p = {3.0, -2.0, 1.0};
  const Vec3<double> round_trip = *tracking.T_ego_lidar() * (*calib.T_velo_imu * p);
  EXPECT_NEAR(round_trip.x, p.x, 1e-12);
  EXPECT_NEAR(round_trip.y, p.y, 1e-12);
  EXPECT_NEAR(round_trip.z, p.z, 1e-12);
}

TEST(KittiTrackingDrive, LabelsAndCalibAloneAreADrive) {
  TempDir dir;
  write_sequence(dir.path(), "0003", {false, false, false});
  const auto drive = open_sequence(dir.path(), "0003");
  EXPECT_EQ(drive->frame_ids(), (std::vector<std::string>{"0", "1", "2"}));  // up to the last labelled frame
  const FrameData frame = drive->load_frame("0");
  EXPECT_FALSE(frame.lidar);
  EXPECT_EQ(frame.cuboids.size(), 2u);
  EXPECT_TRUE(frame.cameras.at(0).image_path.empty());
  EXPECT_EQ(frame.cameras[0].model.width, KittiTrackingDrive::kDefaultImageWidth);
  EXPECT_EQ(frame.cameras[0].model.height, KittiTrackingDrive::kDefaultImageHeight);
  EXPECT_TRUE(as_tracking(drive).ego_poses().empty());
  EXPECT_TRUE(as_tracking(drive).frames_without_points().empty());
  const DriveSummary summary = drive->summarize();
  EXPECT_EQ(summary.frame_ids.size(), 3u);
  EXPECT_EQ(summary.tracks, 3);
}

TEST(KittiTrackingDrive, TestingSplitWithoutLabelsIsADrive) {
  TempDir dir;
  write_sequence(dir.path(), "0003", {});
  write_sequence(dir.path(), "0011", {});
  std::filesystem::remove_all(dir / "label_02");  // the benchmark's testing/ has no label_02/
  EXPECT_EQ(KittiTrackingDrive::sequences(dir.path()), (std::vector<std::string>{"0003", "0011"}));  // from calib/
  const auto drive = open_sequence(dir.path(), "11");
  EXPECT_FALSE(as_tracking(drive).labelled());
  EXPECT_EQ(drive->frame_ids(), (std::vector<std::string>{"0", "1", "2", "3"}));  // from the sensor files
  const FrameData frame = drive->load_frame("3");
  ASSERT_TRUE(frame.lidar);
  EXPECT_EQ(frame.lidar->size(), 40);
  EXPECT_EQ(frame.cameras.at(0).model.width, 64);
  EXPECT_TRUE(frame.cuboids.empty());
  EXPECT_TRUE(frame.image_boxes.empty());
  EXPECT_EQ(drive->summarize().cuboid_labels, 0);
  EXPECT_TRUE(as_tracking(open_sequence(dir.path(), "0003")).labelled() == false);
  expect_input_error([&] { open_sequence(dir.path(), "0042"); },
                     {"calib/0042.txt", "no such sequence: calib/ holds 0003, 0011"});
  expect_input_error([&] { drive->load_frame("4"); }, {"calib/0011.txt", "frame '4'", "0..3"});
  // A sequence with nothing but its calibration has no frame to open.
  write_sequence(dir.path(), "0020", {false, false, false});
  std::filesystem::remove_all(dir / "label_02");
  expect_input_error([&] { open_sequence(dir.path(), "0020"); }, {"sequence '0020'", "no frames"});
}

TEST(KittiTrackingDrive, ATrainingSequenceWithoutItsLabelFileIsUnknown) {
  TempDir dir;
  write_sequence(dir.path(), "0003", {});
  testing::write_text(dir / "calib/0004.txt", testing::read_text(dir / "calib/0003.txt"));
  expect_input_error([&] { open_sequence(dir.path(), "0004"); },
                     {"label_02/0004.txt", "no such sequence: label_02/ holds 0003"});
}

TEST(KittiTrackingDrive, Summary) {
  TempDir dir;
  write_sequence(dir.path(), "0003", {});
  const DriveSummary summary = open_sequence(dir.path(), "0003")->summarize();
  EXPECT_EQ(summary.format, "kitti-tracking");
  EXPECT_EQ(summary.root, dir.path());
  ASSERT_EQ(summary.sensors.size(), 2u);
  EXPECT_EQ(summary.sensors[0].name, "velodyne");
  EXPECT_EQ(summary.sensors[1].name, "image_02");
  EXPECT_EQ(summary.sensors[1].kind, "camera");
  EXPECT_EQ(summary.frame_ids.size(), 4u);
  EXPECT_EQ(summary.cuboid_labels, 4);
  EXPECT_EQ(summary.image_box_labels, 5);
  EXPECT_EQ(summary.tracks, 3);  // 0, 1 and 4
  EXPECT_EQ(summary.labels_per_class, (std::map<std::string, int64_t>{
                                          {"Car", 2}, {"DontCare", 1}, {"Pedestrian", 1}, {"Person", 1}}));
}

TEST(KittiTrackingDrive, AGapInThePointFilesLeavesThatFrameWithoutLidar) {
  TempDir dir;
  write_sequence(dir.path(), "0003", {});
  std::filesystem::remove(dir / "velodyne/0003/000001.bin");  // as KITTI's own 0001/000177..000180
  const auto drive = open_sequence(dir.path(), "0003");
  EXPECT_EQ(as_tracking(drive).frames_without_points(), std::vector<int>{1});
  EXPECT_FALSE(drive->load_frame("1").lidar);
  EXPECT_TRUE(drive->load_frame("2").lidar);
}

TEST(KittiTrackingDrive, CalibWithTrackingKeySpellings) {
  TempDir dir;
  write_sequence(dir.path(), "0003", {});
  std::string text = testing::read_text(dir / "calib/0003.txt");
  for (const auto& [from, to] : {std::pair<std::string, std::string>{"R0_rect:", "R_rect"},
                                 {"Tr_velo_to_cam:", "Tr_velo_cam"},
                                 {"Tr_imu_to_velo:", "Tr_imu_velo"}})
    text.replace(text.find(from), from.size(), to);
  testing::write_text(dir / "calib/0003.txt", text);
  const auto drive = open_sequence(dir.path(), "0003");
  EXPECT_EQ(drive->load_frame("0").cuboids.size(), 2u);
  EXPECT_EQ(as_tracking(drive).ego_poses().size(), 4u);
}

TEST(KittiTrackingDrive, UnknownFrameIds) {
  TempDir dir;
  write_sequence(dir.path(), "0003", {});
  const auto drive = open_sequence(dir.path(), "0003");
  for (const std::string id : {"4", "-1", "01", "+1", "x", ""})
    expect_input_error([&] { drive->load_frame(id); },
                       {"label_02/0003.txt", "frame '" + id + "'", "unknown frame id: sequence 0003 has frames 0..3"});
}

}  // namespace
}  // namespace fuselabel
