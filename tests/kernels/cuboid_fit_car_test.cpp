// cuboid_fit on a synthetic car on every device: the candidate grid recovers the true pose of a
// propagated box that is off by 0.5 m and 5 degrees, and in-sweep motion is compensated.
#include <gtest/gtest.h>

#include <cmath>

#include "kernels/cuboid_fit.h"
#include "random_calibration.h"
#include "test_support.h"

namespace fuselabel {
namespace {

using testing::DeviceTest;
constexpr double kDeg = M_PI / 180;

struct Scene {
  std::vector<float> records;
  CuboidFitBatch batch;
};

// What a sensor at the origin sees of a 4.5 x 1.9 x 1.6 car: the two side faces that face it
// and the roof, with 2 cm range noise, plus the ground around it. x y z t records.
Scene car_scene(const Cuboidd& car) {
  testing::RandomScene rng(710);
  Scene s;
  const Mat3<double> R = car.rotation.to_matrix();
  const Vec3<double> h = 0.5 * car.size;
  auto add = [&](Vec3<double> p) { s.records.insert(s.records.end(), {float(p.x), float(p.y), float(p.z), 0.f}); };
  for (int axis = 0; axis < 2; ++axis)
    for (double side : {-1.0, 1.0}) {
      Vec3<double> normal{0, 0, 0};
      (axis == 0 ? normal.x : normal.y) = side;
      if (dot(R * normal, car.center + R * Vec3<double>{normal.x * h.x, normal.y * h.y, 0}) > 0) continue;  // faces away
      for (int i = 0; i < 250; ++i) {
        Vec3<double> q = {rng.uniform(-h.x, h.x), rng.uniform(-h.y, h.y), rng.uniform(-h.z + 0.3, h.z)};
        (axis == 0 ? q.x : q.y) = side * ((axis == 0 ? h.x : h.y) + rng.uniform(-0.02, 0.02));
        add(R * q + car.center);
      }
    }
  for (int i = 0; i < 150; ++i) add(R * Vec3<double>{rng.uniform(-h.x, h.x), rng.uniform(-h.y, h.y), h.z - 0.01} + car.center);
  for (int i = 0; i < 300; ++i)
    add({car.center.x + rng.uniform(-6, 6), car.center.y + rng.uniform(-6, 6), car.center.z - h.z + rng.uniform(-0.05, 0.05)});
  CuboidFitBatch& b = s.batch;
  b.points = s.records.data(), b.point_stride = 4, b.time_field = 3;
  for (int ix = -8; ix <= 8; ++ix)
    for (int iy = -8; iy <= 8; ++iy)
      for (int iyaw = -8; iyaw <= 8; ++iyaw) b.candidates.push_back({0.1f * ix, 0.1f * iy, float(iyaw * kDeg)});
  // The propagated box is off by 0.5 m and 5 degrees.
  Cuboidd base = car;
  base.center = car.center + Vec3<double>{0.4, -0.3, 0};
  base.rotation = Quat<double>::from_yaw(5 * kDeg) * car.rotation;
  b.jobs = {{base, {0, 0, 0}, 0, static_cast<int64_t>(s.records.size() / 4)}};
  return s;
}

class CuboidFitCar : public DeviceTest {};

const Cuboidd kCar{{14, 5, -0.9}, {4.5, 1.9, 1.6}, Quat<double>::from_yaw(1.2)};  // rear and left face the sensor

TEST_P(CuboidFitCar, RecoversTheTruePoseOfASyntheticCar) {
  const Scene s = car_scene(kCar);
  ASSERT_EQ(s.batch.jobs[0].point_end, 2 * 250 + 150 + 300) << "two faces must face the sensor";
  std::vector<CuboidFitResult> got;
  cuboid_fit(GetParam(), s.batch, got);
  ASSERT_GE(got[0].best, 0);
  const CuboidFitCandidate& c = s.batch.candidates[got[0].best];
  const Cuboidd fit = apply_candidate(s.batch.jobs[0].box, c);
  EXPECT_LE(std::abs(fit.center.x - kCar.center.x), 0.1 + 1e-6);
  EXPECT_LE(std::abs(fit.center.y - kCar.center.y), 0.1 + 1e-6);
  EXPECT_LE(std::abs(c.dyaw + 5 * kDeg), 1 * kDeg + 1e-6);
  EXPECT_GT(got[0].best_score, got[0].base_score + 100);
}

TEST_P(CuboidFitCar, MotionCompensationScoresAMovingCarAsAStationaryOne) {
  Scene still = car_scene(kCar), moving = car_scene(kCar);
  testing::RandomScene rng(711);
  const Vec3<double> v = {10, 4, 0.2};
  for (size_t i = 0; i < still.records.size(); i += 4) {
    const double t = rng.uniform(0, 0.1);
    still.records[i + 3] = moving.records[i + 3] = float(t);
    for (int k = 0; k < 3; ++k) moving.records[i + k] = float(still.records[i + k] + t * (&v.x)[k]);
  }
  moving.batch.jobs.push_back(moving.batch.jobs[0]);
  moving.batch.jobs[0].velocity = v;  // job 1 keeps velocity 0: the smeared car
  std::vector<CuboidFitResult> a, m;
  cuboid_fit(GetParam(), still.batch, a);
  cuboid_fit(GetParam(), moving.batch, m);
  EXPECT_EQ(m[0].best, a[0].best);
  EXPECT_NEAR(m[0].best_score, a[0].best_score, 4 * kCuboidFitQuantum);
  EXPECT_NEAR(m[0].base_score, a[0].base_score, 4 * kCuboidFitQuantum);
  EXPECT_EQ(m[0].best_inside, a[0].best_inside);
  EXPECT_LT(m[1].best_score, 0.8 * a[0].best_score) << "without compensation the car is smeared";
}


FL_INSTANTIATE_DEVICE_TEST(CuboidFitCar);

TEST(CuboidFitCarParity, CudaEqualsCpu) {
  FL_REQUIRE_CUDA_OR_SKIP();
  const Scene s = car_scene(kCar);
  std::vector<CuboidFitResult> cpu, gpu;
  cuboid_fit(Device::Cpu, s.batch, cpu);
  cuboid_fit(Device::Cuda, s.batch, gpu);
  EXPECT_EQ(cpu[0].best, gpu[0].best);
  EXPECT_EQ(cpu[0].best_score, gpu[0].best_score);
  EXPECT_EQ(cpu[0].base_score, gpu[0].base_score);
  EXPECT_EQ(cpu[0].best_inside, gpu[0].best_inside);
  EXPECT_EQ(cpu[0].base_inside, gpu[0].base_inside);
}

}  // namespace
}  // namespace fuselabel
