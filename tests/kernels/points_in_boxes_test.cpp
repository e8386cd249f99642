// points_in_boxes on every device against a brute-force float64 reference, on random clouds
// and random overlapping (and tilted) cuboids, batched over frames.
#include <gtest/gtest.h>

#include <cmath>
#include <limits>

#include "kernels/cpu_parallel.h"
#include "kernels/points_in_boxes.h"
#include "random_boxes.h"
#include "test_support.h"

namespace fuselabel {
namespace {

using testing::DeviceTest;
using testing::kFaceTolerance;
using testing::outside_margin;

struct Scene {
  std::vector<float> records;
  PointsInBoxesBatch batch;
};

// Brute force over every cuboid of the frame, in double. Points within kFaceTolerance of a
// face of some cuboid are "ambiguous": float rounding may put them on either side.
struct Reference {
  std::vector<int32_t> point_box;
  std::vector<char> ambiguous;
  std::vector<int32_t> sure_count, borderline_count;
};

Reference reference(const Scene& s) {
  const PointsInBoxesBatch& b = s.batch;
  Reference ref{std::vector<int32_t>(b.total_points(), -1), std::vector<char>(b.total_points(), 0),
                std::vector<int32_t>(b.cuboids.boxes.size(), 0), std::vector<int32_t>(b.cuboids.boxes.size(), 0)};
  std::vector<CuboidFrame<double>> frames;
  for (const Cuboidd& box : b.cuboids.boxes) frames.push_back(make_cuboid_frame(box));
  for (int32_t f = 0; f < b.cuboids.frames(); ++f)
    for (int64_t i = b.point_offsets[f]; i < b.point_offsets[f + 1]; ++i) {
      const float* r = s.records.data() + i * b.point_stride;
      const Vec3<double> p = {r[0], r[1], r[2]};
      double best_volume = 0;
      for (int64_t k = b.cuboids.offsets[f]; k < b.cuboids.offsets[f + 1]; ++k) {
        const Cuboidd& box = b.cuboids.boxes[k];
        const double margin = outside_margin(frames[k], p);
        if (std::abs(margin) < kFaceTolerance) {
          ref.ambiguous[i] = 1;
          ++ref.borderline_count[k];
          continue;
        }
        if (!(margin <= 0)) continue;
        ++ref.sure_count[k];
        const double volume = box.size.x * box.size.y * box.size.z;
        if (ref.point_box[i] < 0 || volume < best_volume) {
          ref.point_box[i] = static_cast<int32_t>(k - b.cuboids.offsets[f]);
          best_volume = volume;
        }
      }
    }
  return ref;
}

// Returns how many points were assigned to some cuboid.
int64_t expect_matches_reference(const Scene& s, const PointsInBoxesResult& got) {
  const Reference ref = reference(s);
  EXPECT_EQ(got.point_box.size(), ref.point_box.size());
  EXPECT_EQ(got.box_points.size(), ref.sure_count.size());
  int64_t assigned = 0, ambiguous = 0;
  for (size_t i = 0; i < ref.point_box.size(); ++i) {
    ambiguous += ref.ambiguous[i];
    if (ref.ambiguous[i]) continue;
    EXPECT_EQ(got.point_box[i], ref.point_box[i]) << "point " << i;
    assigned += got.point_box[i] >= 0;
  }
  for (size_t k = 0; k < ref.sure_count.size(); ++k) {
    EXPECT_GE(got.box_points[k], ref.sure_count[k]) << "box " << k;
    EXPECT_LE(got.box_points[k], ref.sure_count[k] + ref.borderline_count[k]) << "box " << k;
  }
  EXPECT_LT(ambiguous, 20);  // the tolerance must not hide real disagreements
  return assigned;
}

// Frames of different sizes: a full one, an empty cloud with boxes, a cloud without boxes, a
// small one. Points: uniform over the scene plus many in and around every cuboid.
Scene random_scene(uint64_t seed, bool tilted, int stride = 4) {
  testing::RandomScene rng(seed);
  Scene s;
  s.batch.point_stride = stride;
  s.batch.point_offsets = {0};
  s.batch.cuboids.offsets = {0};
  const int boxes_per_frame[] = {200, 30, 0, 17}, uniform_points[] = {20000, 0, 5000, 300}, per_box[] = {60, 0, 0, 40};
  for (int f = 0; f < 4; ++f) {
    const std::vector<Cuboidd> boxes = testing::random_overlapping_cuboids(rng, boxes_per_frame[f], tilted);
    const std::vector<float> cloud = rng.points(uniform_points[f], stride);
    s.records.insert(s.records.end(), cloud.begin(), cloud.end());
    testing::append_points_around(rng, boxes, per_box[f], stride, s.records);
    s.batch.point_offsets.push_back(static_cast<int64_t>(s.records.size()) / stride);
    s.batch.cuboids.boxes.insert(s.batch.cuboids.boxes.end(), boxes.begin(), boxes.end());
    s.batch.cuboids.offsets.push_back(static_cast<int64_t>(s.batch.cuboids.boxes.size()));
  }
  s.batch.points = s.records.data();
  return s;
}

class PointsInBoxes : public DeviceTest {};

TEST_P(PointsInBoxes, MatchesFloat64ReferenceOnOverlappingCuboids) {
  for (uint64_t seed : {500u, 501u}) {
    for (bool tilted : {false, true}) {
      const Scene s = random_scene(seed, tilted);
      PointsInBoxesResult got;
      points_in_boxes(GetParam(), s.batch, got);
      EXPECT_GT(expect_matches_reference(s, got), 8000) << "the scene must put many points in cuboids";
    }
  }
}

TEST_P(PointsInBoxes, PointsOnFacesEdgesAndCornersAreInside) {
  // Axis-aligned and yawed by 180 degrees: both rotations are exact in float, so the faces are
  // at exactly x = 2, 4; y = 4, 8; z = 1, 2, and one float step beyond a face is outside.
  for (const Quat<double>& q : {Quat<double>{1, 0, 0, 0}, Quat<double>{0, 0, 0, 1}}) {
    std::vector<float> records;
    std::vector<bool> inside;
    for (float x : {2.f, 3.f, 4.f})
      for (float y : {4.f, 6.f, 8.f})
        for (float z : {1.f, 1.5f, 2.f}) {
          records.insert(records.end(), {x, y, z});
          inside.push_back(true);
        }
    for (const Vec3<float>& p : {Vec3<float>{std::nextafter(2.f, 0.f), 5, 1.5f}, Vec3<float>{3, std::nextafter(8.f, 9.f), 1.5f},
                                 Vec3<float>{4, 8, std::nextafter(2.f, 3.f)}, Vec3<float>{3, 6, std::nextafter(1.f, 0.f)}}) {
      records.insert(records.end(), {p.x, p.y, p.z});
      inside.push_back(false);
    }
    PointsInBoxesBatch batch;
    batch.points = records.data();
    batch.point_offsets = {0, static_cast<int64_t>(inside.size())};
    batch.cuboids.boxes = {Cuboidd{{3, 6, 1.5}, {2, 4, 1}, q}};
    batch.cuboids.offsets = {0, 1};
    PointsInBoxesResult got;
    points_in_boxes(GetParam(), batch, got);
    int expected = 0;
    for (size_t i = 0; i < inside.size(); ++i) {
      EXPECT_EQ(got.point_box[i], inside[i] ? 0 : -1) << "point " << i;
      expected += inside[i];
    }
    EXPECT_EQ(got.box_points[0], expected);
  }
}

TEST_P(PointsInBoxes, SmallestContainingCuboidWinsTiesGoToTheLowerIndex) {
  std::vector<float> records = {0.1f, 0, 0,   // inside big, middle, small-a and small-b
                                3, 0, 0,      // inside big and middle
                                8, 0, 0};     // inside big only
  PointsInBoxesBatch batch;
  batch.points = records.data();
  batch.point_offsets = {0, 3};
  const Quat<double> yaw = Quat<double>::from_yaw(0.3);
  batch.cuboids.boxes = {Cuboidd{{0, 0, 0}, {20, 20, 4}, {}},       // big
                         Cuboidd{{0.2, 0, 0}, {1, 1, 1}, yaw},      // small-a
                         Cuboidd{{1, 0, 0}, {8, 4, 2}, {}},         // middle
                         Cuboidd{{0.2, 0, 0}, {1, 1, 1}, yaw}};     // small-b, equal volume
  batch.cuboids.offsets = {0, 4};
  PointsInBoxesResult got;
  points_in_boxes(GetParam(), batch, got);
  EXPECT_EQ(got.point_box, (std::vector<int32_t>{1, 2, 0}));
  EXPECT_EQ(got.box_points, (std::vector<int32_t>{3, 1, 2, 1}));  // every containing cuboid counts
}

TEST_P(PointsInBoxes, GridHandlesLargeCuboidsAndPointsOutsideIt) {
  testing::RandomScene rng(502);
  Scene s;
  std::vector<Cuboidd> boxes = testing::random_overlapping_cuboids(rng, 40, true);
  boxes.push_back({{30, 0, 0}, {60, 40, 6}, Quat<double>::from_yaw(0.5)});  // spans hundreds of 0.5 m cells
  s.records = rng.points(30000, 3);
  testing::append_points_around(rng, boxes, 50, 3, s.records);
  const float nan = std::numeric_limits<float>::quiet_NaN();
  s.records.insert(s.records.end(), {1e4f, 0, 0, -1e4f, -1e4f, 0, 30, 0, 1e4f, nan, 0, 0, 30, nan, 0});
  s.batch.points = s.records.data();
  s.batch.point_stride = 3;
  s.batch.point_offsets = {0, static_cast<int64_t>(s.records.size() / 3)};
  s.batch.cuboids.boxes = boxes;
  s.batch.cuboids.offsets = {0, static_cast<int64_t>(boxes.size())};
  s.batch.grid_cell_size = 0.5f;
  PointsInBoxesResult got;
  points_in_boxes(GetParam(), s.batch, got);
  EXPECT_GT(expect_matches_reference(s, got), 5000);
  for (int64_t i = s.batch.total_points() - 5; i < s.batch.total_points(); ++i) EXPECT_EQ(got.point_box[i], -1);
}

TEST_P(PointsInBoxes, BatchEqualsSeparateCallsAndAnyCellSize) {
  const Scene s = random_scene(503, true);
  PointsInBoxesResult all;
  points_in_boxes(GetParam(), s.batch, all);
  for (int32_t f = 0; f < s.batch.cuboids.frames(); ++f) {
    PointsInBoxesBatch one;
    one.points = s.records.data() + s.batch.point_offsets[f] * s.batch.point_stride;
    one.point_stride = s.batch.point_stride;
    one.point_offsets = {0, s.batch.point_offsets[f + 1] - s.batch.point_offsets[f]};
    one.cuboids.boxes.assign(s.batch.cuboids.boxes.begin() + s.batch.cuboids.offsets[f],
                             s.batch.cuboids.boxes.begin() + s.batch.cuboids.offsets[f + 1]);
    one.cuboids.offsets = {0, static_cast<int64_t>(one.cuboids.boxes.size())};
    one.grid_cell_size = 1.7f;
    PointsInBoxesResult got;
    points_in_boxes(GetParam(), one, got);
    for (int64_t i = 0; i < one.point_offsets[1]; ++i)
      ASSERT_EQ(got.point_box[i], all.point_box[s.batch.point_offsets[f] + i]) << "frame " << f << " point " << i;
    for (size_t k = 0; k < got.box_points.size(); ++k)
      ASSERT_EQ(got.box_points[k], all.box_points[s.batch.cuboids.offsets[f] + k]);
  }
}

TEST_P(PointsInBoxes, RejectsInconsistentBatches) {
  const Scene s = random_scene(504, false);
  PointsInBoxesResult out;
  PointsInBoxesBatch bad = s.batch;
  bad.cuboids.offsets.pop_back();
  EXPECT_THROW(points_in_boxes(GetParam(), bad, out), std::invalid_argument);  // frame counts differ
  bad = s.batch;
  bad.cuboids.boxes[3].rotation = {0.5, 0, 0, 0};
  EXPECT_THROW(points_in_boxes(GetParam(), bad, out), std::invalid_argument);
  bad = s.batch;
  bad.cuboids.boxes[4].size.y = std::nan("");
  EXPECT_THROW(points_in_boxes(GetParam(), bad, out), std::invalid_argument);
  bad = s.batch;
  bad.cuboids.boxes[5].size.z = -1;
  EXPECT_THROW(points_in_boxes(GetParam(), bad, out), std::invalid_argument);
  bad = s.batch;
  bad.point_stride = 2;
  EXPECT_THROW(points_in_boxes(GetParam(), bad, out), std::invalid_argument);
  bad = s.batch;
  bad.cuboids.boxes.pop_back();
  EXPECT_THROW(points_in_boxes(GetParam(), bad, out), std::invalid_argument);
  bad = s.batch;
  bad.grid_cell_size = 0;
  EXPECT_THROW(points_in_boxes(GetParam(), bad, out), std::invalid_argument);
}

FL_INSTANTIATE_DEVICE_TEST(PointsInBoxes);

TEST(PointsInBoxesCpu, ThreadCountDoesNotChangeResults) {
  const Scene s = random_scene(505, true);
  PointsInBoxesResult many, one;
  points_in_boxes(Device::Cpu, s.batch, many);
  set_cpu_threads(1);
  points_in_boxes(Device::Cpu, s.batch, one);
  set_cpu_threads(0);
  EXPECT_EQ(many.point_box, one.point_box);
  EXPECT_EQ(many.box_points, one.box_points);
}

TEST(PointsInBoxesParity, CudaEqualsCpu) {
  FL_REQUIRE_CUDA_OR_SKIP();
  for (uint64_t seed : {510u, 511u}) {
    const Scene s = random_scene(seed, true, 5);
    PointsInBoxesResult cpu, gpu;
    points_in_boxes(Device::Cpu, s.batch, cpu);
    points_in_boxes(Device::Cuda, s.batch, gpu);
    EXPECT_EQ(cpu.point_box, gpu.point_box);
    EXPECT_EQ(cpu.box_points, gpu.box_points);
  }
}

}  // namespace
}  // namespace fuselabel
