// cuboid_fit on every device against a float64 reference on random jobs, hand-computed scores,
// empty jobs, ties and validation (the synthetic car: cuboid_fit_car_test.cpp).
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <limits>
#include <tuple>

#include "kernels/cpu_parallel.h"
#include "kernels/cuboid_fit.h"
#include "random_boxes.h"
#include "test_support.h"

namespace fuselabel {
namespace {

using testing::DeviceTest;
// Points this close (metres) to a discontinuity of the score may fall either way in float.
constexpr double kEdgeTolerance = 1e-4;

struct Scene {
  std::vector<float> records;
  CuboidFitBatch batch;
};

// Job j's points lie around its box (grown by 40% in x/y, 20% in z), carried by the object's
// motion to their time offset. Job 3 is empty, job 5 repeats job 4, job 7 has 1500 points.
Scene random_scene(uint64_t seed, int stride, int time_field) {
  testing::RandomScene rng(seed);
  Scene s;
  CuboidFitBatch& b = s.batch;
  b.point_stride = stride, b.time_field = time_field;
  const std::vector<Cuboidd> boxes = testing::random_overlapping_cuboids(rng, 40, true);
  for (size_t j = 0; j < boxes.size(); ++j) {
    CuboidFitJob job{boxes[j], {rng.uniform(-15, 15), rng.uniform(-15, 15), rng.uniform(-1, 1)}, 0, 0};
    job.point_begin = static_cast<int64_t>(s.records.size()) / stride;
    const int n = j == 3 || j == 5 ? 0 : j == 7 ? 1500 : static_cast<int>(rng.uniform(50, 400));
    const Mat3<double> R = job.box.rotation.to_matrix();
    for (int i = 0; i < n; ++i) {
      const Vec3<double> local = {rng.uniform(-0.7, 0.7) * job.box.size.x, rng.uniform(-0.7, 0.7) * job.box.size.y,
                                  rng.uniform(-0.6, 0.6) * job.box.size.z};
      const double t = time_field >= 0 ? rng.uniform(0, 0.1) : 0;
      const Vec3<double> p = R * local + job.box.center + t * job.velocity;
      s.records.insert(s.records.end(), {float(p.x), float(p.y), float(p.z)});
      for (int f = 3; f < stride; ++f) s.records.push_back(f == time_field ? float(t) : 0.25f);
    }
    job.point_end = static_cast<int64_t>(s.records.size()) / stride;
    if (j == 5) job = b.jobs[4];  // the same job again, on the same records
    b.jobs.push_back(job);
  }
  for (int c = 0; c < 300; ++c)  // more than one pass of CUDA threads
    b.candidates.push_back({float(rng.uniform(-0.6, 0.6)), float(rng.uniform(-0.6, 0.6)), float(rng.uniform(-0.2, 0.2))});
  b.candidates[17] = {};
  b.candidates[40] = b.candidates[39];  // equal scores: the lower index wins
  b.scoring = {float(rng.uniform(0, 0.4)), float(rng.uniform(0.1, 0.6)), float(rng.uniform(0.1, 0.5)),
               float(rng.uniform(0.5, 3)), float(rng.uniform(0.5, 3)), float(rng.uniform(0.5, 3))};
  b.points = s.records.data();
  return s;
}

// A candidate's score in float64, in quanta, with how far float rounding may move it.
struct RefScore {
  int64_t quanta = 0, slack = 0;
  int32_t inside = 0, inside_slack = 0;
};

RefScore reference_score(const CuboidFitBatch& b, const CuboidFitJob& job, const Cuboidd& box) {
  const CuboidFrame<double> f = make_cuboid_frame(box);
  const CuboidFitScoring& sc = b.scoring;
  // The side faces the sensor (the frame's origin) sees: +x, -x, +y, -y; all when it sees none.
  const Vec3<double> sensor = f.R_box_frame * (Vec3<double>{0, 0, 0} - f.center);
  bool sees[4] = {sensor.x > f.half_size.x, sensor.x < -f.half_size.x, sensor.y > f.half_size.y, sensor.y < -f.half_size.y};
  if (!(sees[0] || sees[1] || sees[2] || sees[3])) sees[0] = sees[1] = sees[2] = sees[3] = true;
  const double q_per_unit = 1 / kCuboidFitQuantum;
  // A point near a discontinuity may land on its other side: at most every weight's worth.
  const int64_t jump = static_cast<int64_t>(std::ceil(q_per_unit * (sc.inside_weight + sc.surface_weight + sc.outside_weight))) + 1;
  RefScore ref;
  for (int64_t i = job.point_begin; i < job.point_end; ++i) {
    const float* r = b.points + i * b.point_stride;
    const double t = b.time_field >= 0 ? r[b.time_field] : 0.0;
    const Vec3<double> q = f.R_box_frame * (Vec3<double>{r[0], r[1], r[2]} - t * job.velocity - f.center);
    const double lo = -f.half_size.z + sc.ground_clearance, hi = f.half_size.z;
    bool near = std::abs(q.z - lo) < kEdgeTolerance || std::abs(q.z - hi) < kEdgeTolerance;
    double value = 0;
    if (q.z >= lo && q.z <= hi) {
      const double ax = std::abs(q.x) - f.half_size.x, ay = std::abs(q.y) - f.half_size.y;
      near = near || std::abs(std::max(ax, ay)) < kEdgeTolerance;
      const bool in_box = ax <= 0 && ay <= 0;
      const double band = sc.surface_band;
      double d = std::hypot(std::max(ax, 0.0), std::max(ay, 0.0));
      if (in_box) {
        d = INFINITY;
        const double to_face[4] = {f.half_size.x - q.x, f.half_size.x + q.x, f.half_size.y - q.y, f.half_size.y + q.y};
        for (int k = 0; k < 4; ++k)
          if (sees[k]) d = std::min(d, to_face[k]);
      }
      const double closeness = std::max(0.0, 1 - (d / band) * (d / band));
      if (in_box) {
        ++ref.inside;
        value = sc.inside_weight + sc.surface_weight * closeness;
      } else {
        near = near || std::abs(d - sc.shell) < kEdgeTolerance || std::abs(d - band) < kEdgeTolerance;
        value = d <= band ? sc.surface_weight * closeness : d <= sc.shell ? -double{sc.outside_weight} : 0;
      }
    }
    const double x = value * q_per_unit;
    ref.quanta += static_cast<int64_t>(std::floor(x + 0.5));
    ref.slack += std::abs(x - std::floor(x) - 0.5) < 0.2;  // float may round the other way
    if (near) ref.slack += jump, ++ref.inside_slack;
  }
  return ref;
}

// Returns how many jobs had a best candidate clear of every other by more than the slacks.
int expect_matches_reference(const CuboidFitBatch& b, const std::vector<CuboidFitResult>& got) {
  EXPECT_EQ(got.size(), b.jobs.size());
  int clear = 0;
  for (size_t j = 0; j < b.jobs.size(); ++j) {
    const CuboidFitJob& job = b.jobs[j];
    std::vector<RefScore> ref;
    int32_t rb = 0;
    for (size_t c = 0; c < b.candidates.size(); ++c) {
      ref.push_back(reference_score(b, job, apply_candidate(job.box, b.candidates[c])));
      if (ref[c].quanta > ref[rb].quanta) rb = static_cast<int32_t>(c);
    }
    const RefScore base = reference_score(b, job, job.box);
    EXPECT_LE(std::abs(std::llround(got[j].base_score / kCuboidFitQuantum) - base.quanta), base.slack) << "job " << j;
    EXPECT_LE(std::abs(got[j].base_inside - base.inside), base.inside_slack) << "job " << j;
    const int32_t g = got[j].best;
    if (g < 0 || g >= static_cast<int32_t>(ref.size())) {
      ADD_FAILURE() << "job " << j << ": best " << g;
      continue;
    }
    EXPECT_LE(std::abs(std::llround(got[j].best_score / kCuboidFitQuantum) - ref[g].quanta), ref[g].slack) << "job " << j;
    EXPECT_LE(std::abs(got[j].best_inside - ref[g].inside), ref[g].inside_slack) << "job " << j;
    bool is_clear = true;
    for (size_t c = 0; c < ref.size(); ++c)
      if (int32_t(c) != rb && ref[rb].quanta - ref[rb].slack <= ref[c].quanta + ref[c].slack) is_clear = false;
    if (is_clear) {
      EXPECT_EQ(g, rb) << "job " << j;
    }
    EXPECT_GE(ref[g].quanta + ref[g].slack, ref[rb].quanta - ref[rb].slack) << "job " << j;
    clear += is_clear;
  }
  return clear;
}

class CuboidFit : public DeviceTest {};

TEST_P(CuboidFit, MatchesFloat64ReferenceOnRandomJobs) {
  for (const auto& [seed, stride, time_field] : {std::tuple{700, 5, 3}, std::tuple{701, 3, -1}, std::tuple{702, 6, 5}}) {
    const Scene s = random_scene(seed, stride, time_field);
    std::vector<CuboidFitResult> got;
    cuboid_fit(GetParam(), s.batch, got);
    EXPECT_GE(expect_matches_reference(s.batch, got), 15) << "many jobs must have a clear best";
    for (const CuboidFitResult& r : got) EXPECT_NE(r.best, 40) << "candidate 39 scores the same and comes first";
    EXPECT_EQ(got[3].best, 0);  // empty
    EXPECT_EQ(got[3].best_score, 0);
    EXPECT_EQ(got[5].best, got[4].best);  // the same job
    EXPECT_EQ(got[5].best_score, got[4].best_score);
  }
}

TEST_P(CuboidFit, HandComputedScoresAndLowestIndexTies) {
  // Box at the origin, 4 x 2 x 2, default scoring: counted z in [-0.8, 1].
  const float nan = std::numeric_limits<float>::quiet_NaN();
  std::vector<float> records = {0, 0, 0,        // inside, 1 m from the side faces: 1 (1024 quanta)
                                1.9f, 0, 0,     // inside, 0.1 m from the front face: 1 + 1 - 0.4^2 (1884.16)
                                0, 0, 1,        // on the roof, counted: 1
                                2.1f, 0, 0,     // 0.1 m outside, within the band: 1 - 0.4^2 (860.16)
                                2.3f, 0, 0,     // 0.3 m outside, in the shell: -2
                                2.5f, 0, 0,     // beyond the shell: 0
                                2.3f, 1.3f, 0,  // 0.42 m off the corner, beyond the shell: 0
                                0, 0, -0.9f,    // ground: not counted
                                0, 0, 1.01f,    // above the roof
                                nan, 0, 0,     0, 0, nan};
  CuboidFitBatch b;
  b.points = records.data();
  b.jobs = {{Cuboidd{{0, 0, 0}, {4, 2, 2}, {}}, {0, 0, 0}, 0, static_cast<int64_t>(records.size() / 3)}};
  b.candidates = {{5, 0, 0}, {0, 0, 0}, {0, 0, 0}};  // nothing near the first; two equal
  std::vector<CuboidFitResult> got;
  cuboid_fit(GetParam(), b, got);
  EXPECT_EQ(got[0].best, 1);
  EXPECT_EQ(got[0].best_score, 2744 * kCuboidFitQuantum);
  EXPECT_EQ(got[0].base_score, 2744 * kCuboidFitQuantum);
  EXPECT_EQ(got[0].best_inside, 3);
  EXPECT_EQ(got[0].base_inside, 3);
  b.candidates.clear();  // the base alone
  cuboid_fit(GetParam(), b, got);
  EXPECT_EQ(got[0].best, -1);
  EXPECT_EQ(got[0].best_score, 0);
  EXPECT_EQ(got[0].base_score, 2744 * kCuboidFitQuantum);
}

// Seen from the origin, a box 10 m ahead shows its -x face only: a point just inside that face
// earns the surface bonus, one just inside the hidden +x face does not (a box in front of its
// points, them at its back, is no fit).
TEST_P(CuboidFit, OnlyFacesTheSensorSeesEarnTheSurfaceBonus) {
  std::vector<float> near_face = {8.1f, 0, 0}, hidden_face = {11.9f, 0, 0};
  for (const auto& [records, quanta] : {std::pair{near_face, 1884}, std::pair{hidden_face, 1024}}) {
    CuboidFitBatch b;
    b.points = records.data();
    b.jobs = {{Cuboidd{{10, 0, 0}, {4, 2, 2}, {}}, {0, 0, 0}, 0, 1}};
    b.candidates = {{0, 0, 0}};
    std::vector<CuboidFitResult> got;
    cuboid_fit(GetParam(), b, got);
    EXPECT_EQ(got[0].base_score, quanta * kCuboidFitQuantum) << records[0];
    EXPECT_EQ(got[0].base_inside, 1);
  }
}

TEST_P(CuboidFit, EmptyJobsScoreZeroAndPickTheFirstCandidate) {
  std::vector<float> ground = {0, 0, -0.95f, 1, 0, -0.9f};  // below the ground clearance only
  CuboidFitBatch b;
  b.jobs = {{Cuboidd{{0, 0, 0}, {4, 2, 2}, {}}, {0, 0, 0}, 0, 0}, {Cuboidd{{0, 0, 0}, {4, 2, 2}, {}}, {0, 0, 0}, 0, 2}};
  b.points = ground.data();
  b.candidates = {{0.3f, 0, 0}, {0, 0, 0.1f}, {}};
  std::vector<CuboidFitResult> got;
  cuboid_fit(GetParam(), b, got);
  for (const CuboidFitResult& r : got) {
    EXPECT_EQ(r.best, 0);
    EXPECT_EQ(r.best_score, 0);
    EXPECT_EQ(r.base_score, 0);
    EXPECT_EQ(r.best_inside + r.base_inside, 0);
  }
  b.jobs.clear();
  cuboid_fit(GetParam(), b, got);
  EXPECT_TRUE(got.empty());
}

// Every candidate's score, when asked for: each within its float64 reference's slack, the best
// one equal to best_score and none above it; the results the same as without.
TEST_P(CuboidFit, CandidateScoresMatchTheReferenceAndTheBest) {
  const Scene s = random_scene(740, 5, 3);
  const CuboidFitBatch& b = s.batch;
  std::vector<CuboidFitResult> plain, got;
  std::vector<double> scores;
  cuboid_fit(GetParam(), b, plain);
  cuboid_fit(GetParam(), b, got, &scores);
  const size_t n = b.candidates.size();
  ASSERT_EQ(scores.size(), b.jobs.size() * n);
  for (size_t j = 0; j < b.jobs.size(); ++j) {
    EXPECT_EQ(got[j].best, plain[j].best);
    EXPECT_EQ(got[j].best_score, plain[j].best_score);
    EXPECT_EQ(scores[j * n + size_t(got[j].best)], got[j].best_score) << "job " << j;
    for (size_t c = 0; c < n; ++c) {
      EXPECT_LE(scores[j * n + c], got[j].best_score) << "job " << j << " candidate " << c;
      if (c % 37 != 0) continue;  // a sample against the reference keeps the test quick
      const RefScore ref = reference_score(b, b.jobs[j], apply_candidate(b.jobs[j].box, b.candidates[c]));
      EXPECT_LE(std::abs(std::llround(scores[j * n + c] / kCuboidFitQuantum) - ref.quanta), ref.slack)
          << "job " << j << " candidate " << c;
    }
  }
}

TEST_P(CuboidFit, RejectsInconsistentBatches) {
  const Scene s = random_scene(720, 5, 3);
  std::vector<CuboidFitResult> out;
  EXPECT_NO_THROW(validate(s.batch));
  auto rejects = [&](auto&& edit) {
    CuboidFitBatch bad = s.batch;
    edit(bad);
    EXPECT_THROW(cuboid_fit(GetParam(), bad, out), std::invalid_argument);
  };
  rejects([](CuboidFitBatch& b) { b.point_stride = 2, b.time_field = -1; });
  rejects([](CuboidFitBatch& b) { b.time_field = 2; });  // a coordinate
  rejects([](CuboidFitBatch& b) { b.time_field = 5; });  // beyond the record
  rejects([](CuboidFitBatch& b) { b.time_field = -2; });
  rejects([](CuboidFitBatch& b) { b.jobs[2].point_begin = -1; });
  rejects([](CuboidFitBatch& b) { b.jobs[2].point_end = b.jobs[2].point_begin - 1; });
  rejects([](CuboidFitBatch& b) { b.jobs[1].box.rotation = {0.5, 0, 0, 0}; });
  rejects([](CuboidFitBatch& b) { b.jobs[1].box.size.y = -1; });
  rejects([](CuboidFitBatch& b) { b.jobs[1].box.center.x = std::nan(""); });
  rejects([](CuboidFitBatch& b) { b.jobs[1].box.center.x = 1e39; });  // beyond float
  rejects([](CuboidFitBatch& b) { b.jobs[1].velocity.z = INFINITY; });
  rejects([](CuboidFitBatch& b) { b.candidates[9].dx = NAN; });
  rejects([](CuboidFitBatch& b) { b.candidates[9].dyaw = INFINITY; });
  rejects([](CuboidFitBatch& b) { b.points = nullptr; });
  rejects([](CuboidFitBatch& b) { b.scoring.shell = -1; });
  rejects([](CuboidFitBatch& b) { b.scoring.surface_band = 0; });
  rejects([](CuboidFitBatch& b) { b.scoring.ground_clearance = NAN; });
  rejects([](CuboidFitBatch& b) { b.scoring.outside_weight = 2e5f; });
  rejects([](CuboidFitBatch& b) { b.scoring.inside_weight = -1; });
  rejects([](CuboidFitBatch& b) { b.scoring.surface_weight = NAN; });
  if (GetParam() == Device::Cpu) rejects([](CuboidFitBatch& b) { b.points_memory = Memory::Device; });
}

FL_INSTANTIATE_DEVICE_TEST(CuboidFit);

TEST(CuboidFitCpu, ThreadCountDoesNotChangeResults) {
  const Scene s = random_scene(730, 5, 3);
  std::vector<CuboidFitResult> many, one;
  cuboid_fit(Device::Cpu, s.batch, many);
  set_cpu_threads(1);
  cuboid_fit(Device::Cpu, s.batch, one);
  set_cpu_threads(0);
  for (size_t j = 0; j < many.size(); ++j) {
    EXPECT_EQ(many[j].best, one[j].best);
    EXPECT_EQ(many[j].best_score, one[j].best_score);
    EXPECT_EQ(many[j].base_score, one[j].base_score);
  }
}

TEST(CuboidFitParity, CudaEqualsCpu) {
  FL_REQUIRE_CUDA_OR_SKIP();
  for (const auto& [seed, stride, time_field] : {std::tuple{740, 5, 3}, std::tuple{741, 3, -1}}) {
    const Scene s = random_scene(seed, stride, time_field);
    std::vector<CuboidFitResult> cpu, gpu;
    std::vector<double> cpu_scores, gpu_scores;
    cuboid_fit(Device::Cpu, s.batch, cpu, &cpu_scores);
    cuboid_fit(Device::Cuda, s.batch, gpu, &gpu_scores);
    EXPECT_EQ(cpu_scores, gpu_scores);
    ASSERT_EQ(cpu.size(), gpu.size());
    for (size_t j = 0; j < cpu.size(); ++j) {
      EXPECT_EQ(cpu[j].best, gpu[j].best) << "job " << j;
      EXPECT_EQ(cpu[j].best_score, gpu[j].best_score) << "job " << j;
      EXPECT_EQ(cpu[j].base_score, gpu[j].base_score) << "job " << j;
      EXPECT_EQ(cpu[j].best_inside, gpu[j].best_inside) << "job " << j;
      EXPECT_EQ(cpu[j].base_inside, gpu[j].base_inside) << "job " << j;
    }
  }
}

}  // namespace
}  // namespace fuselabel
