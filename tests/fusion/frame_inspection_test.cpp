// inspect_frame on the real KITTI frame (against an independent float64 count in KITTI's own
// camera frame and the human 2D boxes) and on a synthetic frame with known answers.
#include <gtest/gtest.h>

#include <cmath>

#include "fusion/frame_inspection.h"
#include "io/drive_reader.h"
#include "io/kitti/kitti_object.h"
#include "test_support.h"

namespace fuselabel {
namespace {

const char* kKittiObject = "kitti-object/training";

// KITTI's box rule written in its own terms: a point in the rectified camera frame is inside
// when, relative to the bottom centre and turned by -rotation_y about y, |x| <= l/2, |z| <= w/2
// and -h <= y <= 0 (y points down).
int64_t reference_count(const KittiObjectLabel& label, const KittiCalib& calib, const std::vector<float>& records) {
  int64_t count = 0;
  const double c = std::cos(label.rotation_y), s = std::sin(label.rotation_y);
  for (size_t i = 0; i + 3 < records.size(); i += 4) {
    const Vec3<double> p = calib.R_rect * (calib.T_cam0_velo * Vec3<double>{records[i], records[i + 1], records[i + 2]});
    const Vec3<double> d = p - label.location;
    const double along = c * d.x - s * d.z, across = s * d.x + c * d.z;
    count += std::fabs(along) <= label.length / 2 && std::fabs(across) <= label.width / 2 && d.y <= 0 &&
             d.y >= -label.height;
  }
  return count;
}

class InspectKittiRealData : public testing::DeviceTest {};

TEST_P(InspectKittiRealData, CountsAndBoxesAgreeWithReferences) {
  FL_REQUIRE_SHARED_DATA(kKittiObject);
  const std::filesystem::path root = testing::shared_data(kKittiObject);
  const FrameData frame = open_drive(root)->load_frame("000008");
  const KittiCalib calib = read_kitti_calib(root / "calib/000008.txt");
  const std::vector<KittiObjectLabel> labels = read_kitti_object_labels(root / "label_2/000008.txt");
  const FrameInspection inspection = inspect_frame(GetParam(), frame);
  ASSERT_EQ(inspection.cuboids.size(), 6u);
  for (size_t b = 0; b < frame.cuboids.size(); ++b) {
    const KittiObjectLabel& label = labels[b];  // cuboids keep the file's order; the cars come first
    ASSERT_EQ(frame.cuboids[b].id, "000008:" + std::to_string(label.line));
    const int64_t expected = reference_count(label, calib, frame.lidar->records);
    EXPECT_GT(expected, 20) << frame.cuboids[b].id;
    EXPECT_NEAR(inspection.cuboids[b].num_lidar_pts, expected, 0.1 * expected) << frame.cuboids[b].id;
    ASSERT_TRUE(inspection.cuboids[b].cameras[0].has_value()) << frame.cuboids[b].id;
    EXPECT_GE(box_iou(inspection.cuboids[b].cameras[0]->box, label.box2d), 0.96) << frame.cuboids[b].id;
    EXPECT_GT(inspection.cuboids[b].cameras[0]->visible_fraction, 0.5) << frame.cuboids[b].id;
  }
  const std::string json = inspection_json(frame, inspection);
  EXPECT_NE(json.find("\"num_lidar_pts\": " + std::to_string(inspection.cuboids[0].num_lidar_pts)), std::string::npos);
}

FL_INSTANTIATE_DEVICE_TEST(InspectKittiRealData);

// Two boxes in front of a pinhole camera, the far one hidden behind the near one; one box
// behind the camera; radar points inside the near box.
FrameData occlusion_frame() {
  FrameData frame;
  frame.id = "synthetic";
  std::vector<float> records;
  // A wall of n x n points at depth x, on the rays of a 0.05 m grid at 10 m.
  auto grid = [&](double x, int n) {
    const double step = 0.05 * x / 10, start = -step * (n - 1) / 2;
    for (int i = 0; i < n; ++i)
      for (int j = 0; j < n; ++j)
        records.insert(records.end(), {float(x), float(start + step * i), float(start + step * j), 1.f});
  };
  grid(10.0, 17);   // near box face: 289 points
  grid(20.0, 17);   // far box face on the same rays: every point hidden
  grid(-10.0, 5);   // behind the camera
  frame.lidar = PointSweep{"lidar", 0, {"x", "y", "z", "intensity"}, records};
  frame.radars.push_back(PointSweep{"RADAR", 0, {"x", "y", "z", "vr", "rcs"}, {10.f, 0.f, 0.f, 1.f, 5.f, 30.f, 0.f, 0.f, 0.f, 0.f}});
  auto box = [](double x) { return Cuboidd{{x + 0.5, 0, 0}, {1.2, 2.0, 2.0}, {}}; };
  for (double x : {10.0, 20.0, -10.0}) {
    CuboidLabel label;
    label.id = "b" + std::to_string(int(x));
    label.class_name = "Car";
    label.box = box(x);
    frame.cuboids.push_back(label);
  }
  CameraView cam;
  cam.sensor = "CAM";
  cam.model.width = 640, cam.model.height = 480, cam.model.fx = cam.model.fy = 2000, cam.model.cx = 320,
  cam.model.cy = 240;
  cam.T_cam_lidar = {{{0, -1, 0, 0, 0, -1, 1, 0, 0}}, {0, 0, 0}};
  frame.cameras.push_back(cam);
  return frame;
}

class InspectSynthetic : public testing::DeviceTest {};

TEST_P(InspectSynthetic, CountsOcclusionAndVisibility) {
  const FrameData frame = occlusion_frame();
  const FrameInspection inspection = inspect_frame(GetParam(), frame);
  EXPECT_EQ(inspection.cuboids[0].num_lidar_pts, 289);
  EXPECT_EQ(inspection.cuboids[1].num_lidar_pts, 289);
  EXPECT_EQ(inspection.cuboids[2].num_lidar_pts, 25);
  EXPECT_EQ(inspection.cuboids[0].num_radar_pts, 1);
  ASSERT_TRUE(inspection.cuboids[0].cameras[0]);
  ASSERT_TRUE(inspection.cuboids[1].cameras[0]);
  EXPECT_FALSE(inspection.cuboids[2].cameras[0]);  // behind the camera
  EXPECT_DOUBLE_EQ(inspection.cuboids[0].cameras[0]->visible_fraction, 1.0);
  EXPECT_DOUBLE_EQ(inspection.cuboids[1].cameras[0]->visible_fraction, 0.0);
  const std::string json = inspection_json(frame, inspection);
  EXPECT_EQ(json.find("\"b-10\"") != std::string::npos, true);
  EXPECT_NE(json.find("\"visible_fraction\": 1.0"), std::string::npos);
}

// A batch mixes frames with and without LiDAR, cuboids and cameras; every frame's result must
// equal its own single-frame inspection, field by field.
TEST_P(InspectSynthetic, BatchOfFramesEqualsEachFrameAlone) {
  std::vector<FrameData> frames(5, occlusion_frame());
  frames[1].cuboids.clear();
  frames[2].lidar.reset();
  frames[3].cameras.clear();
  frames[4].cuboids.erase(frames[4].cuboids.begin());
  frames[4].T_labels_lidar.t.x = 0.5;  // a different label frame: the boxes move in the LiDAR frame
  std::vector<const FrameData*> views;
  for (const FrameData& f : frames) views.push_back(&f);
  Workspace ws(GetParam());
  const std::vector<FrameInspection> batch = inspect_frames(ws, views);
  ASSERT_EQ(batch.size(), frames.size());
  for (size_t f = 0; f < frames.size(); ++f) {
    const FrameInspection alone = inspect_frame(GetParam(), frames[f]);
    EXPECT_EQ(inspection_json(frames[f], batch[f]), inspection_json(frames[f], alone)) << "frame " << f;
    EXPECT_EQ(batch[f].lidar_point_cuboid, alone.lidar_point_cuboid) << "frame " << f;
    ASSERT_EQ(batch[f].projections.size(), alone.projections.size());
    for (size_t c = 0; c < alone.projections.size(); ++c) {
      EXPECT_EQ(batch[f].projections[c].depth_keys, alone.projections[c].depth_keys) << "frame " << f;
      ASSERT_EQ(batch[f].projections[c].lidar.size(), alone.projections[c].lidar.size());
      for (size_t i = 0; i < alone.projections[c].lidar.size(); ++i)
        ASSERT_EQ(batch[f].projections[c].lidar[i].pixel, alone.projections[c].lidar[i].pixel) << f << " " << i;
      ASSERT_EQ(batch[f].projections[c].radar.size(), alone.projections[c].radar.size());
    }
  }
  EXPECT_EQ(batch[1].cuboids.size(), 0u);
  EXPECT_TRUE(batch[2].lidar_point_cuboid.empty());
  if (GetParam() == Device::Cpu) {
    EXPECT_EQ(ws.transfers().uploads + ws.transfers().downloads, 0);
  }
}

FL_INSTANTIATE_DEVICE_TEST(InspectSynthetic);

}  // namespace
}  // namespace fuselabel
