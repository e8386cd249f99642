// project_points on every device against the float64 body, on fresh random clouds and
// calibrations for every camera model, batched over sweeps x cameras.
#include <gtest/gtest.h>

#include <cmath>
#include <limits>

#include "kernels/project_points.h"
#include "random_calibration.h"
#include "test_support.h"

namespace fuselabel {
namespace {

using testing::DeviceTest;

struct RandomBatch {
  std::vector<float> records;
  std::vector<CameraModeld> cameras;
  std::vector<Transform3d> T_cam_lidar;  // per job
  ProjectionBatch batch;
};

// Three sweeps of different sizes, one camera of every model, every sweep into every camera.
RandomBatch make_random_batch(uint64_t seed, int stride = 4) {
  testing::RandomScene rng(seed);
  RandomBatch rb;
  rb.batch.point_stride = stride;
  rb.batch.sweep_offsets = {0};
  for (int n : {20000, 1, 7001}) {
    std::vector<float> sweep = rng.points(n, stride);
    rb.records.insert(rb.records.end(), sweep.begin(), sweep.end());
    rb.batch.sweep_offsets.push_back(rb.batch.sweep_offsets.back() + n);
  }
  rb.batch.points = rb.records.data();
  for (CameraModelType type : testing::kAllCameraModels) {
    rb.cameras.push_back(rng.camera(type));
    rb.batch.cameras.push_back(rb.cameras.back().cast<float>());
  }
  for (int s = 0; s < 3; ++s)
    for (int c = 0; c < static_cast<int>(std::size(testing::kAllCameraModels)); ++c) {
      rb.T_cam_lidar.push_back(rng.T_cam_lidar());
      rb.batch.jobs.push_back({s, c, rb.T_cam_lidar.back().cast<float>()});
    }
  return rb;
}

class ProjectPoints : public DeviceTest {};

TEST_P(ProjectPoints, MatchesFloat64ReferenceForEveryModel) {
  for (uint64_t seed : {100u, 101u, 102u}) {
    const RandomBatch rb = make_random_batch(seed);
    std::vector<ProjectedPoint> out;
    project_points(GetParam(), rb.batch, out);
    const std::vector<int64_t> offsets = projection_output_offsets(rb.batch);
    ASSERT_EQ(out.size(), static_cast<size_t>(offsets.back()));
    int64_t compared = 0;
    for (size_t j = 0; j < rb.batch.jobs.size(); ++j) {
      const ProjectionJob& job = rb.batch.jobs[j];
      const CameraModeld& cam = rb.cameras[job.camera];
      // The reference gets the same float transform the kernel got, widened to double.
      const Transform3d T = job.T_cam_sweep.cast<double>();
      for (int64_t i = 0; i < rb.batch.sweep_size(job.sweep); ++i) {
        const float* r = rb.records.data() + (rb.batch.sweep_offsets[job.sweep] + i) * rb.batch.point_stride;
        Vec2<double> uv;
        double depth;
        const ProjectedPoint& got = out[offsets[j] + i];
        const Vec3<double> p_cam = T * Vec3<double>{r[0], r[1], r[2]};
        const bool projects = project_point(cam, p_cam, uv, depth);
        int col = -1, row = -1;
        const bool in_image = projects && pixel_of(cam, uv, col, row);
        // Points within float rounding of the near plane, the lens limit or a pixel border
        // may fall either way; everything else must agree exactly on the flags.
        const double fu = uv.x + 0.5 - std::floor(uv.x + 0.5), fv = uv.y + 0.5 - std::floor(uv.y + 0.5);
        const bool borderline = !projects || depth < cam.near_plane + 1e-4 || fu < 1e-3 || fu > 1 - 1e-3 ||
                                fv < 1e-3 || fv > 1 - 1e-3;
        if (borderline) continue;
        ASSERT_EQ(got.in_image(), in_image) << "job " << j << " point " << i;
        if (!in_image) continue;
        EXPECT_EQ(got.pixel, row * cam.width + col);
        EXPECT_NEAR(got.u, uv.x, 1e-3) << "model " << static_cast<int>(cam.type);
        EXPECT_NEAR(got.v, uv.y, 1e-3) << "model " << static_cast<int>(cam.type);
        // The float transform's rounding scales with the point's distance, not its depth, which
        // wide-angle lenses (Mei) see far below the distance.
        EXPECT_NEAR(got.depth, depth, 1e-5 * depth + 1e-6 * std::sqrt(dot(p_cam, p_cam)));
        ++compared;
      }
    }
    EXPECT_GT(compared, 10000);  // the random scene must actually put points in the images
  }
}

TEST_P(ProjectPoints, PointsThatDoNotProjectAreFlagged) {
  // behind, closer than the near plane, in the image, far outside it
  std::vector<float> records = {0, 0, -5, 0, 0, 0.005f, 0, 0, 10, 1000, 0, 10};
  ProjectionBatch batch;
  batch.points = records.data();
  batch.sweep_offsets = {0, 4};
  CameraModelf cam;
  cam.width = 100, cam.height = 100, cam.fx = cam.fy = 50, cam.cx = cam.cy = 50;
  batch.cameras = {cam};
  batch.jobs = {{0, 0, Transform3f::identity()}};
  batch.point_stride = 3;
  std::vector<ProjectedPoint> out;
  project_points(GetParam(), batch, out);
  ASSERT_EQ(out.size(), 4u);
  EXPECT_FALSE(out[0].in_image());
  EXPECT_EQ(out[0].depth, 0.f);  // behind the camera: does not project at all
  EXPECT_FALSE(out[1].in_image());
  EXPECT_EQ(out[1].depth, 0.f);
  EXPECT_TRUE(out[2].in_image());
  EXPECT_EQ(out[2].pixel, 50 * 100 + 50);
  EXPECT_FALSE(out[3].in_image());
  EXPECT_GT(out[3].depth, 0.f);  // projects, but outside the image
}

TEST_P(ProjectPoints, BatchEqualsSeparateCalls) {
  const RandomBatch rb = make_random_batch(7);
  std::vector<ProjectedPoint> all;
  project_points(GetParam(), rb.batch, all);
  const std::vector<int64_t> offsets = projection_output_offsets(rb.batch);
  for (size_t j = 0; j < rb.batch.jobs.size(); ++j) {
    const ProjectionJob job = rb.batch.jobs[j];
    ProjectionBatch single = rb.batch;
    single.jobs = {job};
    std::vector<ProjectedPoint> one;
    project_points(GetParam(), single, one);
    ASSERT_EQ(static_cast<int64_t>(one.size()), offsets[j + 1] - offsets[j]);
    for (size_t i = 0; i < one.size(); ++i) {
      ASSERT_EQ(one[i].pixel, all[offsets[j] + i].pixel);
      ASSERT_EQ(one[i].u, all[offsets[j] + i].u);
    }
  }
}

TEST_P(ProjectPoints, RejectsInconsistentBatches) {
  const RandomBatch rb = make_random_batch(8);
  std::vector<ProjectedPoint> out;
  ProjectionBatch bad = rb.batch;
  bad.jobs[0].camera = 9;
  EXPECT_THROW(project_points(GetParam(), bad, out), std::invalid_argument);
  bad = rb.batch;
  bad.sweep_offsets[1] = bad.sweep_offsets[2] + 1;
  EXPECT_THROW(project_points(GetParam(), bad, out), std::invalid_argument);
  bad = rb.batch;
  bad.point_stride = 2;
  EXPECT_THROW(project_points(GetParam(), bad, out), std::invalid_argument);
}

// A 65536 x 65536 camera would overflow the int32 pixel index, and a near plane at or behind
// the camera would let negative depths into the z-buffer, whose keys order by IEEE bits.
TEST_P(ProjectPoints, RejectsCamerasTheKernelsCannotIndexOrOrder) {
  const RandomBatch rb = make_random_batch(8);
  std::vector<ProjectedPoint> out;
  std::vector<uint64_t> keys;
  for (const auto& [width, height] : {std::pair{65536, 65536}, std::pair{46341, 46341}}) {
    ProjectionBatch bad = rb.batch;
    bad.cameras[0].width = width;
    bad.cameras[0].height = height;
    EXPECT_THROW(project_points(GetParam(), bad, out), std::invalid_argument) << width;
    EXPECT_THROW(render_depth(GetParam(), bad, keys), std::invalid_argument) << width;
  }
  for (const float near : {0.f, -0.5f, std::numeric_limits<float>::quiet_NaN(),
                           std::numeric_limits<float>::infinity()}) {
    ProjectionBatch bad = rb.batch;
    bad.cameras[0].near_plane = near;
    EXPECT_THROW(render_depth(GetParam(), bad, keys), std::invalid_argument) << near;
  }
  ProjectionBatch largest = rb.batch;  // 46340^2 < 2^31 - 1: accepted
  largest.cameras[0].width = largest.cameras[0].height = 46340;
  EXPECT_NO_THROW(validate(largest));
}

FL_INSTANTIATE_DEVICE_TEST(ProjectPoints);

TEST(ProjectPointsParity, CudaEqualsCpuBitForBit) {
  FL_REQUIRE_CUDA_OR_SKIP();
  for (uint64_t seed : {200u, 201u}) {
    const RandomBatch rb = make_random_batch(seed, 5);
    std::vector<ProjectedPoint> cpu, gpu;
    project_points(Device::Cpu, rb.batch, cpu);
    project_points(Device::Cuda, rb.batch, gpu);
    ASSERT_EQ(cpu.size(), gpu.size());
    for (size_t i = 0; i < cpu.size(); ++i) {
      ASSERT_EQ(cpu[i].pixel, gpu[i].pixel) << i;
      ASSERT_EQ(cpu[i].u, gpu[i].u) << i;
      ASSERT_EQ(cpu[i].v, gpu[i].v) << i;
      ASSERT_EQ(cpu[i].depth, gpu[i].depth) << i;
    }
  }
}

TEST(DeviceSelection, ParsesNamesAndRefusesUnknownOnes) {
  EXPECT_EQ(parse_device("cpu"), Device::Cpu);
  EXPECT_EQ(parse_device("auto"), cuda_device_available() ? Device::Cuda : Device::Cpu);
  EXPECT_THROW(parse_device("tpu"), std::invalid_argument);
  if (!cuda_device_available()) {
    EXPECT_THROW(parse_device("cuda"), std::runtime_error);
  }
}

}  // namespace
}  // namespace fuselabel
