#include <gtest/gtest.h>

#include <cmath>

#include "projection/transform.h"
#include "random_calibration.h"

namespace fuselabel {
namespace {

TEST(Quaternion, MatrixIsOrthonormalAndRoundTrips) {
  testing::RandomScene rng(1);
  for (int i = 0; i < 1000; ++i) {
    const Quat<double> q = rng.rotation();
    const Mat3<double> R = q.to_matrix();
    EXPECT_LT(orthonormality_error(R), 1e-12);
    EXPECT_NEAR(R.determinant(), 1.0, 1e-12);
    const Quat<double> back = Quat<double>::from_matrix(R);
    const double sign = (back.w * q.w + back.x * q.x + back.y * q.y + back.z * q.z) < 0 ? -1 : 1;
    EXPECT_NEAR(back.w, sign * q.w, 1e-9);
    EXPECT_NEAR(back.x, sign * q.x, 1e-9);
    EXPECT_NEAR(back.y, sign * q.y, 1e-9);
    EXPECT_NEAR(back.z, sign * q.z, 1e-9);
  }
}

TEST(Quaternion, YawRotatesXTowardsY) {
  const Vec3<double> v = rotate(Quat<double>::from_yaw(M_PI / 2), Vec3<double>{1, 0, 0});
  EXPECT_NEAR(v.x, 0, 1e-12);
  EXPECT_NEAR(v.y, 1, 1e-12);
  EXPECT_NEAR(v.z, 0, 1e-12);
}

TEST(Quaternion, ProductComposesRotations) {
  testing::RandomScene rng(2);
  for (int i = 0; i < 100; ++i) {
    const Quat<double> a = rng.rotation(), b = rng.rotation();
    const Mat3<double> expected = a.to_matrix() * b.to_matrix(), got = (a * b).to_matrix();
    for (int k = 0; k < 9; ++k) EXPECT_NEAR(got.m[k], expected.m[k], 1e-12);
  }
}

TEST(Quaternion, SlerpFollowsTheShortArcAtConstantRate) {
  const Quat<double> a = Quat<double>::from_yaw(0.2), b = Quat<double>::from_yaw(1.4);
  for (double s : {0.0, 0.25, 0.5, 1.0}) {
    const Quat<double> q = slerp(a, b, s);
    EXPECT_NEAR(2 * std::atan2(q.z, q.w), 0.2 + s * 1.2, 1e-12);
  }
  // b and -b are the same rotation: interpolation must not take the long way round.
  const Quat<double> neg_b{-b.w, -b.x, -b.y, -b.z};
  const Quat<double> mid = slerp(a, neg_b, 0.5);
  EXPECT_NEAR(std::fabs(2 * std::atan2(mid.z, mid.w)), 0.8, 1e-12);
}

TEST(Transform, ComposeAndInverse) {
  testing::RandomScene rng(3);
  for (int i = 0; i < 200; ++i) {
    const Transform3d a = Transform3d::from_rotation_translation(rng.rotation(), {rng.uniform(-5, 5), 1, 2});
    const Transform3d b = Transform3d::from_rotation_translation(rng.rotation(), {3, rng.uniform(-5, 5), -1});
    const Vec3<double> p = {rng.uniform(-10, 10), rng.uniform(-10, 10), rng.uniform(-10, 10)};
    const Vec3<double> ab = (a * b) * p, sequential = a * (b * p);
    EXPECT_NEAR(ab.x, sequential.x, 1e-12);
    EXPECT_NEAR(ab.y, sequential.y, 1e-12);
    EXPECT_NEAR(ab.z, sequential.z, 1e-12);
    const Vec3<double> back = a.inverse() * (a * p);
    EXPECT_NEAR(back.x, p.x, 1e-12);
    EXPECT_NEAR(back.y, p.y, 1e-12);
    EXPECT_NEAR(back.z, p.z, 1e-12);
  }
}

TEST(Transform, InverseIsExactForNearlyOrthonormalCalibrations) {
  // KITTI's Tr_velo_to_cam (frame 000008): about 1e-7 off orthonormal.
  const Transform3d T = {{{7.533744908869e-03, -9.999713897705e-01, -6.166020175442e-04, 1.480249036103e-02,
                           7.280732970685e-04, -9.998902082443e-01, 9.998620748520e-01, 7.523790001869e-03,
                           1.480755023658e-02}},
                         {-4.069766029716e-03, -7.631617784500e-02, -2.717806100845e-01}};
  EXPECT_GT(orthonormality_error(T.R), 1e-9);
  EXPECT_LT(orthonormality_error(T.R), 1e-6);
  const Vec3<double> p = {12.5, -3.25, 0.75};
  const Vec3<double> back = T.inverse() * (T * p);
  EXPECT_NEAR(back.x, p.x, 1e-12);
  EXPECT_NEAR(back.y, p.y, 1e-12);
  EXPECT_NEAR(back.z, p.z, 1e-12);
}

}  // namespace
}  // namespace fuselabel
