// boxes_to_image on every device against project_cuboid_box<double>, for every camera model,
// with cuboids in view, straddling the near plane, behind the camera and off to the side.
#include <gtest/gtest.h>

#include <cmath>

#include "kernels/boxes_to_image.h"
#include "projection/cuboid_projection.h"
#include "random_boxes.h"
#include "test_support.h"

namespace fuselabel {
namespace {

using testing::DeviceTest;

// Two frames of cuboids around the vehicle (T_cam_lidar looks along +x), four cameras (one per
// model), every frame into every camera.
BoxesToImageBatch random_batch(uint64_t seed) {
  testing::RandomScene rng(seed);
  BoxesToImageBatch batch;
  for (int f = 0; f < 2; ++f) {
    std::vector<Cuboidd> boxes = testing::random_overlapping_cuboids(rng, 150, true);
    for (int k = 0; k < 30; ++k)  // close to the camera: many cross the near plane
      boxes.push_back({{rng.uniform(-3, 3), rng.uniform(-3, 3), rng.uniform(-1, 1)}, {4, 2, 1.5},
                       Quat<double>::from_yaw(rng.uniform(-3.2, 3.2))});
    batch.cuboids.boxes.insert(batch.cuboids.boxes.end(), boxes.begin(), boxes.end());
    batch.cuboids.offsets.push_back(static_cast<int64_t>(batch.cuboids.boxes.size()));
  }
  for (CameraModelType type : testing::kAllCameraModels) batch.cameras.push_back(rng.camera(type));
  for (int f = 0; f < 2; ++f)
    for (int c = 0; c < static_cast<int>(std::size(testing::kAllCameraModels)); ++c) batch.jobs.push_back({f, c, rng.T_cam_lidar()});
  return batch;
}

class BoxesToImage : public DeviceTest {};

TEST_P(BoxesToImage, EqualsProjectCuboidBoxInFloat64) {
  for (uint64_t seed : {600u, 601u}) {
    const BoxesToImageBatch batch = random_batch(seed);
    std::vector<ImageBox> out;
    boxes_to_image(GetParam(), batch, out);
    const std::vector<int64_t> offsets = boxes_to_image_offsets(batch);
    ASSERT_EQ(out.size(), static_cast<size_t>(offsets.back()));
    int visible = 0, hidden = 0, straddling = 0;
    for (size_t j = 0; j < batch.jobs.size(); ++j) {
      const BoxImageJob& job = batch.jobs[j];
      const CameraModeld& cam = batch.cameras[job.camera];
      for (int64_t b = 0; b < batch.cuboids.frame_size(job.frame); ++b) {
        const Cuboidd& cuboid = batch.cuboids.boxes[batch.cuboids.offsets[job.frame] + b];
        Box2<double> expected;
        const bool expected_visible = project_cuboid_box(cam, job.T_cam_frame, cuboid, expected);
        const ImageBox& got = out[offsets[j] + b];
        ASSERT_EQ(got.visible, expected_visible) << "job " << j << " box " << b;
        if (!expected_visible) {
          EXPECT_EQ(got.box.x1, 0.0);
          EXPECT_EQ(got.box.x2, 0.0);
          ++hidden;
          continue;
        }
        ++visible;
        EXPECT_NEAR(got.box.x1, expected.x1, 1e-3) << "model " << static_cast<int>(cam.type);
        EXPECT_NEAR(got.box.y1, expected.y1, 1e-3) << "model " << static_cast<int>(cam.type);
        EXPECT_NEAR(got.box.x2, expected.x2, 1e-3) << "model " << static_cast<int>(cam.type);
        EXPECT_NEAR(got.box.y2, expected.y2, 1e-3) << "model " << static_cast<int>(cam.type);
        Vec3<double> corners[8];
        cuboid_corners(cuboid, corners);
        int behind = 0;
        for (const Vec3<double>& c : corners) behind += camera_depth(cam, job.T_cam_frame * c) <= cam.near_plane;
        straddling += behind > 0;
      }
    }
    EXPECT_GT(visible, 100);
    EXPECT_GT(hidden, 100);
    EXPECT_GT(straddling, 10);  // boxes cut by the near plane that still get a 2D box
  }
}

TEST_P(BoxesToImage, BoxHalfBehindTheCameraReachesTheImageBorder) {
  BoxesToImageBatch batch;
  CameraModeld cam;
  cam.width = 640, cam.height = 480, cam.fx = cam.fy = 500, cam.cx = 320, cam.cy = 240;
  batch.cameras = {cam};
  // Camera frame = cuboid frame. Box A (x 2..4, y -0.5..0.5, z -5..5) passes beside the camera:
  // only its part in front of the near plane projects, reaching u = +infinity as z -> 0, so
  // its box runs from its far edge to the image border. Box B lies wholly behind the camera.
  batch.cuboids.boxes = {Cuboidd{{3, 0, 0}, {2, 1, 10}, {}}, Cuboidd{{0, 0, -5}, {2, 2, 2}, {}}};
  batch.cuboids.offsets = {0, 2};
  batch.jobs = {{0, 0, Transform3d::identity()}};
  std::vector<ImageBox> out;
  boxes_to_image(GetParam(), batch, out);
  ASSERT_EQ(out.size(), 2u);
  ASSERT_TRUE(out[0].visible);
  EXPECT_NEAR(out[0].box.x1, 320 + 500 * 2.0 / 5, 1e-6);  // nearest visible left edge: x = 2 at z = 5
  EXPECT_NEAR(out[0].box.x2, 639, 1e-9);                 // clipped to the image
  // The top edge (x = 2, y = -0.5) projects to the line v = 240 - (u - 320) / 4, which leaves
  // the image at u = 639; likewise the bottom edge.
  EXPECT_NEAR(out[0].box.y1, 240 - 319.0 / 4, 1e-6);
  EXPECT_NEAR(out[0].box.y2, 240 + 319.0 / 4, 1e-6);
  EXPECT_FALSE(out[1].visible);
}

TEST_P(BoxesToImage, RejectsInconsistentBatches) {
  const BoxesToImageBatch batch = random_batch(602);
  std::vector<ImageBox> out;
  BoxesToImageBatch bad = batch;
  bad.jobs[1].frame = 2;
  EXPECT_THROW(boxes_to_image(GetParam(), bad, out), std::invalid_argument);
  bad = batch;
  bad.jobs[0].camera = -1;
  EXPECT_THROW(boxes_to_image(GetParam(), bad, out), std::invalid_argument);
  bad = batch;
  bad.cameras[2].width = 0;
  EXPECT_THROW(boxes_to_image(GetParam(), bad, out), std::invalid_argument);
  bad = batch;
  bad.cuboids.boxes[7].center.x = std::nan("");
  EXPECT_THROW(boxes_to_image(GetParam(), bad, out), std::invalid_argument);
  bad = batch;
  bad.jobs[3].T_cam_frame.t.y = INFINITY;
  EXPECT_THROW(boxes_to_image(GetParam(), bad, out), std::invalid_argument);
}

FL_INSTANTIATE_DEVICE_TEST(BoxesToImage);

TEST(CuboidEdges, DeviceFormulaMatchesTheTable) {
  for (int e = 0; e < 12; ++e) {
    EXPECT_EQ(cuboid_edge_corner(e, 0), kCuboidEdges[e][0]) << e;
    EXPECT_EQ(cuboid_edge_corner(e, 1), kCuboidEdges[e][1]) << e;
  }
}

TEST(BoxesToImageParity, CudaMatchesCpu) {
  FL_REQUIRE_CUDA_OR_SKIP();
  const BoxesToImageBatch batch = random_batch(610);
  std::vector<ImageBox> cpu, gpu;
  boxes_to_image(Device::Cpu, batch, cpu);
  boxes_to_image(Device::Cuda, batch, gpu);
  ASSERT_EQ(cpu.size(), gpu.size());
  for (size_t k = 0; k < cpu.size(); ++k) {
    ASSERT_EQ(cpu[k].visible, gpu[k].visible) << k;
    // float64 on both; only the fisheye's atan may differ in the last bit between libm and CUDA.
    EXPECT_NEAR(cpu[k].box.x1, gpu[k].box.x1, 1e-9) << k;
    EXPECT_NEAR(cpu[k].box.y1, gpu[k].box.y1, 1e-9) << k;
    EXPECT_NEAR(cpu[k].box.x2, gpu[k].box.x2, 1e-9) << k;
    EXPECT_NEAR(cpu[k].box.y2, gpu[k].box.y2, 1e-9) << k;
  }
}

}  // namespace
}  // namespace fuselabel
