// score_edge_candidates on every device: against a float64 reference on fresh random views
// (every camera model, smooth and noisy score maps, edges in and out of sight) and candidate
// corrections, and its edge cases (views without edges, points behind the camera, bad batches).
#include "kernels/edge_scores.h"

#include <gtest/gtest.h>

#include <cmath>

#include "kernels/edge_scores_impl.h"
#include "random_calibration.h"
#include "test_support.h"

namespace fuselabel {
namespace {

using testing::DeviceTest;
using testing::RandomScene;

class EdgeScoresTest : public DeviceTest {};

// A score map like edge_score_map's: smooth ridges plus per-pixel noise.
std::vector<float> random_map(RandomScene& scene, int width, int height) {
  std::vector<float> map(size_t(width) * height);
  const double kx = scene.uniform(0.01, 0.1), ky = scene.uniform(0.01, 0.1);
  for (int r = 0; r < height; ++r)
    for (int c = 0; c < width; ++c)
      map[size_t(r) * width + c] = float(0.6 + 0.5 * std::sin(kx * c) * std::cos(ky * r) + scene.uniform(-0.1, 0.1));
  return map;
}

// The float64 reference of one (view, candidate) score.
double reference_score(const CameraModeld& cam, const Transform3d& T, const std::vector<Vec3<double>>& edges,
                       const std::vector<float>& map) {
  if (edges.empty()) return 0;
  double sum = 0;
  for (const Vec3<double>& p : edges) {
    Vec2<double> uv;
    double depth;
    if (project_point(cam, T * p, uv, depth)) sum += bilinear_score(map.data(), cam.width, cam.height, uv.x, uv.y);
  }
  return sum / double(edges.size());
}

Transform3d small_correction(RandomScene& scene) {
  const Quat<double> q = Quat<double>::from_axis_angle(
      {scene.uniform(-1, 1), scene.uniform(-1, 1), scene.uniform(-1, 1)}, scene.uniform(0, 0.01));
  return Transform3d::from_rotation_translation(
      q, {scene.uniform(-0.1, 0.1), scene.uniform(-0.1, 0.1), scene.uniform(-0.1, 0.1)});
}

TEST_P(EdgeScoresTest, MatchesTheFloat64ReferenceOnRandomViews) {
  for (uint64_t seed = 1; seed <= 4; ++seed) {
    RandomScene scene(seed * 7919 + uint64_t(GetParam()));
    EdgeScoreBatch batch;
    std::vector<CameraModeld> cameras;
    for (CameraModelType type :
         {CameraModelType::Pinhole, CameraModelType::BrownConrady, CameraModelType::Fisheye, CameraModelType::Mei}) {
      cameras.push_back(scene.camera(type));
      batch.cameras.push_back(cameras.back().cast<float>());
    }
    std::vector<std::vector<Vec3<double>>> view_edges;
    std::vector<std::vector<float>> view_maps;
    for (int v = 0; v < 6; ++v) {
      const int32_t c = int32_t(v % cameras.size());
      std::vector<Vec3<double>> edges;
      const int n = v == 5 ? 0 : int(scene.uniform(1, 700));  // the last view has no edges
      for (int i = 0; i < n; ++i)                             // mostly in front, some behind or beside the image
        edges.push_back({scene.uniform(-15, 15), scene.uniform(-8, 8), scene.uniform(-3, 60)});
      view_maps.push_back(random_map(scene, cameras[size_t(c)].width, cameras[size_t(c)].height));
      batch.add_view(c, edges, view_maps.back().data());
      view_edges.push_back(std::move(edges));
    }
    std::vector<Transform3d> candidates = {Transform3d{}};
    for (int k = 0; k < 9; ++k) candidates.push_back(small_correction(scene));
    for (const Transform3d& T : candidates) batch.candidates.push_back(T.cast<float>());

    std::vector<double> scores;
    score_edge_candidates(GetParam(), batch, scores);
    ASSERT_EQ(scores.size(), 6 * candidates.size());
    for (size_t v = 0; v < 6; ++v)
      for (size_t k = 0; k < candidates.size(); ++k) {
        const double expected =
            reference_score(cameras[v % cameras.size()], candidates[k], view_edges[v], view_maps[v]);
        // Float projection: a few 1e-4 px, times the maps' slope of at most ~0.1 per px, plus
        // the odd edge at the rim of the lens's field.
        EXPECT_NEAR(scores[v * candidates.size() + k], expected, 2e-3)
            << "seed " << seed << " view " << v << " candidate " << k;
      }
    for (size_t k = 0; k < candidates.size(); ++k) EXPECT_EQ(scores[5 * candidates.size() + k], 0.0);
    int seen = 0;  // views whose edges mostly come into sight score well above 0
    for (size_t v = 0; v < 5; ++v) seen += scores[v * candidates.size()] > 0.05;
    EXPECT_GE(seen, 3) << "seed " << seed;
  }
}

TEST_P(EdgeScoresTest, EdgesBehindTheCameraOrOffTheMapScoreZero) {
  CameraModeld cam;
  cam.width = 40, cam.height = 30, cam.fx = cam.fy = 20, cam.cx = 19.5, cam.cy = 14.5;
  EdgeScoreBatch batch;
  batch.cameras = {cam.cast<float>()};
  const std::vector<float> ones(40 * 30, 1.f);
  // On the principal point, behind the camera, and far beside the image.
  batch.add_view(0, {{0, 0, 5}, {0, 0, -5}, {100, 0, 5}, {0.05, 0.05, 5}}, ones.data());
  batch.candidates = {Transform3f{}};
  std::vector<double> scores;
  score_edge_candidates(GetParam(), batch, scores);
  ASSERT_EQ(scores.size(), 1u);
  EXPECT_NEAR(scores[0], 2.0 / 4, 1e-6);
}

TEST(EdgeScores, InconsistentBatchesAreRefused) {
  CameraModeld cam;
  cam.width = 4, cam.height = 3, cam.fx = cam.fy = 2, cam.cx = 1.5, cam.cy = 1;
  EdgeScoreBatch batch;
  batch.cameras = {cam.cast<float>()};
  const std::vector<float> map(12, 0.f);
  batch.add_view(0, {{0, 0, 1}}, map.data());
  batch.candidates = {Transform3f{}};
  std::vector<double> scores;
  EdgeScoreBatch bad = batch;
  bad.view_camera[0] = 3;
  EXPECT_THROW(score_edge_candidates(Device::Cpu, bad, scores), std::invalid_argument);
  bad = batch;
  bad.maps.pop_back();
  EXPECT_THROW(score_edge_candidates(Device::Cpu, bad, scores), std::invalid_argument);
  bad = batch;
  bad.edges.push_back(1);
  EXPECT_THROW(score_edge_candidates(Device::Cpu, bad, scores), std::invalid_argument);
  EdgeScoreBatch empty;
  score_edge_candidates(Device::Cpu, empty, scores);
  EXPECT_TRUE(scores.empty());
}

FL_INSTANTIATE_DEVICE_TEST(EdgeScoresTest);

}  // namespace
}  // namespace fuselabel
