#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <string>

#include "io/kitti/kitti_oxts.h"
#include "io/io_test_support.h"

namespace fuselabel {
namespace {

using testing::expect_input_error;
using testing::TempDir;

constexpr double kPi = 3.14159265358979323846;
constexpr double kEarthRadius = 6378137.0;

// One packet line with the given position and orientation; the other 24 values are filled
// with distinct numbers so a shifted column shows up.
std::string oxts_line(double lat, double lon, double alt, double roll, double pitch, double yaw) {
  char line[512];
  std::snprintf(line, sizeof line,
                "%.12f %.12f %.6f %.9f %.9f %.9f 1.5 -2.5 3.5 0.25 -0.125 0.5 0.75 9.81 0.55 0.65 9.75 "
                "0.01 0.02 0.03 0.011 0.021 0.031 0.4 0.05 4 11 5 6 7\n",
                lat, lon, alt, roll, pitch, yaw);
  return line;
}

std::filesystem::path write_oxts(const TempDir& dir, const std::string& text) {
  const std::filesystem::path file = dir / "oxts/0002.txt";
  testing::write_text(file, text);
  return file;
}

TEST(KittiOxts, ReadsThirtyNamedValues) {
  TempDir dir;
  const auto packets = read_kitti_oxts(write_oxts(dir, oxts_line(49.011, 8.423, 112.8, 0.02, -0.01, 1.3)));
  ASSERT_EQ(packets.size(), 1u);
  const KittiOxtsPacket& p = packets[0];
  EXPECT_EQ(p.line, 1);
  EXPECT_DOUBLE_EQ(p.lat, 49.011);
  EXPECT_DOUBLE_EQ(p.lon, 8.423);
  EXPECT_DOUBLE_EQ(p.alt, 112.8);
  EXPECT_DOUBLE_EQ(p.roll, 0.02);
  EXPECT_DOUBLE_EQ(p.pitch, -0.01);
  EXPECT_DOUBLE_EQ(p.yaw, 1.3);
  EXPECT_EQ(p.vn, 1.5);
  EXPECT_EQ(p.vu, -0.125);
  EXPECT_EQ(p.az, 9.81);
  EXPECT_EQ(p.au, 9.75);
  EXPECT_EQ(p.wx, 0.01);
  EXPECT_EQ(p.wu, 0.031);
  EXPECT_EQ(p.pos_accuracy, 0.4);
  EXPECT_EQ(p.vel_accuracy, 0.05);
  EXPECT_EQ(p.navstat, 4);
  EXPECT_EQ(p.numsats, 11);
  EXPECT_EQ(p.posmode, 5);
  EXPECT_EQ(p.velmode, 6);
  EXPECT_EQ(p.orimode, 7);
}

TEST(KittiOxts, TrailingBlankLinesAreFineAGapIsNot) {
  TempDir dir;
  const std::string line = oxts_line(49.0, 8.4, 110, 0, 0, 0);
  EXPECT_EQ(read_kitti_oxts(write_oxts(dir, line + line + "\n\n")).size(), 2u);
  const auto file = write_oxts(dir, line + "\n" + line);
  expect_input_error([&] { read_kitti_oxts(file); }, {"oxts/0002.txt", "line 2", "blank line between packets"});
}

TEST(KittiOxts, EveryCorruptionNamesFileLineAndField) {
  TempDir dir;
  const std::string good = oxts_line(49.0, 8.4, 110, 0, 0, 0);
  auto replace_value = [&](int index, const std::string& value) {
    std::string text = good;
    size_t start = 0;
    for (int i = 0; i < index; ++i) start = text.find(' ', start) + 1;
    const size_t end = std::min(text.find(' ', start), text.find('\n', start));
    return text.replace(start, end - start, value);
  };
  const std::string without_last = good.substr(0, good.rfind(' ')) + "\n";
  expect_input_error([&] { read_kitti_oxts(write_oxts(dir, good + good + without_last)); },
                     {"oxts/0002.txt", "line 3", "expected 30 values, found 29"});
  expect_input_error([&] { read_kitti_oxts(write_oxts(dir, good + replace_value(5, "1.2.3"))); },
                     {"oxts/0002.txt", "line 2, field 'yaw'", "'1.2.3' is not a finite number"});
  expect_input_error([&] { read_kitti_oxts(write_oxts(dir, replace_value(0, "90"))); },
                     {"line 1, field 'lat'", "latitude must be in (-90, 90)"});
  expect_input_error([&] { read_kitti_oxts(write_oxts(dir, replace_value(1, "-181"))); },
                     {"line 1, field 'lon'", "longitude"});
  expect_input_error([&] { read_kitti_oxts(write_oxts(dir, replace_value(26, "11.5"))); },
                     {"line 1, field 'numsats'", "not an integer"});
  expect_input_error([&] { read_kitti_oxts(write_oxts(dir, replace_value(23, "inf"))); },
                     {"line 1, field 'posacc'", "not a finite number"});
  // pykitti reads the status fields as int(float(x)).
  EXPECT_EQ(read_kitti_oxts(write_oxts(dir, replace_value(25, "4.0"))).at(0).navstat, 4);
}

// Cut anywhere, a file is either still valid or one InputError -- never another exception.
TEST(KittiOxts, EveryTruncationIsValidOrAnInputError) {
  TempDir dir;
  const std::string text = oxts_line(49.0, 8.4, 110, 0.01, -0.02, 2.5) + oxts_line(49.1, 8.5, 111, 0, 0, -3.1);
  int valid = 0;
  for (size_t size = 0; size <= text.size(); ++size) {
    const auto file = write_oxts(dir, text.substr(0, size));
    try {
      read_kitti_oxts(file);
      ++valid;
    } catch (const InputError&) {
    } catch (const std::exception& e) {
      ADD_FAILURE() << "cut at " << size << ": " << e.what();
    }
  }
  EXPECT_GE(valid, 3);  // empty, and the cuts after each packet
  EXPECT_LT(valid, int(text.size()));
}

TEST(KittiOxts, MercatorPoseByHand) {
  KittiOxtsPacket p;
  p.lat = 49.0, p.lon = 8.4, p.alt = 115.0;
  p.roll = kPi / 2;  // left side up by 90 degrees: the IMU's y axis points up
  const double scale = std::cos(48.0 * kPi / 180);
  const Transform3d T = kitti_oxts_mercator_pose(p, scale);
  EXPECT_DOUBLE_EQ(T.t.x, scale * kEarthRadius * 8.4 * kPi / 180);
  EXPECT_DOUBLE_EQ(T.t.y, scale * kEarthRadius * std::log(std::tan((90 + 49.0) * kPi / 360)));
  EXPECT_EQ(T.t.z, 115.0);
  const Vec3<double> y_axis = T.R * Vec3<double>{0, 1, 0};
  EXPECT_NEAR(y_axis.z, 1.0, 1e-15);

  p.roll = 0, p.pitch = 0.3, p.yaw = 0.5;  // Rz(yaw) * Ry(pitch): the forward axis
  const Vec3<double> x_axis = kitti_oxts_mercator_pose(p, scale).R * Vec3<double>{1, 0, 0};
  EXPECT_NEAR(x_axis.x, std::cos(0.5) * std::cos(0.3), 1e-15);
  EXPECT_NEAR(x_axis.y, std::sin(0.5) * std::cos(0.3), 1e-15);
  EXPECT_NEAR(x_axis.z, -std::sin(0.3), 1e-15);  // positive pitch = front down
}

// Moving 1 m north: one metre of latitude is 1 / R_earth radians, and the Mercator scale
// cos(lat0) cancels the 1 / cos(lat) stretch of Mercator northings.
TEST(KittiOxts, OneMetreNorthIsOneMetreInTheFirstFramesAxes) {
  const double lat0 = 48.98, lon0 = 8.39;
  const double one_metre_of_lat = 180 / (kPi * kEarthRadius);
  for (const double yaw : {0.0, kPi / 2}) {  // facing east: north is left; facing north: ahead
    KittiOxtsPacket a, b;
    a.lat = lat0, a.lon = lon0, a.alt = 110, a.yaw = yaw;
    b = a;
    b.lat = lat0 + one_metre_of_lat, b.alt = 110.5, b.yaw = yaw + 0.1;
    const auto poses = kitti_oxts_poses({a, b});
    ASSERT_EQ(poses.size(), 2u);
    for (int i = 0; i < 9; ++i) EXPECT_NEAR(poses[0].R.m[i], i % 4 == 0 ? 1.0 : 0.0, 1e-15);
    EXPECT_NEAR(std::fabs(poses[0].t.x) + std::fabs(poses[0].t.y) + std::fabs(poses[0].t.z), 0.0, 1e-9);

    const Vec3<double> expected = yaw == 0.0 ? Vec3<double>{0, 1, 0.5} : Vec3<double>{1, 0, 0.5};
    EXPECT_NEAR(poses[1].t.x, expected.x, 1e-6) << "yaw " << yaw;
    EXPECT_NEAR(poses[1].t.y, expected.y, 1e-6) << "yaw " << yaw;
    EXPECT_NEAR(poses[1].t.z, expected.z, 1e-9) << "yaw " << yaw;
    // Turned 0.1 rad to the left relative to frame 0.
    EXPECT_NEAR(poses[1].R(0, 0), std::cos(0.1), 1e-12);
    EXPECT_NEAR(poses[1].R(1, 0), std::sin(0.1), 1e-12);
    EXPECT_NEAR(poses[1].R(2, 2), 1.0, 1e-12);
  }
  EXPECT_TRUE(kitti_oxts_poses({}).empty());
}

// The devkit's world is the IMU frame of packet 0 itself, not a levelled one: with the car
// pitched at packet 0, a later packet straight above it (altitude + 1 m) is not at (0, 0, 1).
TEST(KittiOxts, WorldIsTheFirstImuFrameIncludingItsTilt) {
  KittiOxtsPacket a;
  a.lat = 49.0, a.lon = 8.4, a.alt = 100, a.pitch = 0.2;
  KittiOxtsPacket b = a;
  b.alt = 101;
  const auto poses = kitti_oxts_poses({a, b});
  EXPECT_NEAR(poses[1].t.x, -std::sin(0.2), 1e-9);
  EXPECT_NEAR(poses[1].t.y, 0.0, 1e-9);
  EXPECT_NEAR(poses[1].t.z, std::cos(0.2), 1e-9);
}

}  // namespace
}  // namespace fuselabel
