// Kernels on resident data: points uploaded once into a Workspace serve projection, depth,
// points_in_boxes and box_visibility with the same results as host views; the membership
// points_in_boxes keeps is every (point, containing cuboid) pair; the CPU pool's results do
// not depend on its thread count. Every case on every device.
#include <gtest/gtest.h>

#include <algorithm>
#include <stdexcept>

#include "kernels/box_visibility.h"
#include "kernels/cpu_parallel.h"
#include "test_support.h"
#include "random_boxes.h"

namespace fuselabel {
namespace {

using testing::DeviceTest;

struct Scene {
  std::vector<float> records;
  ProjectionBatch batch;
  FrameCuboids cuboids;
};

// Three sweeps (one empty) with overlapping cuboids; `pile` stacks that many extra copies of
// one large cuboid over every sweep's points, so pairs outnumber points.
Scene make_scene(uint64_t seed, int pile = 0) {
  testing::RandomScene rng(seed);
  Scene s;
  s.batch.point_stride = 4;
  s.batch.sweep_offsets = {0};
  for (int f = 0; f < 3; ++f) {
    std::vector<Cuboidd> boxes = testing::random_overlapping_cuboids(rng, f == 1 ? 0 : 60, true);
    for (int k = 0; k < pile; ++k) boxes.push_back(Cuboidd{{0, 0, 0}, {400.0 + k, 400.0, 100.0}, {}});
    if (f != 2) {
      const std::vector<float> cloud = rng.points(f == 0 ? 15000 : 3000, 4);
      s.records.insert(s.records.end(), cloud.begin(), cloud.end());
      testing::append_points_around(rng, boxes, 50, 4, s.records);
    }
    s.batch.sweep_offsets.push_back(static_cast<int64_t>(s.records.size()) / 4);
    s.cuboids.boxes.insert(s.cuboids.boxes.end(), boxes.begin(), boxes.end());
    s.cuboids.offsets.push_back(static_cast<int64_t>(s.cuboids.boxes.size()));
  }
  s.batch.points = s.records.data();
  for (CameraModelType type : testing::kAllCameraModels) s.batch.cameras.push_back(rng.camera(type).cast<float>());
  for (int f = 0; f < 3; ++f)
    for (int c = 0; c < static_cast<int>(s.batch.cameras.size()); ++c)
      s.batch.jobs.push_back({f, c, rng.T_cam_lidar().cast<float>()});
  return s;
}

PointsInBoxesBatch boxes_batch(const Scene& s, const float* points, Memory memory) {
  PointsInBoxesBatch b;
  b.points = points;
  b.points_memory = memory;
  b.point_stride = s.batch.point_stride;
  b.point_offsets = s.batch.sweep_offsets;
  b.cuboids = s.cuboids;
  b.keep_members = true;
  return b;
}

class ResidentData : public DeviceTest {};

TEST_P(ResidentData, OneUploadServesEveryOpWithHostViewResults) {
  for (int pile : {0, 3}) {
    const Scene s = make_scene(900 + pile, pile);
    std::vector<ProjectedPoint> want_points, got_points;
    std::vector<uint64_t> want_keys, got_keys;
    std::vector<BoxVisibility> want_visibility, got_visibility;
    PointsInBoxesResult want_members, got_members;
    project_points(GetParam(), s.batch, want_points);
    render_depth(GetParam(), s.batch, want_keys);
    box_visibility(GetParam(), s.batch, want_keys, s.cuboids, want_visibility);
    points_in_boxes(GetParam(), boxes_batch(s, s.records.data(), Memory::Host), want_members);

    Workspace ws(GetParam());
    ProjectionBatch resident = s.batch;
    const View<float> points = ws.upload("test.points", s.records.data(), static_cast<int64_t>(s.records.size()));
    resident.points = points.data, resident.points_memory = points.memory;
    const int64_t bytes_before = ws.transfers().upload_bytes;
    project_points(ws, resident, got_points);
    const View<uint64_t> keys = render_depth(ws, resident, got_keys);
    points_in_boxes(ws, boxes_batch(s, points.data, points.memory), got_members);
    box_visibility(ws, resident, keys, s.cuboids, got_members, got_visibility);

    ASSERT_EQ(got_points.size(), want_points.size());
    for (size_t i = 0; i < want_points.size(); ++i) {
      ASSERT_EQ(got_points[i].pixel, want_points[i].pixel) << i;
      ASSERT_EQ(got_points[i].depth, want_points[i].depth) << i;
    }
    EXPECT_EQ(got_keys, want_keys);
    EXPECT_EQ(got_members.point_box, want_members.point_box);
    EXPECT_EQ(got_members.box_points, want_members.box_points);
    ASSERT_EQ(got_visibility.size(), want_visibility.size());
    for (size_t k = 0; k < want_visibility.size(); ++k) {
      ASSERT_EQ(got_visibility[k].points, want_visibility[k].points) << k;
      ASSERT_EQ(got_visibility[k].visible_points, want_visibility[k].visible_points) << k;
    }
    // After the one upload, the points never cross again: only small per-call arrays do.
    const int64_t point_bytes = static_cast<int64_t>(s.records.size() * sizeof(float));
    EXPECT_LT(ws.transfers().upload_bytes - bytes_before, point_bytes / 4);
    if (GetParam() == Device::Cpu) {
      EXPECT_EQ(ws.transfers().uploads + ws.transfers().downloads, 0);
    }
  }
}

// Every pair is a float containment (the shared predicate), and there are as many as counted.
TEST_P(ResidentData, MembersAreEveryPointCuboidPair) {
  if (GetParam() != Device::Cpu) GTEST_SKIP() << "members stay in device memory; CUDA is checked through box_visibility";
  const Scene s = make_scene(910, 2);
  PointsInBoxesResult result;
  points_in_boxes(GetParam(), boxes_batch(s, s.records.data(), Memory::Host), result);
  ASSERT_EQ(result.member_begin.size(), 3u);
  int64_t pairs = 0;
  for (int32_t f = 0; f < 3; ++f) {
    std::vector<int32_t> counted(s.cuboids.frame_size(f), 0);
    const int64_t n = result.member_count(s.cuboids, f);
    for (int64_t k = 0; k < n; ++k) {
      const PointBox m = result.members.data[result.member_begin[f] + k];
      ASSERT_GE(m.box, s.cuboids.offsets[f]);
      ASSERT_LT(m.box, s.cuboids.offsets[f + 1]);
      const float* r = s.records.data() + (s.batch.sweep_offsets[f] + m.point) * 4;
      const CuboidFrame<double> box = make_cuboid_frame(s.cuboids.boxes[m.box]);
      EXPECT_LT(testing::outside_margin(box, {r[0], r[1], r[2]}), testing::kFaceTolerance);
      ++counted[m.box - s.cuboids.offsets[f]];
    }
    for (int64_t b = 0; b < s.cuboids.frame_size(f); ++b)
      EXPECT_EQ(counted[b], result.box_points[s.cuboids.offsets[f] + b]);
    pairs += n;
  }
  EXPECT_GT(pairs, s.batch.total_points());  // the pile: pairs outnumber points
}

TEST_P(ResidentData, CpuRefusesDeviceMemory) {
  if (GetParam() != Device::Cpu) GTEST_SKIP() << "the CPU backend's check";
  const Scene s = make_scene(920);
  ProjectionBatch batch = s.batch;
  batch.points_memory = Memory::Device;
  std::vector<ProjectedPoint> out;
  EXPECT_THROW(project_points(Device::Cpu, batch, out), std::invalid_argument);
  PointsInBoxesResult result;
  EXPECT_THROW(points_in_boxes(Device::Cpu, boxes_batch(s, s.records.data(), Memory::Device), result),
               std::invalid_argument);
}

FL_INSTANTIATE_DEVICE_TEST(ResidentData);

TEST(CpuPool, ResultsDoNotDependOnThreadCountAndErrorsPropagate) {
  const Scene s = make_scene(930, 1);
  std::vector<uint64_t> one, all;
  std::vector<BoxVisibility> vis_one, vis_all;
  set_cpu_threads(1);
  render_depth(Device::Cpu, s.batch, one);
  box_visibility(Device::Cpu, s.batch, s.cuboids, vis_one);
  set_cpu_threads(0);
  render_depth(Device::Cpu, s.batch, all);
  box_visibility(Device::Cpu, s.batch, s.cuboids, vis_all);
  EXPECT_EQ(one, all);
  ASSERT_EQ(vis_one.size(), vis_all.size());
  for (size_t k = 0; k < vis_one.size(); ++k) EXPECT_EQ(vis_one[k].visible_points, vis_all[k].visible_points);
  EXPECT_THROW(parallel_for(1 << 20, [](int64_t, int64_t end) {
                 if (end == (1 << 20)) throw std::runtime_error("last chunk");
               }, 1024),
               std::runtime_error);
}

TEST(CudaAvailability, StatusNamesTheReason) {
  EXPECT_FALSE(cuda_device_status().empty());
  if (cuda_device_available()) {
    EXPECT_NE(cuda_device_status().find("device(s)"), std::string::npos);
  }
}

}  // namespace
}  // namespace fuselabel
