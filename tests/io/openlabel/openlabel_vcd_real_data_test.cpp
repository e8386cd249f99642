// Real OpenLABEL files written by another tool: KITTI tracking 0000-0010 as Vicomtech's VCD
// library converts them (../shared/data/openlabel/vcd-kitti-tracking, README there), opened as
// drives and compared with the same sequences' label_02 files. Skips without ../shared.
#include <gtest/gtest.h>

#include <cmath>
#include <cstdio>
#include <map>
#include <set>
#include <string>
#include <tuple>

#include "io/drive_reader.h"
#include "io/kitti/kitti_object_writer.h"
#include "io/kitti/kitti_tracking.h"
#include "io/kitti/kitti_tracking_drive.h"
#include "io/openlabel/openlabel_drive.h"
#include "test_support.h"

namespace fuselabel {
namespace {

const char* kVcdFolder = "openlabel/vcd-kitti-tracking";
const char* kKittiTracking = "kitti-tracking/training";
// The converter truncates every number to 2 decimals, twice (README): up to 0.02 below KITTI's.
constexpr double kRounding = 0.02 + 1e-6;

std::string sequence_name(int s) {
  char name[8];
  std::snprintf(name, sizeof name, "%04d", s);
  return name;
}

std::filesystem::path vcd_file(const std::string& sequence) {
  return testing::shared_data(kVcdFolder) / ("openlabel100_kitti_tracking_" + sequence + ".json");
}

double angle_difference(double a, double b) { return std::abs(std::remainder(a - b, 2 * 3.14159265358979323846)); }

TEST(OpenLabelVcdRealData, SameTracksFramesClassesAndCuboidsAsKittiLabels) {
  FL_REQUIRE_SHARED_DATA(kVcdFolder);
  FL_REQUIRE_SHARED_DATA(kKittiTracking);
  double worst_location = 0, worst_size = 0, worst_yaw = 0, worst_box = 0;
  int64_t compared = 0;
  for (int s = 0; s <= 10; ++s) {
    const std::string sequence = sequence_name(s);
    SCOPED_TRACE(sequence);
    const OpenLabelDrive vcd(vcd_file(sequence));
    const KittiTrackingDrive kitti(testing::shared_data(kKittiTracking), sequence);
    const Drive& drive = vcd.drive();
    ASSERT_EQ(drive.labels.frame, LabelFrame::World);
    ASSERT_TRUE(drive.trajectory.has_poses());
    EXPECT_EQ(drive.trajectory.poses.size(), drive.frames.size());  // every frame carries the ego transform
    EXPECT_GE(drive.frames.size(), kitti.drive().frames.size());
    EXPECT_EQ(vcd.frame_index("3"), 3u);

    std::map<std::string, std::string> vcd_tracks, kitti_tracks;
    for (const Track& t : drive.labels.tracks) vcd_tracks[t.track_id] = t.class_name;
    for (const Track& t : kitti.drive().labels.tracks) kitti_tracks[t.track_id] = t.class_name;
    EXPECT_EQ(vcd_tracks, kitti_tracks);

    // Raw label_02 lines, keyed by (frame, track).
    std::map<std::pair<int64_t, std::string>, KittiObjectLabel> lines;
    std::map<int64_t, int> dont_care_lines;
    for (const KittiTrackingLabel& l :
         read_kitti_tracking_labels(testing::shared_data(kKittiTracking) / "label_02" / (sequence + ".txt"))) {
      if (l.track_id < 0) ++dont_care_lines[l.frame];
      else lines[{l.frame, std::to_string(l.track_id)}] = l.object;
    }
    const Sensor* velo = drive.rigs.front().find("VELO_TOP");
    ASSERT_NE(velo, nullptr);
    std::set<std::pair<int64_t, std::string>> seen;
    for (const CuboidLabel& box : drive.labels.boxes) {
      const auto line = lines.find({box.frame, box.track_id});
      ASSERT_NE(line, lines.end()) << "frame " << box.frame << " track " << box.track_id;
      seen.insert(line->first);
      EXPECT_EQ(drive.labels.class_of(box), line->second.type);
      // World -> the LiDAR of that frame (VCD's own poses) -> KITTI's rectified camera (KITTI's calib).
      const Transform3d T_velo_world = (drive.trajectory.at(box.timestamp_us) * velo->T_ego_sensor).inverse();
      const KittiObjectLabel back =
          lidar_cuboid_to_kitti_label(transform_cuboid(T_velo_world, box.box), kitti.calib(), line->second.type);
      const KittiObjectLabel& want = line->second;
      worst_location = std::max({worst_location, std::abs(back.location.x - want.location.x),
                                 std::abs(back.location.y - want.location.y), std::abs(back.location.z - want.location.z)});
      worst_size = std::max({worst_size, std::abs(back.height - want.height), std::abs(back.width - want.width),
                             std::abs(back.length - want.length)});
      worst_yaw = std::max(worst_yaw, angle_difference(back.rotation_y, want.rotation_y));
      ++compared;
    }
    EXPECT_EQ(seen.size(), lines.size());

    std::map<int64_t, int> dont_care_boxes;
    int left_boxes = 0, right_boxes = 0;
    for (const ImageBoxLabel& box : drive.labels.boxes_2d) {
      if (box.class_name == "DontCare") {
        EXPECT_TRUE(box.track_id.empty());
        ++dont_care_boxes[box.frame];
        continue;
      }
      if (box.camera == "CAM_RIGHT") {
        ++right_boxes;
        continue;
      }
      ASSERT_EQ(box.camera, "CAM_LEFT");
      ++left_boxes;
      const KittiObjectLabel& want = lines.at({box.frame, box.track_id});
      worst_box = std::max({worst_box, std::abs(box.box.x1 - want.box2d.x1), std::abs(box.box.y1 - want.box2d.y1),
                            std::abs(box.box.x2 - want.box2d.x2), std::abs(box.box.y2 - want.box2d.y2)});
    }
    EXPECT_EQ(dont_care_boxes, dont_care_lines);
    EXPECT_EQ(size_t(left_boxes), lines.size());
    EXPECT_EQ(size_t(right_boxes), lines.size());
  }
  std::printf("VCD vs label_02 over %lld cuboids: location %.4f m, size %.4f m, rotation_y %.4f rad, 2D box %.4f px\n",
              (long long)compared, worst_location, worst_size, worst_yaw, worst_box);
  EXPECT_GT(compared, 10000);
  EXPECT_LE(worst_location, kRounding);
  EXPECT_LE(worst_size, kRounding);
  EXPECT_LE(worst_yaw, kRounding);
  EXPECT_LE(worst_box, kRounding);
}

// A VCD file as --labels for the label_02-only KITTI drive of its sequence, which has no ego
// poses: the labels come through the file's own poses and LiDAR, onto KITTI's own cuboids.
TEST(OpenLabelVcdRealData, LabelsForTheKittiDriveWithoutPoses) {
  FL_REQUIRE_SHARED_DATA(kVcdFolder);
  FL_REQUIRE_SHARED_DATA(kKittiTracking);
  const KittiTrackingDrive kitti(testing::shared_data(kKittiTracking), "0002");
  ASSERT_FALSE(kitti.drive().trajectory.has_poses());
  const LabelSet labels = kitti.read_replacement_labels(vcd_file("0002").string());
  EXPECT_EQ(labels.frame, LabelFrame::Lidar);
  std::map<std::pair<int64_t, std::string>, const CuboidLabel*> own;
  for (const CuboidLabel& b : kitti.drive().labels.boxes) own[{b.frame, b.track_id}] = &b;
  ASSERT_EQ(labels.boxes.size(), own.size());
  double worst = 0;
  for (const CuboidLabel& b : labels.boxes) {
    const CuboidLabel* k = own.at({b.frame, b.track_id});
    EXPECT_EQ(b.timestamp_us, k->timestamp_us);
    worst = std::max({worst, std::abs(b.box.center.x - k->box.center.x), std::abs(b.box.center.y - k->box.center.y),
                      std::abs(b.box.center.z - k->box.center.z)});
  }
  EXPECT_LE(worst, 0.035);  // the converter's truncation of x, y, z and of h / 2
  // CAM_LEFT's boxes are image_02's (the same projection); CAM_RIGHT has no counterpart.
  EXPECT_EQ(labels.boxes_2d.size(), kitti.drive().labels.boxes_2d.size());
  for (const ImageBoxLabel& b : labels.boxes_2d) EXPECT_EQ(b.camera, KittiTrackingDrive::kCameraName);
}

// The camera matrix is KITTI's P2 with its fourth column, projected whole from the rectified
// frame: the same pixels as the KITTI drive's camera (P2 after R_rect from cam0).
TEST(OpenLabelVcdRealData, CameraProjectsAsKittisImage02) {
  FL_REQUIRE_SHARED_DATA(kVcdFolder);
  FL_REQUIRE_SHARED_DATA(kKittiTracking);
  const OpenLabelDrive vcd(vcd_file("0004"));
  const KittiTrackingDrive kitti(testing::shared_data(kKittiTracking), "0004");
  const Sensor* left = vcd.drive().rigs.front().find("CAM_LEFT");
  const Sensor* velo = vcd.drive().rigs.front().find("VELO_TOP");
  const Sensor* image_02 = kitti.drive().rigs.front().find(KittiTrackingDrive::kCameraName);
  const Sensor* velodyne = kitti.drive().rigs.front().lidar();
  ASSERT_TRUE(left && velo && image_02 && velodyne && left->camera);
  EXPECT_EQ(left->camera->type, CameraModelType::KittiRectified);
  EXPECT_EQ(left->camera->width, 1242);
  EXPECT_EQ(left->camera->height, 375);
  const Transform3d vcd_cam_velo = left->T_ego_sensor.inverse() * velo->T_ego_sensor;
  const Transform3d kitti_cam_velo = image_02->T_ego_sensor.inverse() * velodyne->T_ego_sensor;
  for (const Vec3<double> p : {Vec3<double>{10, 2, -1}, Vec3<double>{25, -6, 0.5}, Vec3<double>{5, 0.3, -1.5}}) {
    Vec2<double> a{}, b{};
    double depth_a = 0, depth_b = 0;
    ASSERT_TRUE(project_point(*left->camera, vcd_cam_velo * p, a, depth_a));
    ASSERT_TRUE(project_point(*image_02->camera, kitti_cam_velo * p, b, depth_b));
    EXPECT_NEAR(a.x, b.x, 1e-6);
    EXPECT_NEAR(a.y, b.y, 1e-6);
  }
}

}  // namespace
}  // namespace fuselabel
