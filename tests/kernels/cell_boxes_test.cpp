// scan_points_in_boxes (the CPU backend's SIMD body) against the shared scalar body
// for_each_containing_box: the same cuboid per point, counts and members in the same order, on
// every instruction set, for overlapping and tilted cuboids, frames without cuboids, cells
// listing more cuboids than a vector has lanes, points on cuboid corners, and non-finite points.
#include "kernels/cell_boxes.h"

#include <gtest/gtest.h>

#include <limits>

#include "kernels/points_in_boxes_impl.h"
#include "random_boxes.h"
#include "simd_targets.h"

namespace fuselabel {
namespace {

struct Scene {
  FrameCuboids cuboids;
  std::vector<float> records;  // all frames' points
  std::vector<int64_t> point_offsets = {0};
};

// Frame 0: 60 overlapping, partly tilted cuboids and points in and around them; frame 1: no
// cuboid; frame 2: 40 copies of one cuboid (one cell lists 40 entries) and awkward points.
Scene make_scene(int stride) {
  testing::RandomScene rng(57);
  Scene scene;
  auto end_frame = [&] {
    scene.cuboids.offsets.push_back(static_cast<int64_t>(scene.cuboids.boxes.size()));
    scene.point_offsets.push_back(static_cast<int64_t>(scene.records.size() / stride));
  };
  const std::vector<Cuboidd> boxes = testing::random_overlapping_cuboids(rng, 60, true);
  scene.cuboids.boxes = boxes;
  testing::append_points_around(rng, boxes, 60, stride, scene.records);
  for (const Cuboidd& box : boxes) {  // corners: on the faces, up to rounding (the height filter's edge)
    Vec3<double> corners[8];
    cuboid_corners(box, corners);
    for (const Vec3<double>& p : corners) {
      scene.records.insert(scene.records.end(),
                           {static_cast<float>(p.x), static_cast<float>(p.y), static_cast<float>(p.z)});
      scene.records.insert(scene.records.end(), stride - 3, 0.f);
    }
  }
  const std::vector<float> spread = rng.points(4000, stride);
  scene.records.insert(scene.records.end(), spread.begin(), spread.end());
  end_frame();
  scene.records.insert(scene.records.end(), spread.begin(), spread.begin() + 100 * stride);
  end_frame();
  const std::vector<Cuboidd> copies(40, boxes[0]);
  scene.cuboids.boxes.insert(scene.cuboids.boxes.end(), copies.begin(), copies.end());
  testing::append_points_around(rng, {boxes[0]}, 300, stride, scene.records);
  const float inf = std::numeric_limits<float>::infinity(), nan = std::numeric_limits<float>::quiet_NaN();
  const Vec3<float> c = boxes[0].center.cast<float>();
  for (const Vec3<float>& p : {Vec3<float>{nan, c.y, c.z}, Vec3<float>{c.x, nan, c.z}, Vec3<float>{c.x, c.y, nan},
                               Vec3<float>{inf, c.y, c.z}, Vec3<float>{-inf, -inf, 0}, c}) {
    scene.records.insert(scene.records.end(), {p.x, p.y, p.z});
    scene.records.insert(scene.records.end(), stride - 3, 0.f);
  }
  end_frame();
  return scene;
}

struct Result {
  std::vector<int32_t> point_box, counts;
  std::vector<PointBox> members;
};

Result scalar_result(const Scene& scene, const BoxIndex& index, int stride) {
  const BoxIndexView view = host_view(index);
  Result want;
  want.counts.assign(scene.cuboids.boxes.size(), 0);
  for (int32_t f = 0; f < scene.cuboids.frames(); ++f)
    for (int64_t i = scene.point_offsets[f]; i < scene.point_offsets[f + 1]; ++i) {
      const float* r = scene.records.data() + i * stride;
      const int32_t local = static_cast<int32_t>(i - scene.point_offsets[f]);
      const int32_t best = for_each_containing_box(view, f, Vec3<float>{r[0], r[1], r[2]}, [&](int32_t b) {
        ++want.counts[b];
        want.members.push_back({local, b});
      });
      want.point_box.push_back(best < 0 ? -1 : static_cast<int32_t>(best - scene.cuboids.offsets[f]));
    }
  return want;
}

// Runs of `run_length` points (the last of a frame shorter), as the parallel loop cuts them.
Result simd_result(const Scene& scene, const BoxIndex& index, int stride, int64_t run_length) {
  const CellBoxTable table = make_cell_box_table(index);
  Result got;
  got.point_box.assign(scene.point_offsets.back(), 7);
  got.counts.assign(scene.cuboids.boxes.size(), 0);
  for (int32_t f = 0; f < scene.cuboids.frames(); ++f)
    for (int64_t i = scene.point_offsets[f]; i < scene.point_offsets[f + 1]; i += run_length) {
      PointRun run;
      run.frame = f;
      run.records = scene.records.data() + i * stride;
      run.stride = stride;
      run.first_point = static_cast<int32_t>(i - scene.point_offsets[f]);
      run.count = std::min(run_length, scene.point_offsets[f + 1] - i);
      run.point_box = got.point_box.data() + i;
      run.frame_first_box = scene.cuboids.offsets[f];
      run.box_counts = got.counts.data();
      run.members = &got.members;
      scan_points_in_boxes(host_view(index), table, run);
    }
  return got;
}

TEST(ScanPointsInBoxes, EqualsTheScalarBodyOnEveryInstructionSet) {
  for (int stride : {3, 5}) {
    const Scene scene = make_scene(stride);
    for (float cell_size : {1.f, 4.f}) {
      const BoxIndex index = build_box_index(scene.cuboids, cell_size);
      const Result want = scalar_result(scene, index, stride);
      ASSERT_GT(want.members.size(), 2000u);  // the scene must put many points in cuboids
      testing::for_each_simd_target([&](const std::string& target) {
        for (int64_t run_length : {int64_t{1}, int64_t{37}, int64_t{5000}}) {
          const Result got = simd_result(scene, index, stride, run_length);
          const std::string what = target + ", stride " + std::to_string(stride) + ", cell " +
                                   std::to_string(cell_size) + ", runs of " + std::to_string(run_length);
          ASSERT_EQ(got.point_box, want.point_box) << what;
          ASSERT_EQ(got.counts, want.counts) << what;
          ASSERT_EQ(got.members.size(), want.members.size()) << what;
          for (size_t k = 0; k < want.members.size(); ++k)
            ASSERT_TRUE(got.members[k].point == want.members[k].point && got.members[k].box == want.members[k].box)
                << what << ", member " << k;
        }
      });
    }
  }
}

}  // namespace
}  // namespace fuselabel
