// score_cuboid_candidate (the CPU backend's SIMD scoring loop) against the shared scalar body
// cuboid_fit_point: the same score and inside count on every instruction set, for points in,
// on and around the box, non-finite points, every run length, seen and unseen faces, and
// weights at the bound (where a lane's int32 sum must be flushed early).
#include "kernels/cuboid_fit_scores.h"

#include <gtest/gtest.h>

#include <cmath>
#include <limits>
#include <random>
#include <vector>

#include "kernels/cuboid_fit.h"
#include "simd_targets.h"

namespace fuselabel {
namespace {

struct Points {
  std::vector<float> xs, ys, zs;
};

// Points relative to the job centre: uniform over the box grown by 60%, its corners and face
// centres (exactly on the bounds), and NaN and infinite coordinates.
Points make_points(std::mt19937& rng, const CuboidFitJobFrame& job, int n) {
  std::uniform_real_distribution<float> u(-1.6f, 1.6f);
  Points p;
  auto add = [&](float x, float y, float z) { p.xs.push_back(x), p.ys.push_back(y), p.zs.push_back(z); };
  for (int i = 0; i < n; ++i) add(u(rng) * job.half_length, u(rng) * job.half_width, u(rng) * job.z_high);
  for (float sx : {-1.f, 0.f, 1.f})
    for (float sy : {-1.f, 0.f, 1.f}) add(sx * job.half_length, sy * job.half_width, job.z_low);
  const float nan = std::numeric_limits<float>::quiet_NaN(), inf = std::numeric_limits<float>::infinity();
  add(nan, 0, 0), add(0, nan, 0), add(0, 0, nan), add(inf, 0, 0), add(-inf, -inf, 0), add(0, 0, inf);
  return p;
}

CuboidFitJobFrame make_job(float yaw, float sensor_x) {
  CuboidFitJobFrame job{};
  const float c = std::cos(yaw), s = std::sin(yaw);
  job.R_box_frame = {{c, s, 0, -s, c, 0, 0, 0, 1}};
  job.center = {sensor_x, 3.f, -0.8f};
  job.half_length = 2.3f, job.half_width = 0.95f, job.z_low = -0.55f, job.z_high = 0.8f;
  return job;
}

CuboidFitWeights make_weights(float weight) {
  const float quanta = static_cast<float>(weight / kCuboidFitQuantum);
  const float band = 0.25f, shell = 0.4f;
  return {quanta,
          quanta,
          -static_cast<int32_t>(2 * quanta + 0.5f),
          1 / (band * band),
          band * band,
          (band + shell) * (band + shell)};
}

TEST(ScoreCuboidCandidate, EqualsTheScalarBodyOnEveryInstructionSet) {
  std::mt19937 rng(61);
  int64_t checked = 0;
  for (float weight : {1.f, kCuboidFitMaxWeight / 2}) {
    const CuboidFitWeights w = make_weights(weight);
    // Sensor beyond the box (one or two faces seen) and inside its footprint (every face counts).
    for (float sensor_x : {12.f, 0.f}) {
      const CuboidFitJobFrame job = make_job(0.4f, sensor_x);
      const Points p = make_points(rng, job, 6000);
      for (const CuboidFitOffset offset :
           {CuboidFitOffset{0, 0, 1, 0}, CuboidFitOffset{0.1f, -0.07f, 0.995f, 0.0998f}}) {
        const CuboidFitPose pose = cuboid_fit_pose(job, offset);
        for (int64_t n : std::vector<int64_t>{0, 1, 15, 16, 17, 33, 1000, static_cast<int64_t>(p.xs.size())}) {
          int64_t want = 0;
          int32_t want_inside = 0;
          for (int64_t i = 0; i < n; ++i)
            want += cuboid_fit_point(job, pose, w, {p.xs[i], p.ys[i], p.zs[i]}, want_inside);
          testing::for_each_simd_target([&](const std::string& target) {
            int32_t inside = 7;
            const int64_t got = score_cuboid_candidate(job, pose, w, p.xs.data(), p.ys.data(), p.zs.data(), n, inside);
            EXPECT_EQ(got, want) << target << ", " << n << " points, weight " << weight;
            EXPECT_EQ(inside, 7 + want_inside) << target << ", " << n << " points";
            ++checked;
          });
          if (n == static_cast<int64_t>(p.xs.size())) {
            EXPECT_GT(want_inside, 100);  // the scene must put many points inside
            EXPECT_NE(want, 0);
          }
        }
      }
    }
  }
  EXPECT_GT(checked, 60);
}

}  // namespace
}  // namespace fuselabel
