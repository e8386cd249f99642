// The real KITTI object frame 000008 (../shared/data, skipped when absent): projected cuboids
// against the human 2D boxes, and the projected point count against an independent float64
// count through KITTI's own formula.
#include <gtest/gtest.h>

#include "fusion/frame_projection.h"
#include "io/drive_reader.h"
#include "io/kitti/kitti_object.h"
#include "projection/cuboid_projection.h"
#include "test_support.h"

namespace fuselabel {
namespace {

const char* kKittiObject = "kitti-object/training";

TEST(KittiRealData, ProjectedCuboidsMatchHumanBoxes) {
  FL_REQUIRE_SHARED_DATA(kKittiObject);
  const FrameData frame = open_drive(testing::shared_data(kKittiObject))->load_frame("000008");
  ASSERT_EQ(frame.cuboids.size(), 6u);
  ASSERT_EQ(frame.cameras.size(), 1u);
  const CameraView& cam = frame.cameras[0];
  for (const CuboidLabel& label : frame.cuboids) {
    const ImageBoxLabel* human = nullptr;
    for (const ImageBoxLabel& b : frame.image_boxes)
      if (b.id == label.id) human = &b;
    ASSERT_NE(human, nullptr) << label.id;
    Box2<double> projected;
    ASSERT_TRUE(project_cuboid_box(cam.model, cam.T_cam_labels(), label.box, projected)) << label.id;
    EXPECT_GE(box_iou(projected, human->box), 0.96) << label.id;
  }
}

// KITTI's devkit formula in double, written out: P2 * R0_rect * Tr_velo_to_cam * [x y z 1].
int64_t reference_in_image_count(const KittiCalib& calib, const std::vector<float>& records, int width, int height) {
  int64_t count = 0;
  for (size_t i = 0; i + 3 < records.size(); i += 4) {
    const Vec3<double> p = {records[i], records[i + 1], records[i + 2]};
    const Vec3<double> rect = calib.R_rect * (calib.T_cam0_velo * p);
    const auto& P = calib.P[2];
    const double a = P[0] * rect.x + P[1] * rect.y + P[2] * rect.z + P[3];
    const double b = P[4] * rect.x + P[5] * rect.y + P[6] * rect.z + P[7];
    const double w = P[8] * rect.x + P[9] * rect.y + P[10] * rect.z + P[11];
    if (w <= 0) continue;
    const double u = a / w, v = b / w;  // inside: the pixel (rounded centre) is in the image
    count += u >= -0.5 && u < width - 0.5 && v >= -0.5 && v < height - 0.5;
  }
  return count;
}

class KittiRealDataProjection : public testing::DeviceTest {};

TEST_P(KittiRealDataProjection, InImageCountEqualsTheDevkitFormula) {
  FL_REQUIRE_SHARED_DATA(kKittiObject);
  const FrameData frame = open_drive(testing::shared_data(kKittiObject))->load_frame("000008");
  ASSERT_TRUE(frame.lidar.has_value());
  ASSERT_EQ(frame.lidar->size(), 17238);
  const KittiCalib calib = read_kitti_calib(testing::shared_data(kKittiObject) / "calib/000008.txt");
  const std::vector<CameraProjection> projections = project_frame(GetParam(), frame);
  ASSERT_EQ(projections.size(), 1u);
  EXPECT_EQ(projections[0].width, 1242);
  EXPECT_EQ(projections[0].height, 375);
  int64_t in_image = 0;
  for (const ProjectedPoint& p : projections[0].lidar) in_image += p.in_image();
  EXPECT_EQ(in_image, reference_in_image_count(calib, frame.lidar->records, 1242, 375));
  EXPECT_GT(in_image, 17000);  // the sweep is cropped to the camera's view
}

// Depth is the depth in the image's own camera: the third row of P2 * R0_rect * Tr_velo_to_cam,
// which includes P2's translation (2.7 mm on 000008), as KITTI's depth tools compute it; not the
// rectified camera-0 z.
TEST_P(KittiRealDataProjection, DepthIsTheThirdRowOfTheDevkitProjection) {
  FL_REQUIRE_SHARED_DATA(kKittiObject);
  const FrameData frame = open_drive(testing::shared_data(kKittiObject))->load_frame("000008");
  const KittiCalib calib = read_kitti_calib(testing::shared_data(kKittiObject) / "calib/000008.txt");
  const std::vector<CameraProjection> projections = project_frame(GetParam(), frame);
  ASSERT_EQ(projections.size(), 1u);
  const auto& P = calib.P[2];
  ASSERT_GT(P[11], 0.002);  // the translation the depth must carry
  const std::vector<float>& r = frame.lidar->records;
  int64_t checked = 0;
  for (size_t i = 0; i < projections[0].lidar.size(); ++i) {
    if (!projections[0].lidar[i].in_image()) continue;
    const Vec3<double> rect = calib.R_rect * (calib.T_cam0_velo * Vec3<double>{r[4 * i], r[4 * i + 1], r[4 * i + 2]});
    const double w = P[8] * rect.x + P[9] * rect.y + P[10] * rect.z + P[11];
    ASSERT_NEAR(projections[0].lidar[i].depth, w, 2e-6 * w + 1e-5) << "point " << i;
    ++checked;
  }
  EXPECT_GT(checked, 17000);
}

FL_INSTANTIATE_DEVICE_TEST(KittiRealDataProjection);

}  // namespace
}  // namespace fuselabel
