// render_depth: nearest point per pixel, ties to the lower index, identical on every device.
#include <gtest/gtest.h>

#include <cstring>

#include "kernels/project_points.h"
#include "random_calibration.h"
#include "test_support.h"

namespace fuselabel {
namespace {

using testing::DeviceTest;

class RenderDepth : public DeviceTest {};

// A serial z-buffer over project_points' own output: the ownership rule written plainly.
std::vector<uint64_t> serial_zbuffer(const ProjectionBatch& batch, const std::vector<ProjectedPoint>& points) {
  const std::vector<int64_t> out_offsets = projection_output_offsets(batch);
  const std::vector<int64_t> image_offsets = depth_image_offsets(batch);
  std::vector<uint64_t> keys(image_offsets.back(), kEmptyDepthKey);
  for (size_t j = 0; j < batch.jobs.size(); ++j)
    for (int64_t i = 0; i < out_offsets[j + 1] - out_offsets[j]; ++i) {
      const ProjectedPoint& p = points[out_offsets[j] + i];
      if (!p.in_image()) continue;
      uint64_t& slot = keys[image_offsets[j] + p.pixel];
      const bool nearer = slot == kEmptyDepthKey || p.depth < depth_of_key(slot) ||
                          (p.depth == depth_of_key(slot) && static_cast<uint32_t>(i) < point_of_key(slot));
      if (!nearer) continue;
      uint32_t bits;
      std::memcpy(&bits, &p.depth, sizeof bits);
      slot = (static_cast<uint64_t>(bits) << 32) | static_cast<uint32_t>(i);
    }
  return keys;
}

ProjectionBatch dense_batch(testing::RandomScene& rng, std::vector<float>& records, CameraModelType type) {
  records = rng.points(60000, 3);
  ProjectionBatch batch;
  batch.points = records.data();
  batch.point_stride = 3;
  batch.sweep_offsets = {0, 30000, 60000};
  CameraModeld cam = rng.camera(type);
  cam.width = 160, cam.height = 120, cam.fx = cam.fy = 100, cam.cx = 80, cam.cy = 60;  // many points per pixel
  if (type == CameraModelType::KittiRectified) {
    const double P[12] = {100, 0, 80, -5, 0, 100, 60, 0.1, 0, 0, 1, 0.003};
    for (int i = 0; i < 12; ++i) cam.P[i] = P[i];
  }
  if (type != CameraModelType::Pinhole && type != CameraModelType::KittiRectified)
    cam.max_radius2 = lens_validity_radius2(cam);
  batch.cameras = {cam.cast<float>()};
  batch.jobs = {{0, 0, rng.T_cam_lidar().cast<float>()}, {1, 0, rng.T_cam_lidar().cast<float>()}};
  return batch;
}

TEST_P(RenderDepth, NearestPointOwnsEachPixel) {
  testing::RandomScene rng(300);
  for (CameraModelType type : testing::kAllCameraModels) {
    std::vector<float> records;
    const ProjectionBatch batch = dense_batch(rng, records, type);
    std::vector<ProjectedPoint> points;
    project_points(GetParam(), batch, points);
    std::vector<uint64_t> keys;
    render_depth(GetParam(), batch, keys);
    const std::vector<uint64_t> expected = serial_zbuffer(batch, points);
    ASSERT_EQ(keys.size(), expected.size());
    int64_t filled = 0;
    for (size_t p = 0; p < keys.size(); ++p) {
      ASSERT_EQ(keys[p], expected[p]) << "pixel " << p << " model " << static_cast<int>(type);
      filled += keys[p] != kEmptyDepthKey;
    }
    EXPECT_GT(filled, 1000);
  }
}

TEST_P(RenderDepth, TiesGoToTheLowerPointIndex) {
  // Five identical points, then a nearer one, then a farther one, all on the same pixel.
  std::vector<float> records;
  for (int i = 0; i < 5; ++i) records.insert(records.end(), {0.f, 0.f, 10.f});
  records.insert(records.end(), {0.f, 0.f, 10.f});
  records.insert(records.end(), {0.f, 0.f, 12.f});
  std::vector<float> nearer = {0.f, 0.f, 9.f};
  ProjectionBatch batch;
  batch.points = records.data();
  batch.sweep_offsets = {0, 7};
  CameraModelf cam;
  cam.width = 9, cam.height = 9, cam.fx = cam.fy = 10, cam.cx = cam.cy = 4;
  batch.cameras = {cam};
  batch.jobs = {{0, 0, Transform3f::identity()}};
  std::vector<uint64_t> keys;
  render_depth(GetParam(), batch, keys);
  const uint64_t centre = keys[4 * 9 + 4];
  EXPECT_EQ(point_of_key(centre), 0u);
  EXPECT_EQ(depth_of_key(centre), 10.f);
  // Put a nearer point last: it must win regardless of order.
  records.insert(records.end(), nearer.begin(), nearer.end());
  batch.points = records.data();
  batch.sweep_offsets = {0, 8};
  render_depth(GetParam(), batch, keys);
  EXPECT_EQ(point_of_key(keys[4 * 9 + 4]), 7u);
  EXPECT_EQ(depth_of_key(keys[4 * 9 + 4]), 9.f);
  // All other pixels stay empty.
  for (size_t p = 0; p < keys.size(); ++p) {
    if (p == 4 * 9 + 4) continue;
    EXPECT_EQ(keys[p], kEmptyDepthKey);
  }
}

FL_INSTANTIATE_DEVICE_TEST(RenderDepth);

TEST(RenderDepthParity, CudaEqualsCpu) {
  FL_REQUIRE_CUDA_OR_SKIP();
  testing::RandomScene rng(301);
  for (CameraModelType type : testing::kAllCameraModels) {
    std::vector<float> records;
    const ProjectionBatch batch = dense_batch(rng, records, type);
    std::vector<uint64_t> cpu, gpu;
    render_depth(Device::Cpu, batch, cpu);
    render_depth(Device::Cuda, batch, gpu);
    ASSERT_EQ(cpu, gpu);
  }
}

}  // namespace
}  // namespace fuselabel
