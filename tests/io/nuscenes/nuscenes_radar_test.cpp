// nuScenes radar .pcd files through PCL: the kept fields with their packed 1- and 2-byte
// integer types, the devkit's default validity filter, the move into the LiDAR frame and the
// radial velocity, and the errors.
#include "io/nuscenes/nuscenes_radar.h"

#include <gtest/gtest.h>

#include <cmath>
#include <limits>

#include "io/io_test_support.h"
#include "nuscenes_radar_writer.h"

namespace fuselabel {
namespace {

using testing::expect_input_error;
using testing::NuscenesRadarPoint;
using testing::TempDir;

std::vector<NuscenesRadarPoint> sample_points() {
  std::vector<NuscenesRadarPoint> points(4);
  points[0].x = 12.5f, points[0].y = -3.25f, points[0].z = 0.f, points[0].rcs = -7.5f;
  points[0].vx_comp = 1.5f, points[0].vy_comp = -0.75f, points[0].dyn_prop = 2, points[0].pdh0 = 1;
  points[1].x = 30.f, points[1].y = 4.f, points[1].dyn_prop = 1;
  points[2].x = 50.f, points[2].invalid_state = 14;  // a harmonic: invalid
  points[3].x = 60.f, points[3].ambig_state = 4, points[3].is_quality_valid = 0, points[3].id = -300;
  return points;
}

TEST(NuscenesRadar, ReadsTheKeptFieldsOfEveryPoint) {
  TempDir dir;
  testing::write_nuscenes_radar_pcd(dir / "r.pcd", sample_points());
  const PointSweep scan = read_nuscenes_radar_pcd(dir / "r.pcd", "RADAR_FRONT");
  EXPECT_EQ(scan.sensor, "RADAR_FRONT");
  EXPECT_EQ(scan.fields, kNuscenesRadarFields);
  ASSERT_EQ(scan.size(), 4);
  const float* p = scan.records.data();
  EXPECT_EQ(p[0], 12.5f);
  EXPECT_EQ(p[1], -3.25f);
  EXPECT_EQ(p[3], 1.5f);    // vx_comp
  EXPECT_EQ(p[4], -0.75f);  // vy_comp
  EXPECT_EQ(p[5], -7.5f);   // rcs
  EXPECT_EQ(p[6], 2.f);     // dyn_prop
  const float* q = p + 3 * scan.stride();
  EXPECT_EQ(q[7], 0.f);                       // is_quality_valid
  EXPECT_EQ(q[8], 4.f);                       // ambig_state
  EXPECT_EQ(p[2 * scan.stride() + 9], 14.f);  // invalid_state
  EXPECT_EQ(p[10], 1.f);                      // pdh0
}

TEST(NuscenesRadar, DefaultFilterIsTheDevkits) {
  TempDir dir;
  testing::write_nuscenes_radar_pcd(dir / "r.pcd", sample_points());
  const PointSweep scan = read_nuscenes_radar_pcd(dir / "r.pcd", "RADAR_FRONT");
  EXPECT_TRUE(nuscenes_radar_point_valid(scan.records.data()));
  EXPECT_TRUE(nuscenes_radar_point_valid(scan.records.data() + scan.stride()));
  EXPECT_FALSE(nuscenes_radar_point_valid(scan.records.data() + 2 * scan.stride()));  // invalid_state 14
  EXPECT_FALSE(nuscenes_radar_point_valid(scan.records.data() + 3 * scan.stride()));  // ambig_state 4
}

TEST(NuscenesRadar, FrameSweepMovesValidPointsAndComputesRadialVelocity) {
  TempDir dir;
  testing::write_nuscenes_radar_pcd(dir / "r.pcd", sample_points());
  PointSweep scan = read_nuscenes_radar_pcd(dir / "r.pcd", "RADAR_FRONT");
  scan.timestamp_us = 77;
  const Transform3d T_lidar_radar{Quat<double>::from_yaw(0.3).to_matrix(), {2.5, -0.1, -1.3}};
  const PointSweep out = nuscenes_radar_frame_sweep(scan, T_lidar_radar, dir / "r.pcd");
  EXPECT_EQ(out.sensor, "RADAR_FRONT");
  EXPECT_EQ(out.timestamp_us, 77);
  EXPECT_EQ(out.fields, (std::vector<std::string>{"x", "y", "z", "vr", "rcs"}));
  ASSERT_EQ(out.size(), 2);
  const Vec3<double> expected = T_lidar_radar * Vec3<double>{12.5, -3.25, 0.0};
  EXPECT_NEAR(out.records[0], expected.x, 1e-5);
  EXPECT_NEAR(out.records[1], expected.y, 1e-5);
  EXPECT_NEAR(out.records[2], expected.z, 1e-5);
  const double range = std::hypot(12.5, -3.25);
  EXPECT_NEAR(out.records[3], (1.5 * 12.5 + -0.75 * -3.25) / range, 1e-6);  // receding: positive
  EXPECT_EQ(out.records[4], -7.5f);
  EXPECT_EQ(out.records[5 + 3], 0.f);  // point 1 has no velocity
}

TEST(NuscenesRadar, NanFirstPointIsAnEmptyScan) {
  TempDir dir;
  std::vector<NuscenesRadarPoint> points(1);
  points[0].x = points[0].y = points[0].z = std::numeric_limits<float>::quiet_NaN();
  testing::write_nuscenes_radar_pcd(dir / "r.pcd", points);
  const PointSweep scan = read_nuscenes_radar_pcd(dir / "r.pcd", "RADAR_BACK_LEFT");
  EXPECT_EQ(scan.size(), 0);
  EXPECT_EQ(scan.fields, kNuscenesRadarFields);
}

TEST(NuscenesRadar, NonFiniteValueElsewhereIsAnError) {
  TempDir dir;
  std::vector<NuscenesRadarPoint> points = sample_points();
  points[2].rcs = std::numeric_limits<float>::infinity();
  testing::write_nuscenes_radar_pcd(dir / "r.pcd", points);
  expect_input_error([&] { read_nuscenes_radar_pcd(dir / "r.pcd", "R"); },
                     {"r.pcd", "point 2, field rcs", "not finite"});
}

TEST(NuscenesRadar, PointAtTheOriginHasNoLineOfSight) {
  TempDir dir;
  std::vector<NuscenesRadarPoint> points(1);
  testing::write_nuscenes_radar_pcd(dir / "r.pcd", points);
  const PointSweep scan = read_nuscenes_radar_pcd(dir / "r.pcd", "R");
  expect_input_error([&] { nuscenes_radar_frame_sweep(scan, Transform3d::identity(), dir / "r.pcd"); },
                     {"r.pcd", "point 0", "line of sight"});
}

TEST(NuscenesRadar, HeaderErrors) {
  TempDir dir;
  auto layout = testing::nuscenes_radar_layout();
  layout.erase(layout.begin() + 15);  // pdh0
  testing::write_nuscenes_radar_pcd(dir / "a.pcd", sample_points(), layout);
  expect_input_error([&] { read_nuscenes_radar_pcd(dir / "a.pcd", "R"); }, {"a.pcd", "field pdh0", "missing"});

  std::string bytes = testing::nuscenes_radar_pcd_bytes(sample_points());
  bytes.replace(bytes.find("COUNT 1 1 1 1"), 13, "COUNT 1 1 1 2");  // dyn_prop twice per point
  testing::write_text(dir / "b.pcd", bytes);
  expect_input_error([&] { read_nuscenes_radar_pcd(dir / "b.pcd", "R"); }, {"b.pcd", "dyn_prop", "COUNT is 2"});

  testing::write_text(dir / "c.pcd", "not a point cloud\n");
  expect_input_error([&] { read_nuscenes_radar_pcd(dir / "c.pcd", "R"); }, {"c.pcd", "not a readable PCD"});
  expect_input_error([&] { read_nuscenes_radar_pcd(dir / "missing.pcd", "R"); }, {"missing.pcd", "no such file"});
}

TEST(NuscenesRadar, TruncatedData) {
  TempDir dir;
  const std::string bytes = testing::nuscenes_radar_pcd_bytes(sample_points());
  testing::write_text(dir / "r.pcd", bytes.substr(0, bytes.size() - 1));
  expect_input_error([&] { read_nuscenes_radar_pcd(dir / "r.pcd", "R"); },
                     {"r.pcd", "truncated", "171 bytes of point data", "4 points of 43 bytes need 172"});
}

}  // namespace
}  // namespace fuselabel
