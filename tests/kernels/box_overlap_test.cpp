// box_overlap on every device: analytic cases, exact symmetry, a sampled-area reference, and
// the within-frame matrix against the pair list.
#include <gtest/gtest.h>

#include <cmath>

#include "kernels/box_overlap.h"
#include "random_boxes.h"
#include "test_support.h"

namespace fuselabel {
namespace {

using testing::DeviceTest;

class BoxOverlapTest : public DeviceTest {
 protected:
  BoxOverlap overlap(const Cuboidd& a, const Cuboidd& b) {
    std::vector<BoxOverlap> out;
    box_overlap_pairs(GetParam(), {a}, {b}, {{0, 0}}, out);
    return out.at(0);
  }
};

Cuboidd box(Vec3<double> center, Vec3<double> size, double yaw) { return {center, size, Quat<double>::from_yaw(yaw)}; }

TEST_P(BoxOverlapTest, AnalyticCases) {
  const Cuboidd a = box({1, 2, 0.5}, {4, 2, 1.5}, 0.3);
  BoxOverlap o = overlap(a, a);
  EXPECT_NEAR(o.bev_iou, 1, 1e-12);
  EXPECT_NEAR(o.iou_3d, 1, 1e-12);

  o = overlap(a, box({11, 2, 0.5}, {4, 2, 1.5}, 0.3));
  EXPECT_EQ(o.bev_iou, 0);
  EXPECT_EQ(o.iou_3d, 0);

  // A square and the same square turned by 45 degrees meet in a regular octagon: IoU = 1/sqrt 2.
  o = overlap(box({0, 0, 0}, {2, 2, 1}, 0), box({0, 0, 0}, {2, 2, 1}, M_PI / 4));
  EXPECT_NEAR(o.bev_iou, std::sqrt(0.5), 1e-12);
  EXPECT_NEAR(o.iou_3d, std::sqrt(0.5), 1e-12);

  // Shifted by half its length along its heading: intersection 1/2, union 3/2.
  const double yaw = 0.7;
  o = overlap(box({0, 0, 0}, {4, 2, 1}, yaw), box({2 * std::cos(yaw), 2 * std::sin(yaw), 0}, {4, 2, 1}, yaw));
  EXPECT_NEAR(o.bev_iou, 1.0 / 3, 1e-12);
  EXPECT_NEAR(o.iou_3d, 1.0 / 3, 1e-12);

  // Shifted by half its height: same footprint, half the volume shared.
  o = overlap(box({0, 0, 0}, {4, 2, 1}, yaw), box({0, 0, 0.5}, {4, 2, 1}, yaw));
  EXPECT_NEAR(o.bev_iou, 1, 1e-12);
  EXPECT_NEAR(o.iou_3d, 1.0 / 3, 1e-12);

  // Nested: the small box's share of the big one.
  o = overlap(box({0, 0, 0}, {4, 2, 1}, yaw), box({0.5, 0.2, 0}, {1, 1, 1}, 1.0));
  EXPECT_NEAR(o.bev_iou, 1.0 / 8, 1e-12);
  EXPECT_NEAR(o.iou_3d, 1.0 / 8, 1e-12);

  // Touching along a face, and a degenerate box: no overlap.
  o = overlap(box({0, 0, 0}, {4, 2, 1}, 0), box({4, 0, 0}, {4, 2, 1}, 0));
  EXPECT_NEAR(o.bev_iou, 0, 1e-12);
  o = overlap(box({0, 0, 0}, {0, 0, 0}, 0), box({0, 0, 0}, {0, 0, 0}, 0));
  EXPECT_EQ(o.bev_iou, 0);
  EXPECT_EQ(o.iou_3d, 0);
}

TEST_P(BoxOverlapTest, RollAndPitchAreDropped) {
  const Cuboidd flat = box({3, 1, 0}, {4, 2, 1.5}, 0.4);
  Cuboidd tilted = flat;
  // Yaw, then pitch, then roll (the vehicle convention): the local x axis still points along
  // the yaw on the ground, so the yaw-only version is `flat`.
  tilted.rotation = (flat.rotation * Quat<double>::from_axis_angle({0, 1, 0}, -0.15) *
                     Quat<double>::from_axis_angle({1, 0, 0}, 0.2))
                        .normalized();
  const Cuboidd other = box({4, 1.5, 0.3}, {4.5, 2, 1.5}, -0.2);
  const BoxOverlap a = overlap(flat, other), b = overlap(tilted, other);
  EXPECT_GT(a.bev_iou, 0.2);
  EXPECT_NEAR(a.bev_iou, b.bev_iou, 1e-12);
  EXPECT_NEAR(a.iou_3d, b.iou_3d, 1e-12);
}

// Random yaw-only pairs, many overlapping, against an area estimated by counting the centres
// of a fine grid of cells that lie in both footprints.
TEST_P(BoxOverlapTest, MatchesSampledAreaAndIsExactlySymmetric) {
  testing::RandomScene rng(800);
  std::vector<Cuboidd> a, b;
  std::vector<BoxPair> pairs, swapped;
  for (int k = 0; k < 60; ++k) {
    a.push_back(box({rng.uniform(-2, 2), rng.uniform(-2, 2), rng.uniform(-0.5, 0.5)},
                    {rng.uniform(1, 5), rng.uniform(1, 3), rng.uniform(1, 2)}, rng.uniform(-3.2, 3.2)));
    b.push_back(box({rng.uniform(-2, 2), rng.uniform(-2, 2), rng.uniform(-0.5, 0.5)},
                    {rng.uniform(1, 5), rng.uniform(1, 3), rng.uniform(1, 2)}, rng.uniform(-3.2, 3.2)));
    pairs.push_back({k, k});
  }
  std::vector<BoxOverlap> ab, ba;
  box_overlap_pairs(GetParam(), a, b, pairs, ab);
  box_overlap_pairs(GetParam(), b, a, pairs, ba);
  // Footprint membership with the box's rotation into its axes computed once.
  auto footprint = [](const Cuboidd& c) {
    const Mat3<double> R = c.rotation.to_matrix().transposed();
    return [=](double x, double y) {
      const Vec3<double> d = R * Vec3<double>{x - c.center.x, y - c.center.y, 0};
      return std::abs(d.x) <= c.size.x / 2 && std::abs(d.y) <= c.size.y / 2;
    };
  };
  int overlapping = 0;
  for (int k = 0; k < 60; ++k) {
    EXPECT_EQ(ab[k].bev_iou, ba[k].bev_iou) << k;  // bit for bit
    EXPECT_EQ(ab[k].iou_3d, ba[k].iou_3d) << k;
    const double step = 0.03;
    const auto in_footprint_a = footprint(a[k]), in_footprint_b = footprint(b[k]);
    int64_t in_a = 0, in_b = 0, in_both = 0;
    for (double x = -6 + step / 2; x < 6; x += step)
      for (double y = -6 + step / 2; y < 6; y += step) {
        const bool ia = in_footprint_a(x, y), ib = in_footprint_b(x, y);
        in_a += ia, in_b += ib, in_both += ia && ib;
      }
    const double sampled = static_cast<double>(in_both) / (in_a + in_b - in_both);
    EXPECT_NEAR(ab[k].bev_iou, sampled, 0.01) << k;
    const double z_overlap = std::max(0.0, std::min(a[k].center.z + a[k].size.z / 2, b[k].center.z + b[k].size.z / 2) -
                                               std::max(a[k].center.z - a[k].size.z / 2, b[k].center.z - b[k].size.z / 2));
    const double inter = in_both * step * step * z_overlap;
    const double vol_a = a[k].size.x * a[k].size.y * a[k].size.z, vol_b = b[k].size.x * b[k].size.y * b[k].size.z;
    EXPECT_NEAR(ab[k].iou_3d, inter / (vol_a + vol_b - inter), 0.01) << k;
    overlapping += ab[k].bev_iou > 0.05;
  }
  EXPECT_GT(overlapping, 20);
}

TEST_P(BoxOverlapTest, WithinFrameMatrixEqualsPairs) {
  testing::RandomScene rng(801);
  FrameCuboids cuboids;
  for (int n : {25, 0, 1, 40}) {
    const std::vector<Cuboidd> boxes = testing::random_overlapping_cuboids(rng, n, true);
    cuboids.boxes.insert(cuboids.boxes.end(), boxes.begin(), boxes.end());
    cuboids.offsets.push_back(static_cast<int64_t>(cuboids.boxes.size()));
  }
  std::vector<BoxOverlap> matrix;
  box_overlap_within_frames(GetParam(), cuboids, matrix);
  const std::vector<int64_t> offsets = overlap_matrix_offsets(cuboids);
  ASSERT_EQ(matrix.size(), static_cast<size_t>(25 * 25 + 1 + 40 * 40));
  std::vector<BoxPair> pairs;
  for (int32_t f = 0; f < cuboids.frames(); ++f)
    for (int64_t i = 0; i < cuboids.frame_size(f); ++i)
      for (int64_t j = 0; j < cuboids.frame_size(f); ++j)
        pairs.push_back({static_cast<int32_t>(cuboids.offsets[f] + i), static_cast<int32_t>(cuboids.offsets[f] + j)});
  std::vector<BoxOverlap> listed;
  box_overlap_pairs(GetParam(), cuboids.boxes, cuboids.boxes, pairs, listed);
  ASSERT_EQ(listed.size(), matrix.size());
  int overlapping = 0;
  for (size_t k = 0; k < matrix.size(); ++k) {
    ASSERT_EQ(matrix[k].bev_iou, listed[k].bev_iou) << k;
    ASSERT_EQ(matrix[k].iou_3d, listed[k].iou_3d) << k;
  }
  for (int32_t f = 0; f < cuboids.frames(); ++f) {
    const int64_t n = cuboids.frame_size(f);
    for (int64_t i = 0; i < n; ++i) {
      EXPECT_NEAR(matrix[offsets[f] + i * n + i].iou_3d, 1, 1e-12);
      for (int64_t j = 0; j < i; ++j) {
        EXPECT_EQ(matrix[offsets[f] + i * n + j].bev_iou, matrix[offsets[f] + j * n + i].bev_iou);
        overlapping += matrix[offsets[f] + i * n + j].bev_iou > 0;
      }
    }
  }
  EXPECT_GT(overlapping, 5);
}

TEST_P(BoxOverlapTest, RejectsBadInput) {
  std::vector<BoxOverlap> out;
  const std::vector<Cuboidd> boxes = {box({0, 0, 0}, {1, 1, 1}, 0)};
  EXPECT_THROW(box_overlap_pairs(GetParam(), boxes, boxes, {{0, 1}}, out), std::invalid_argument);
  EXPECT_THROW(box_overlap_pairs(GetParam(), boxes, boxes, {{-1, 0}}, out), std::invalid_argument);
  Cuboidd bad = boxes[0];
  bad.rotation = {1, 1, 0, 0};
  EXPECT_THROW(box_overlap_pairs(GetParam(), {bad}, boxes, {{0, 0}}, out), std::invalid_argument);
  FrameCuboids cuboids;
  cuboids.boxes = boxes;
  cuboids.offsets = {0, 2};
  EXPECT_THROW(box_overlap_within_frames(GetParam(), cuboids, out), std::invalid_argument);
}

FL_INSTANTIATE_DEVICE_TEST(BoxOverlapTest);

TEST(BoxOverlapParity, CudaEqualsCpuBitForBit) {
  FL_REQUIRE_CUDA_OR_SKIP();
  testing::RandomScene rng(810);
  FrameCuboids cuboids;
  cuboids.boxes = testing::random_overlapping_cuboids(rng, 200, true);
  cuboids.offsets = {0, 200};
  std::vector<BoxOverlap> cpu, gpu;
  box_overlap_within_frames(Device::Cpu, cuboids, cpu);
  box_overlap_within_frames(Device::Cuda, cuboids, gpu);
  ASSERT_EQ(cpu.size(), gpu.size());
  for (size_t k = 0; k < cpu.size(); ++k) {
    ASSERT_EQ(cpu[k].bev_iou, gpu[k].bev_iou) << k;
    ASSERT_EQ(cpu[k].iou_3d, gpu[k].iou_3d) << k;
  }
}

}  // namespace
}  // namespace fuselabel
