#include "io/kitti/kitti_object_drive.h"

#include <gtest/gtest.h>

#include <opencv2/core.hpp>

#include "io/common/image_io.h"
#include "io/kitti/kitti_object_writer.h"
#include "io/common/point_file.h"
#include "io/io_test_support.h"

namespace fuselabel {
namespace {

using testing::expect_input_error;
using testing::TempDir;

// A two-frame KITTI object folder; `with_images` / `with_labels` choose training vs testing.
void write_drive(const std::filesystem::path& root, bool with_images, bool with_labels) {
  const KittiCalib calib = testing::orthonormal_calib();
  for (const std::string id : {"000001", "000000"}) {
    write_kitti_calib(root / "calib" / (id + ".txt"), calib);
    std::vector<float> points;
    for (int i = 0; i < 100; ++i) points.insert(points.end(), {float(i), float(-i), 0.5f, 0.25f});
    write_float_records(root / "velodyne" / (id + ".bin"), points, 4);
    if (with_images) write_image(root / "image_2" / (id + ".png"), cv::Mat(48, 64, CV_8UC3, cv::Scalar(10, 20, 30)));
    if (with_labels)
      testing::write_text(root / "label_2" / (id + ".txt"), id == "000001" ? testing::sample_label_text() : "");
  }
  testing::write_text(root / "calib" / "README.txt", "not a frame");
}

TEST(KittiObjectDrive, ListsFramesFromCalibSorted) {
  TempDir dir;
  write_drive(dir.path(), true, true);
  const auto drive = open_drive(dir.path());
  EXPECT_EQ(drive->format(), "kitti-object");
  EXPECT_EQ(drive->frame_ids(), (std::vector<std::string>{"000000", "000001"}));
}

TEST(KittiObjectDrive, LoadsPointsCameraAndLabels) {
  TempDir dir;
  write_drive(dir.path(), true, true);
  const FrameData frame = open_drive(dir.path())->load_frame("000001");
  EXPECT_EQ(frame.id, "000001");
  EXPECT_EQ(frame.label_frame, "lidar");

  ASSERT_TRUE(frame.lidar);
  EXPECT_EQ(frame.lidar->sensor, "velodyne");
  EXPECT_EQ(frame.lidar->fields, (std::vector<std::string>{"x", "y", "z", "intensity"}));
  EXPECT_EQ(frame.lidar->size(), 100);
  EXPECT_EQ(frame.lidar->records[4 * 7 + 1], -7.f);

  ASSERT_EQ(frame.cameras.size(), 1u);
  const CameraView& camera = frame.cameras[0];
  const KittiCalib calib = read_kitti_calib(dir / "calib/000001.txt");
  EXPECT_EQ(camera.sensor, "image_2");
  EXPECT_EQ(camera.model.type, CameraModelType::KittiRectified);
  EXPECT_EQ(camera.model.width, 64);
  EXPECT_EQ(camera.model.height, 48);
  EXPECT_EQ(camera.model.P[3], calib.P[2][3]);
  EXPECT_EQ(camera.image_path, dir / "image_2/000001.png");
  // Composed through the rig (camera in the ego frame, here the Velodyne's), so equal to rounding.
  for (int i = 0; i < 9; ++i) EXPECT_NEAR(camera.T_cam_lidar.R.m[i], calib.T_cam0_velo.R.m[i], 1e-15);
  EXPECT_NEAR(camera.T_cam_lidar.t.z, calib.T_cam0_velo.t.z, 1e-15);

  ASSERT_EQ(frame.cuboids.size(), 3u);  // the DontCare line has no cuboid
  EXPECT_EQ(frame.cuboids[1].id, "000001:2");
  EXPECT_EQ(frame.cuboids[1].class_name, "Pedestrian");
  EXPECT_TRUE(frame.cuboids[1].track_id.empty());
  EXPECT_EQ(frame.cuboids[1].source, LabelSource::Keyframe);
  EXPECT_EQ(frame.cuboids[1].box.size.z, 1.60);
  ASSERT_EQ(frame.image_boxes.size(), 4u);
  EXPECT_EQ(frame.image_boxes[3].id, "000001:4");
  EXPECT_EQ(frame.image_boxes[3].class_name, "DontCare");
  EXPECT_EQ(frame.image_boxes[3].camera, "image_2");
  EXPECT_EQ(frame.image_boxes[3].box.x2, 590.61);
}

TEST(KittiObjectDrive, PointsCanBeSkipped) {
  TempDir dir;
  write_drive(dir.path(), true, true);
  const FrameData frame = open_drive(dir.path())->load_frame("000000", false);
  EXPECT_FALSE(frame.lidar);
  EXPECT_TRUE(frame.cuboids.empty());
  EXPECT_EQ(frame.cameras.size(), 1u);
}

TEST(KittiObjectDrive, Summary) {
  TempDir dir;
  write_drive(dir.path(), true, true);
  const DriveSummary summary = open_drive(dir.path())->summarize();
  EXPECT_EQ(summary.format, "kitti-object");
  EXPECT_EQ(summary.root, dir.path());
  ASSERT_EQ(summary.sensors.size(), 2u);
  EXPECT_EQ(summary.sensors[0].name, "velodyne");
  EXPECT_EQ(summary.sensors[0].kind, "lidar");
  EXPECT_EQ(summary.sensors[1].name, "image_2");
  EXPECT_EQ(summary.sensors[1].kind, "camera");
  EXPECT_EQ(summary.frame_ids.size(), 2u);
  EXPECT_EQ(summary.cuboid_labels, 3);
  EXPECT_EQ(summary.image_box_labels, 4);
  EXPECT_EQ(summary.labels_per_class,
            (std::map<std::string, int64_t>{{"Car", 1}, {"Cyclist", 1}, {"DontCare", 1}, {"Pedestrian", 1}}));
  EXPECT_EQ(summary.tracks, 0);
}

TEST(KittiObjectDrive, TestingFolderWithoutImagesOrLabels) {
  TempDir dir;
  write_drive(dir.path(), false, false);
  const auto drive = open_drive(dir.path());
  const FrameData frame = drive->load_frame("000001");
  EXPECT_TRUE(frame.cuboids.empty());
  EXPECT_TRUE(frame.image_boxes.empty());
  EXPECT_EQ(frame.cameras[0].model.width, KittiObjectDrive::kDefaultImageWidth);
  EXPECT_EQ(frame.cameras[0].model.height, KittiObjectDrive::kDefaultImageHeight);
  EXPECT_TRUE(frame.cameras[0].image_path.empty());
  EXPECT_EQ(drive->summarize().cuboid_labels, 0);
}

TEST(KittiObjectDrive, UnknownFrameIdIsAnInputError) {
  TempDir dir;
  write_drive(dir.path(), true, true);
  const auto drive = open_drive(dir.path());
  expect_input_error([&] { drive->load_frame("000099"); }, {"calib/000099.txt", "frame '000099'", "unknown frame id"});
  expect_input_error([&] { drive->load_frame("../000001"); }, {"frame '../000001'", "unknown frame id"});
}

TEST(KittiObjectDrive, MissingFileOfAPresentFolderIsAnInputError) {
  TempDir dir;
  write_drive(dir.path(), true, true);
  std::filesystem::remove(dir / "label_2/000000.txt");
  // Opening reads every frame's calibration and labels into the model.
  expect_input_error([&] { open_drive(dir.path()); }, {"label_2/000000.txt", "no such file"});
}

TEST(KittiObjectDrive, CorruptFilesOfAFrameAreNamed) {
  TempDir dir;
  write_drive(dir.path(), true, true);
  std::filesystem::resize_file(dir / "velodyne/000001.bin", 1598);
  const auto drive = open_drive(dir.path());
  expect_input_error([&] { drive->load_frame("000001"); }, {"velodyne/000001.bin", "truncated"});
  // Image sizes are part of the rig, read when the drive is opened.
  testing::write_text(dir / "image_2/000000.png", "not a png");
  expect_input_error([&] { open_drive(dir.path()); }, {"image_2/000000.png", "cannot decode"});
}

TEST(OpenDrive, UnrecognisedFolderSaysWhatWasExpected) {
  TempDir dir;
  expect_input_error([&] { open_drive(dir.path()); },
                     {dir.path().string(), "not a recognised drive: expected a KITTI object folder with calib/"});
  std::filesystem::create_directories(dir / "calib");  // calib/ alone is not enough
  expect_input_error([&] { open_drive(dir.path()); }, {"not a recognised drive"});
  expect_input_error([&] { open_drive(dir / "absent"); }, {"absent", "no such file or directory"});
}

TEST(KittiObjectDrive, RealTrainingFolder) {
  FL_REQUIRE_SHARED_DATA("kitti-object/training");
  const auto drive = open_drive(testing::shared_data("kitti-object/training"));
  ASSERT_EQ(drive->frame_ids(), std::vector<std::string>{"000008"});
  const FrameData frame = drive->load_frame("000008");
  ASSERT_TRUE(frame.lidar);
  EXPECT_EQ(frame.lidar->size(), 17238);
  EXPECT_EQ(frame.cuboids.size(), 6u);
  EXPECT_EQ(frame.image_boxes.size(), 10u);
  EXPECT_EQ(frame.cameras[0].model.width, 1242);
  EXPECT_EQ(frame.cameras[0].model.height, 375);
  // Every car is in front of the LiDAR and stands on the road, 1.73 m below the sensor near
  // the car, less far ahead where the road rises.
  for (const CuboidLabel& car : frame.cuboids) {
    EXPECT_EQ(car.class_name, "Car");
    EXPECT_GT(car.box.center.x, 3.0);
    const double bottom = car.box.center.z - car.box.size.z / 2;
    EXPECT_GT(bottom, -2.0) << car.id;
    EXPECT_LT(bottom, -1.2) << car.id;
  }
  const DriveSummary summary = drive->summarize();
  EXPECT_EQ(summary.cuboid_labels, 6);
  EXPECT_EQ(summary.image_box_labels, 10);
  EXPECT_EQ(summary.labels_per_class.at("Car"), 6);
  EXPECT_EQ(summary.labels_per_class.at("DontCare"), 4);
}

}  // namespace

TEST(OpenDrive, SelectorTheLayoutDoesNotTakeIsAnInputError) {
  TempDir dir;
  write_drive(dir.path(), true, true);
  DriveOptions options;
  options.path = dir.path();
  options.selectors["sequence"] = "0005";
  expect_input_error([&] { open_drive(options); }, {"--sequence 0005", "does not apply to a KITTI object drive", "no selector"});
  options.selectors["sequence"] = "";  // an option left empty is no selector
  EXPECT_EQ(open_drive(options)->frame_ids().size(), 2u);
}

}  // namespace fuselabel
