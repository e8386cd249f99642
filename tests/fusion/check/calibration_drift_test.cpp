// The pieces of calibration_drift: LiDAR edges on a synthetic sweep, the edge alignment score on
// the sample drive's simulated frames, the step detector on noise and on a step, and the check
// itself on the sample drive's correct calibration.
#include <gtest/gtest.h>

#include <cmath>
#include <cstdio>
#include <random>

#include "fusion/check/camera_edge_views.h"
#include "fusion/check/check_registry.h"
#include "fusion/check/lidar_edges.h"
#include "fusion/check/step_change.h"
#include "io/drive_reader.h"
#include "test_support.h"

namespace fuselabel {
namespace {

constexpr double kDeg = 3.141592653589793 / 180;

// A LiDAR 1.8 m above flat ground: a 2 m wide, 1.8 m tall box face at x = 10 (|y| <= 1), a wall at
// x = 30, and a bright 0.2 m lane mark at y = 4 on dark asphalt; rays every 0.25 deg in azimuth,
// beams every 1 deg from -12 to +2 deg.
PointSweep box_wall_lane_sweep() {
  PointSweep sweep;
  sweep.fields = {"x", "y", "z", "intensity"};
  for (double az = -40; az <= 40; az += 0.25)
    for (double el = -12; el <= 2; el += 1) {
      const Vec3<double> d = {std::cos(el * kDeg) * std::cos(az * kDeg), std::cos(el * kDeg) * std::sin(az * kDeg),
                              std::sin(el * kDeg)};
      double t = 1e9, intensity = 0.1;
      if (d.z < 0) t = 1.8 / -d.z;
      const double t_wall = 30 / d.x;
      if (t_wall < t) t = t_wall;
      const double t_box = 10 / d.x;
      const Vec3<double> on_box = t_box * d;
      if (t_box < t && std::fabs(on_box.y) <= 1 && on_box.z <= 0) t = t_box;
      const Vec3<double> p = t * d;
      if (std::fabs(p.z + 1.8) < 1e-6 && std::fabs(p.y - 4) < 0.1) intensity = 0.9;
      if (t > 80) continue;
      sweep.records.insert(sweep.records.end(), {float(p.x), float(p.y), float(p.z), float(intensity)});
    }
  return sweep;
}

TEST(LidarEdges, BoxSilhouettesAndLaneMarksAreEdgesFlatGroundIsNot) {
  const std::vector<LidarEdge> edges = lidar_depth_edges(box_wall_lane_sweep());
  int box_sides = 0, box_top = 0, lane = 0;
  for (const LidarEdge& e : edges) {
    const Vec3<double>& p = e.position;
    const bool on_box_plane = std::fabs(p.x - 10) < 0.2;
    if (on_box_plane && std::fabs(std::fabs(p.y) - 1) < 0.1) {
      ++box_sides;
    } else if (on_box_plane && std::fabs(p.z) < 0.2) {
      ++box_top;
    } else if (std::fabs(p.z + 1.8) < 0.01 && std::fabs(std::fabs(p.y - 4) - 0.1) < 0.1) {
      ++lane;
    } else {  // not the foot of the wall either: the ground there hides nothing
      ADD_FAILURE() << "edge at " << p.x << " " << p.y << " " << p.z;
    }
  }
  EXPECT_GE(box_sides, 2 * 7);  // both sides, every beam that hits the face (-10 to -4 deg at least)
  EXPECT_GE(box_top, 5);        // the top edge, seen against the wall in the beam above
  EXPECT_GE(lane, 10);          // both sides of the mark, one per beam that crosses it
}

TEST(LidarEdges, AnEmptyOrTinySweepHasNoEdges) {
  PointSweep sweep;
  sweep.fields = {"x", "y", "z"};
  EXPECT_TRUE(lidar_depth_edges(sweep).empty());
  sweep.records = {10, 0, 0};
  EXPECT_TRUE(lidar_depth_edges(sweep).empty());
}

class SampleDriveAlignment : public ::testing::Test {
 protected:
  void SetUp() override {
    reader_ = open_drive(testing::source_dir() / "data-samples/drive");
    labels_ = reader_->read_replacement_labels("ground_truth");
  }
  std::unique_ptr<DriveReader> reader_;
  LabelSet labels_;
};

TEST_F(SampleDriveAlignment, ScorePeaksAtTheTrueExtrinsic) {
  Workspace ws(Device::Cpu);
  const CheckInputs inputs(*reader_, labels_, &ws);
  std::vector<CameraEdgeView> views;
  for (int64_t f = 10; f < 40; f += 3)
    for (CameraEdgeView& v : camera_edge_views(inputs, f, {"CAM_FRONT"})) views.push_back(std::move(v));
  ASSERT_GE(views.size(), 8u);
  std::vector<const AlignmentView*> all;
  for (const CameraEdgeView& v : views) all.push_back(&v.view);
  const double at_truth = alignment_score(all, {});
  for (int axis = 0; axis < 3; ++axis)
    for (double sign : {-1.0, 1.0}) {
      ExtrinsicDelta off;
      // About the optical axis (roll) the sample's coarse sweeps (1 deg firings) and 480 px images
      // constrain the extrinsic least.
      off[axis] = sign * (axis == 2 ? 1.5 : 0.5) * kDeg;
      EXPECT_GT(at_truth, alignment_score(all, off)) << "axis " << axis << " sign " << sign;
    }
  ExtrinsicDelta start;
  start.rotation = {0.4 * kDeg, -0.4 * kDeg, 0.3 * kDeg};
  AlignmentSearch rotation_only;
  rotation_only.translation = false;
  const ExtrinsicDelta found = best_alignment(all, start, rotation_only);
  EXPECT_LT(std::fabs(found.rotation.x) / kDeg, 0.2);
  EXPECT_LT(std::fabs(found.rotation.y) / kDeg, 0.2);
  EXPECT_LT(std::fabs(found.rotation.z) / kDeg, 0.6);
}

TEST_F(SampleDriveAlignment, CalibrationDriftIsQuietOnTheCorrectCalibration) {
  Workspace ws(Device::Cpu);
  const CheckInputs inputs(*reader_, labels_, &ws);
  const CheckResults results =
      run_checks(inputs, default_check_profile(declared_check_parameters()), {"calibration_drift"});
  for (const CheckRun& run : results.runs) {
    if (run.check == "calibration_drift") {
      EXPECT_EQ(run.skipped, "");
    }
  }
  EXPECT_TRUE(results.flags.empty()) << results.flags.front().message;
}

// Real data: KITTI's calibrated HDL-64 sweep of object 000008 against its image. The best rotation
// from the calibration is a few hundredths of a degree about each axis, tenths about the optical axis.
TEST(KittiObjectAlignment, TheCalibrationIsNearTheBestRotation) {
  FL_REQUIRE_SHARED_DATA("kitti-object/training/velodyne/000008.bin");
  const auto reader = open_drive(testing::shared_data("kitti-object/training"));
  const LabelSet labels = reader->drive().labels;
  Workspace ws(Device::Cpu);
  const CheckInputs inputs(*reader, labels, &ws);
  const std::vector<CameraEdgeView> views = camera_edge_views(inputs, int64_t(reader->frame_index("000008")), {});
  ASSERT_EQ(views.size(), 1u);
  EXPECT_GE(views[0].view.edges.size(), 500u);
  AlignmentSearch rotation_only;
  rotation_only.translation = false;
  const ExtrinsicDelta best = best_alignment({&views[0].view}, {}, rotation_only);
  std::printf("KITTI 000008: best rotation %.3f %.3f %.3f deg, %zu edges\n", best.rotation.x / kDeg,
              best.rotation.y / kDeg, best.rotation.z / kDeg, views[0].view.edges.size());
  EXPECT_LT(std::fabs(best.rotation.x) / kDeg, 0.15);
  EXPECT_LT(std::fabs(best.rotation.y) / kDeg, 0.15);
  EXPECT_LT(std::fabs(best.rotation.z) / kDeg, 0.5);
}

TEST(CamerasWithoutImages, AreTheCamerasWhoseTimelineHoldsNoFile) {
  Drive drive;
  Rig rig;
  for (const char* name : {"with", "empty_files", "no_timeline"}) {
    Sensor s;
    s.name = name;
    s.kind = SensorKind::Camera;
    s.camera = CameraModeld{};
    rig.sensors.push_back(s);
  }
  drive.rigs.push_back(rig);
  drive.timelines["with"].add({100, "/data/with/0.jpg", {}, {}});
  drive.timelines["empty_files"].add({100, "", {}, {}});
  EXPECT_EQ(cameras_without_images(drive), (std::vector<std::string>{"empty_files", "no_timeline"}));
}

// Per frame, 27 candidates (a 3 x 3 x 3 grid): a smooth peak at `peak` plus noise.
std::vector<double> frame_scores(size_t peak, double noise, std::mt19937& rng) {
  std::normal_distribution<double> normal(0, noise);
  std::vector<double> scores;
  const int pi = int(peak) / 9, pj = int(peak) / 3 % 3, pk = int(peak) % 3;
  for (int g = 0; g < 27; ++g) {
    const int di = g / 9 - pi, dj = g / 3 % 3 - pj, dk = g % 3 - pk;
    scores.push_back(std::exp(-0.5 * (di * di + dj * dj + dk * dk)) + normal(rng));
  }
  return scores;
}

TEST(StepChange, SilentOnStationaryNoise) {
  for (unsigned seed = 1; seed <= 30; ++seed) {
    std::mt19937 rng(seed);
    std::vector<std::vector<double>> scores;
    for (int f = 0; f < 300; ++f) scores.push_back(frame_scores(13, 0.3, rng));  // 13: the centre
    const std::optional<StepChange> step = strongest_step(scores, 8);
    if (step) {
      EXPECT_LT(step->statistic, 6) << "seed " << seed << " at " << step->at;
    }
  }
}

TEST(StepChange, FindsWhereThePeakMoved) {
  std::mt19937 rng(7);
  std::vector<std::vector<double>> scores;
  for (int f = 0; f < 300; ++f) scores.push_back(frame_scores(f < 170 ? 13 : 14, 0.3, rng));
  const std::optional<StepChange> step = strongest_step(scores, 8);
  ASSERT_TRUE(step);
  EXPECT_NEAR(double(step->at), 170, 4);
  EXPECT_EQ(step->before, 13u);
  EXPECT_EQ(step->after, 14u);
  EXPECT_GT(step->statistic, 6);
}

TEST(StepChange, TooShortASeriesHasNoStep) {
  std::mt19937 rng(1);
  std::vector<std::vector<double>> scores;
  for (int f = 0; f < 15; ++f) scores.push_back(frame_scores(f < 8 ? 13 : 14, 0.01, rng));
  EXPECT_FALSE(strongest_step(scores, 8));
}

}  // namespace
}  // namespace fuselabel
