// portable_atan (projection/camera_model.h): the + - * / construction the fisheye models use
// so host and device agree bit for bit, checked against std::atan to a few ulp. The double
// version feeds boxes_to_image's float64 fisheye path.
#include <gtest/gtest.h>

#include <cmath>
#include <cstdint>
#include <cstring>
#include <random>

#include "projection/camera_model.h"

namespace fuselabel {
namespace {

template <typename T, typename Bits>
int64_t ulps_apart(T a, T b) {
  Bits ia, ib;
  std::memcpy(&ia, &a, sizeof a);
  std::memcpy(&ib, &b, sizeof b);
  return ia > ib ? static_cast<int64_t>(ia - ib) : static_cast<int64_t>(ib - ia);  // same sign here
}

TEST(PortableAtan, DoubleWithinTwoUlpOfStdAtan) {
  std::mt19937_64 rng(7);
  int64_t worst = 0;
  for (int i = 0; i < 200000; ++i) {
    // log-uniform over 1e-8 .. 1e8, both signs, plus the range reduction's edges below
    const double x = std::pow(10.0, std::uniform_real_distribution<double>(-8, 8)(rng)) * (i % 2 ? -1 : 1);
    worst = std::max(worst, ulps_apart<double, uint64_t>(portable_atan(x), std::atan(x)));
  }
  for (double x : {0.66, std::nextafter(0.66, 1.0), 2.41421356237309504880, 1.0, 1e300, 5e-324, 0.0})
    worst = std::max(worst, ulps_apart<double, uint64_t>(portable_atan(x), std::atan(x)));
  EXPECT_LE(worst, 2);
  EXPECT_EQ(portable_atan(-0.5), -portable_atan(0.5));
}

TEST(PortableAtan, FloatWithinTwoUlpOfStdAtan) {
  std::mt19937_64 rng(8);
  int64_t worst = 0;
  for (int i = 0; i < 200000; ++i) {
    const float x = static_cast<float>(std::pow(10.0, std::uniform_real_distribution<double>(-6, 6)(rng)));
    worst = std::max(worst, ulps_apart<float, uint32_t>(portable_atan(x), std::atan(x)));
  }
  EXPECT_LE(worst, 3);
}

}  // namespace
}  // namespace fuselabel
