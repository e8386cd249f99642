// project_records (the CPU backend's SIMD body) against project_record, the scalar body it
// replaces: bit for bit, for every camera model, record stride and run length, including the
// lanes a vector loop gets wrong (the tail, non-finite input, the fisheye's optical axis).
#include "kernels/project_records.h"

#include <gtest/gtest.h>

#include <cmath>
#include <cstring>
#include <limits>

#include "kernels/project_points_impl.h"
#include "random_calibration.h"
#include "simd_targets.h"

namespace fuselabel {
namespace {

// The scalar body's result for every record.
std::vector<ProjectedPoint> scalar_projection(const CameraModelf& cam, const Transform3f& T,
                                              const std::vector<float>& records, int stride) {
  std::vector<ProjectedPoint> out(records.size() / stride);
  for (size_t i = 0; i < out.size(); ++i)
    project_record(cam, T, records.data() + i * stride, out[i].u, out[i].v, out[i].depth, out[i].pixel);
  return out;
}

void expect_bit_identical(const std::vector<ProjectedPoint>& want, const std::vector<ProjectedPoint>& got,
                          const std::string& what) {
  ASSERT_EQ(want.size(), got.size());
  for (size_t i = 0; i < want.size(); ++i)
    ASSERT_EQ(std::memcmp(&want[i], &got[i], sizeof(ProjectedPoint)), 0)
        << what << ", point " << i << ": want (" << want[i].u << ", " << want[i].v << ", " << want[i].depth << ", "
        << want[i].pixel << ") got (" << got[i].u << ", " << got[i].v << ", " << got[i].depth << ", " << got[i].pixel
        << ")";
}

// Records a vector body must treat like the scalar one: non-finite coordinates, points on and
// near the optical axis (the fisheye's r = 0 branch), behind and at the near plane.
std::vector<float> awkward_records(int stride) {
  const float inf = std::numeric_limits<float>::infinity(), nan = std::numeric_limits<float>::quiet_NaN();
  const float xyz[][3] = {{0, 0, 10},     {1e-9f, 0, 10},  {0, 0, -3},      {0, 0, 0.01f},   {nan, 0, 10},
                          {0, nan, 10},   {0, 0, nan},     {inf, 0, 10},    {0, 0, inf},     {-inf, 1, 2},
                          {3, -4, 1e-3f}, {1e6f, 1e6f, 1}, {-0.f, -0.f, 5}, {0.5f, 0.5f, 1}, {-2, 1, 0.3f}};
  std::vector<float> records;
  for (const auto& p : xyz) {
    records.insert(records.end(), p, p + 3);
    records.insert(records.end(), stride - 3, 7.f);
  }
  return records;
}

void bit_identical_on_random_and_awkward_points(const std::string& target) {
  testing::RandomScene rng(31);
  for (CameraModelType type : testing::kAllCameraModels)
    for (int stride : {3, 4, 6}) {
      const CameraModelf cam = rng.camera(type).cast<float>();
      // The random transform puts points everywhere around the camera; the identity puts many
      // of them behind it and at its borders.
      for (const Transform3f& T : {rng.T_cam_lidar().cast<float>(), Transform3f::identity()}) {
        std::vector<float> records = rng.points(5000, stride);
        const std::vector<float> awkward = awkward_records(stride);
        records.insert(records.end(), awkward.begin(), awkward.end());
        const std::string what =
            target + ", model " + std::to_string(static_cast<int>(type)) + ", stride " + std::to_string(stride);
        std::vector<ProjectedPoint> got(records.size() / stride);
        project_records(cam, T, records.data(), stride, static_cast<int64_t>(got.size()), got.data());
        expect_bit_identical(scalar_projection(cam, T, records, stride), got, what);
      }
    }
}

TEST(ProjectRecords, EqualsTheScalarBodyBitForBitOnEveryInstructionSet) {
  testing::for_each_simd_target([](const std::string& target) {
    ASSERT_EQ(project_records_target(), target);
    std::cout << "[ SIMD     ] " << target << "\n";
    bit_identical_on_random_and_awkward_points(target);
  });
  EXPECT_STREQ(project_records_target(), hwy::TargetName(hwy::SupportedAndGeneratedTargets().front()));
}

// Every run length from empty to a few vectors, at every start offset: the tail and the
// vector part meet at every position.
TEST(ProjectRecords, EveryRunLengthAndOffset) {
  testing::RandomScene rng(32);
  const CameraModelf cam = rng.camera(CameraModelType::BrownConrady).cast<float>();
  const Transform3f T = rng.T_cam_lidar().cast<float>();
  const int stride = 4;
  const std::vector<float> records = rng.points(80, stride);
  const std::vector<ProjectedPoint> want = scalar_projection(cam, T, records, stride);
  testing::for_each_simd_target([&](const std::string& target) {
    for (int first = 0; first < 5; ++first)
      for (int count = 0; count + first <= 80; ++count) {
        const std::string what = target + ", first " + std::to_string(first) + ", count " + std::to_string(count);
        std::vector<ProjectedPoint> got(count + 1);
        got[count] = {1, 2, 3, 4};  // the slot past the run stays untouched
        project_records(cam, T, records.data() + first * stride, stride, count, got.data());
        ASSERT_EQ(got[count].pixel, 4) << what;
        got.pop_back();
        expect_bit_identical({want.begin() + first, want.begin() + first + count}, got, what);
      }
  });
}

}  // namespace
}  // namespace fuselabel
