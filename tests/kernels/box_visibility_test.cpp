// box_visibility on every device: a hand-built occlusion with known answers, and random scenes
// against a serial count over project_points, render_depth and float64 containment.
#include <gtest/gtest.h>

#include <cmath>

#include "kernels/box_visibility.h"
#include "random_boxes.h"
#include "test_support.h"

namespace fuselabel {
namespace {

using testing::DeviceTest;

class BoxVisibilityTest : public DeviceTest {};

void add_lattice(std::vector<float>& records, float x0, int nx, float y0, int ny, float step, float z) {
  for (int i = 0; i < nx; ++i)
    for (int k = 0; k < ny; ++k) records.insert(records.end(), {x0 + i * step, y0 + k * step, z});
}

// The sweep is in the camera frame (x right, y down, z forward); pinhole fx = 50 into a 40 x 40
// image with its centre at 20.25, so lattice points sit a quarter pixel off pixel borders.
// - A: 20 x 20 points 0.1 m apart at z = 5, one per pixel, columns and rows 11..30.
// - B: 20 x 10 points 0.2 m apart at z = 10, one per pixel, columns 16..35 and rows 16..25:
//   the 15 columns up to 30 lie behind A's points, the last 5 are open. 50 of 200 visible.
// - 10 points behind the camera, inside cuboid E.
TEST_P(BoxVisibilityTest, HandBuiltOcclusion) {
  std::vector<float> records;
  add_lattice(records, -0.95f, 20, -0.95f, 20, 0.1f, 5.f);
  add_lattice(records, -0.9f, 20, -0.9f, 10, 0.2f, 10.f);
  add_lattice(records, -0.5f, 5, -0.5f, 2, 0.2f, -5.f);
  ProjectionBatch batch;
  batch.points = records.data();
  batch.sweep_offsets = {0, static_cast<int64_t>(records.size() / 3)};
  CameraModelf cam;
  cam.width = 40, cam.height = 40, cam.fx = cam.fy = 50, cam.cx = cam.cy = 20.25f;
  batch.cameras = {cam};
  Transform3f far_away = Transform3f::identity();
  far_away.t.x = 100;  // the second camera sees none of it
  batch.jobs = {{0, 0, Transform3f::identity()}, {0, 0, far_away}};
  FrameCuboids cuboids;
  cuboids.boxes = {Cuboidd{{0, 0, 5}, {2.2, 2.2, 1}, {}},    // A
                   Cuboidd{{1, 0, 10}, {4.2, 2.2, 1}, {}},   // B
                   Cuboidd{{0, 0, 30}, {1, 1, 1}, {}},       // C: empty
                   Cuboidd{{0, 0, 5}, {4, 4, 2}, {}},        // D: overlaps A, holds the same points
                   Cuboidd{{0, 0, -5}, {2, 2, 2}, {}}};      // E: behind the camera
  cuboids.offsets = {0, 5};
  std::vector<BoxVisibility> out;
  box_visibility(GetParam(), batch, cuboids, out);
  ASSERT_EQ(out.size(), 10u);
  const int points[5] = {400, 200, 0, 400, 10}, visible[5] = {400, 50, 0, 400, 0};
  for (int b = 0; b < 5; ++b) {
    EXPECT_EQ(out[b].points, points[b]) << "box " << b;
    EXPECT_EQ(out[b].visible_points, visible[b]) << "box " << b;
    EXPECT_EQ(out[5 + b].points, points[b]) << "box " << b;
    EXPECT_EQ(out[5 + b].visible_points, 0) << "box " << b;
  }
  EXPECT_DOUBLE_EQ(out[1].fraction(), 0.25);
  EXPECT_EQ(out[2].fraction(), 0.0);
}

struct VisibilityScene {
  std::vector<float> records;
  ProjectionBatch batch;
  FrameCuboids cuboids;
};

// Two sweeps of 80 overlapping cuboids with points in and around them, each into a pinhole
// and a Brown-Conrady camera at half resolution (crowded pixels: much occlusion).
VisibilityScene random_scene(uint64_t seed) {
  testing::RandomScene rng(seed);
  VisibilityScene scene;
  ProjectionBatch& batch = scene.batch;
  batch.point_stride = 4;
  batch.sweep_offsets = {0};
  for (int s = 0; s < 2; ++s) {
    const std::vector<Cuboidd> boxes = testing::random_overlapping_cuboids(rng, 80, true);
    const std::vector<float> cloud = rng.points(20000, 4);
    scene.records.insert(scene.records.end(), cloud.begin(), cloud.end());
    testing::append_points_around(rng, boxes, 80, 4, scene.records);
    batch.sweep_offsets.push_back(static_cast<int64_t>(scene.records.size() / 4));
    scene.cuboids.boxes.insert(scene.cuboids.boxes.end(), boxes.begin(), boxes.end());
    scene.cuboids.offsets.push_back(static_cast<int64_t>(scene.cuboids.boxes.size()));
  }
  batch.points = scene.records.data();
  for (CameraModelType type : {CameraModelType::Pinhole, CameraModelType::BrownConrady}) {
    CameraModeld cam = rng.camera(type);
    cam.width /= 2, cam.height /= 2, cam.fx /= 2, cam.fy /= 2, cam.cx /= 2, cam.cy /= 2;
    batch.cameras.push_back(cam.cast<float>());
  }
  for (int s = 0; s < 2; ++s)
    for (int c = 0; c < 2; ++c) batch.jobs.push_back({s, c, rng.T_cam_lidar().cast<float>()});
  return scene;
}

TEST_P(BoxVisibilityTest, MatchesSerialCountOnRandomScenes) {
  const VisibilityScene scene = random_scene(700);
  const ProjectionBatch& batch = scene.batch;
  const FrameCuboids& cuboids = scene.cuboids;
  const std::vector<float>& records = scene.records;
  std::vector<uint64_t> keys;
  render_depth(GetParam(), batch, keys);
  std::vector<ProjectedPoint> projected;
  project_points(GetParam(), batch, projected);
  std::vector<BoxVisibility> out;
  box_visibility(GetParam(), batch, keys, cuboids, out);
  const std::vector<int64_t> out_offsets = box_visibility_offsets(batch, cuboids);
  const std::vector<int64_t> proj_offsets = projection_output_offsets(batch), image_offsets = depth_image_offsets(batch);
  ASSERT_EQ(out.size(), static_cast<size_t>(out_offsets.back()));
  int64_t total_visible = 0, total_occluded = 0;
  for (size_t j = 0; j < batch.jobs.size(); ++j) {
    const int32_t s = batch.jobs[j].sweep;
    for (int64_t b = 0; b < cuboids.frame_size(s); ++b) {
      const CuboidFrame<double> box = make_cuboid_frame(cuboids.boxes[cuboids.offsets[s] + b]);
      int sure = 0, borderline = 0, sure_visible = 0, borderline_visible = 0;
      for (int64_t i = 0; i < batch.sweep_size(s); ++i) {
        const float* r = records.data() + (batch.sweep_offsets[s] + i) * 4;
        const double margin = testing::outside_margin(box, {r[0], r[1], r[2]});
        const bool maybe = std::abs(margin) < testing::kFaceTolerance;
        if (!maybe && margin > 0) continue;
        const ProjectedPoint& p = projected[proj_offsets[j] + i];
        const bool owns = p.in_image() && point_of_key(keys[image_offsets[j] + p.pixel]) == static_cast<uint32_t>(i);
        (maybe ? borderline : sure) += 1;
        (maybe ? borderline_visible : sure_visible) += owns;
      }
      const BoxVisibility& got = out[out_offsets[j] + b];
      EXPECT_GE(got.points, sure);
      EXPECT_LE(got.points, sure + borderline);
      EXPECT_GE(got.visible_points, sure_visible) << "job " << j << " box " << b;
      EXPECT_LE(got.visible_points, sure_visible + borderline_visible) << "job " << j << " box " << b;
      total_visible += got.visible_points;
      total_occluded += sure - sure_visible;
    }
  }
  EXPECT_GT(total_visible, 1000);
  EXPECT_GT(total_occluded, 1000);
}

TEST_P(BoxVisibilityTest, RejectsInconsistentInput) {
  std::vector<float> records = {0, 0, 5};
  ProjectionBatch batch;
  batch.points = records.data();
  batch.sweep_offsets = {0, 1};
  CameraModelf cam;
  cam.width = 4, cam.height = 4, cam.fx = cam.fy = 1, cam.cx = cam.cy = 2;
  batch.cameras = {cam};
  batch.jobs = {{0, 0, Transform3f::identity()}};
  FrameCuboids cuboids;
  cuboids.boxes = {Cuboidd{{0, 0, 5}, {1, 1, 1}, {}}};
  cuboids.offsets = {0, 1};
  std::vector<BoxVisibility> out;
  EXPECT_THROW(box_visibility(GetParam(), batch, std::vector<uint64_t>(15, kEmptyDepthKey), cuboids, out),
               std::invalid_argument);
  FrameCuboids two_frames = cuboids;
  two_frames.offsets = {0, 1, 1};
  EXPECT_THROW(box_visibility(GetParam(), batch, two_frames, out), std::invalid_argument);
  box_visibility(GetParam(), batch, cuboids, out);
  ASSERT_EQ(out.size(), 1u);
  EXPECT_EQ(out[0].points, 1);
  EXPECT_EQ(out[0].visible_points, 1);
}

FL_INSTANTIATE_DEVICE_TEST(BoxVisibilityTest);

TEST(BoxVisibilityParity, CudaEqualsCpu) {
  FL_REQUIRE_CUDA_OR_SKIP();
  const VisibilityScene scene = random_scene(701);
  std::vector<BoxVisibility> cpu, gpu;
  box_visibility(Device::Cpu, scene.batch, scene.cuboids, cpu);
  box_visibility(Device::Cuda, scene.batch, scene.cuboids, gpu);
  ASSERT_EQ(cpu.size(), gpu.size());
  for (size_t k = 0; k < cpu.size(); ++k) {
    ASSERT_EQ(cpu[k].points, gpu[k].points) << k;
    ASSERT_EQ(cpu[k].visible_points, gpu[k].visible_points) << k;
  }
}

}  // namespace
}  // namespace fuselabel
