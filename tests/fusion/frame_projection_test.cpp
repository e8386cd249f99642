// project_frame and its outputs: LiDAR and radar of one frame into several cameras, radar
// radial velocity and RCS carried through to the CSV.
#include <gtest/gtest.h>

#include <fstream>
#include <sstream>

#include "fusion/frame_projection.h"
#include "fusion/projection_outputs.h"
#include "random_calibration.h"
#include "test_support.h"

namespace fuselabel {
namespace {

FrameData make_frame(testing::RandomScene& rng) {
  FrameData frame;
  frame.id = "synthetic";
  frame.lidar = PointSweep{"lidar", 0, {"x", "y", "z", "intensity", "t_offset"}, rng.points(5000, 5)};
  for (const char* name : {"RADAR_FRONT", "RADAR_LEFT"}) {
    PointSweep radar{name, 0, {"x", "y", "z", "vr", "rcs"}, rng.points(300, 5)};
    for (int64_t i = 0; i < radar.size(); ++i) {
      radar.records[i * 5 + 3] = static_cast<float>(rng.uniform(-30, 30));  // vr, m/s
      radar.records[i * 5 + 4] = static_cast<float>(rng.uniform(-10, 40));  // rcs, dBsm
    }
    frame.radars.push_back(radar);
  }
  for (CameraModelType type : {CameraModelType::Pinhole, CameraModelType::Fisheye}) {
    CameraView view;
    view.sensor = type == CameraModelType::Pinhole ? "CAM_FRONT" : "CAM_FISHEYE";
    view.model = rng.camera(type);
    view.T_cam_lidar = rng.T_cam_lidar();
    frame.cameras.push_back(view);
  }
  return frame;
}

// The same sweep projected alone, for comparison.
std::vector<ProjectedPoint> project_alone(Device device, const PointSweep& sweep, const CameraView& view) {
  ProjectionBatch batch;
  batch.points = sweep.records.data();
  batch.point_stride = sweep.stride();
  batch.sweep_offsets = {0, sweep.size()};
  batch.cameras = {view.model.cast<float>()};
  batch.jobs = {{0, 0, view.T_cam_lidar.cast<float>()}};
  std::vector<ProjectedPoint> out;
  project_points(device, batch, out);
  return out;
}

class FrameProjection : public testing::DeviceTest {};

TEST_P(FrameProjection, EverySensorIntoEveryCamera) {
  testing::RandomScene rng(500);
  const FrameData frame = make_frame(rng);
  const std::vector<CameraProjection> result = project_frame(GetParam(), frame);
  ASSERT_EQ(result.size(), 2u);
  for (size_t c = 0; c < result.size(); ++c) {
    const CameraProjection& p = result[c];
    EXPECT_EQ(p.camera, frame.cameras[c].sensor);
    EXPECT_EQ(p.depth_keys.size(), static_cast<size_t>(p.width) * p.height);
    const std::vector<ProjectedPoint> lidar = project_alone(GetParam(), *frame.lidar, frame.cameras[c]);
    ASSERT_EQ(p.lidar.size(), lidar.size());
    for (size_t i = 0; i < lidar.size(); ++i) ASSERT_EQ(p.lidar[i].pixel, lidar[i].pixel);
    ASSERT_EQ(p.radar.size(), 2u);
    for (size_t r = 0; r < 2; ++r) {
      const std::vector<ProjectedPoint> radar = project_alone(GetParam(), frame.radars[r], frame.cameras[c]);
      ASSERT_EQ(p.radar[r].size(), radar.size());
      for (size_t i = 0; i < radar.size(); ++i) {
        ASSERT_EQ(p.radar[r][i].pixel, radar[i].pixel);
        ASSERT_EQ(p.radar[r][i].u, radar[i].u);
      }
    }
  }
}

FL_INSTANTIATE_DEVICE_TEST(FrameProjection);

TEST(ProjectionOutputs, RadarCsvCarriesRadialVelocityAndRcs) {
  testing::RandomScene rng(501);
  const FrameData frame = make_frame(rng);
  const std::vector<CameraProjection> result = project_frame(Device::Cpu, frame);
  const testing::TempDir scratch;
  const std::filesystem::path& dir = scratch.path();
  const auto summaries = write_projection_outputs(dir, frame, result);
  ASSERT_EQ(summaries.size(), 2u);
  std::ifstream in(dir / "CAM_FRONT_RADAR_LEFT_radar.csv");
  std::string line;
  std::getline(in, line);
  EXPECT_EQ(line, "point_index,u,v,depth,vr,rcs");
  int rows = 0;
  while (std::getline(in, line)) {
    std::istringstream fields(line);
    size_t index;
    char comma;
    float u, v, depth, vr, rcs;
    fields >> index >> comma >> u >> comma >> v >> comma >> depth >> comma >> vr >> comma >> rcs;
    ASSERT_TRUE(fields) << line;
    const PointSweep& radar = frame.radars[1];
    EXPECT_NEAR(vr, radar.records[index * 5 + 3], 1e-4);
    EXPECT_NEAR(rcs, radar.records[index * 5 + 4], 1e-3);
    EXPECT_TRUE(result[0].radar[1][index].in_image());
    ++rows;
  }
  EXPECT_GT(rows, 5);
  EXPECT_EQ(summaries[0].radar_points_in_image, [&] {
    int64_t n = 0;
    for (const auto& sweep : result[0].radar)
      for (const ProjectedPoint& p : sweep) n += p.in_image();
    return n;
  }());
}

TEST(ProjectionOutputs, LidarCsvHasOneRowPerInImagePoint) {
  std::vector<ProjectedPoint> points(3);
  points[0] = {10.5f, 20.25f, 5.f, 7};
  points[2] = {1.f, 2.f, 3.f, 0};
  EXPECT_EQ(lidar_points_csv(points), "point_index,u,v,depth\n0,10.5000,20.2500,5.0000\n2,1.0000,2.0000,3.0000\n");
}

}  // namespace
}  // namespace fuselabel
