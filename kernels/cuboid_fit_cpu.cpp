// CPU backend of cuboid_fit: the shared body in one parallel loop over (job, candidate) pairs,
// job-major, so a chunk compensates each job's points once and scores many candidates on them;
// jobs with few candidates or many with few points both spread over all cores. The points are
// staged as x, y, z arrays for score_cuboid_candidate (SIMD, kernels/cuboid_fit_scores.h).
#include <algorithm>
#include <mutex>
#include <vector>

#include "kernels/cpu_parallel.h"
#include "kernels/cuboid_fit_backends.h"
#include "kernels/cuboid_fit_impl.h"
#include "kernels/cuboid_fit_scores.h"

namespace fuselabel::cpu {
namespace {

// Point evaluations worth handing to a thread (a few hundred microseconds of work).
constexpr int64_t kMinEvaluationsPerChunk = 1 << 18;

// One job's candidates as far as one chunk has scored them.
struct Partial {
  int64_t best_score = 0;
  int32_t best = -1, best_inside = 0;
  bool has_base = false;
  int64_t base_score = 0;
  int32_t base_inside = 0;
};

// Chunks may split a job's candidates; the order of cuboid_fit_better does not depend on the
// order the pieces are merged in.
void merge(const Partial& p, CuboidFitQuanta& q) {
  if (cuboid_fit_better(p.best_score, p.best, q.best_score, q.best))
    q.best_score = p.best_score, q.best = p.best, q.best_inside = p.best_inside;
  if (p.has_base) q.base_score = p.base_score, q.base_inside = p.base_inside;
}

}  // namespace

void cuboid_fit(Workspace&, const CuboidFitBatch& batch, const CuboidFitPlan& plan, CuboidFitQuanta* out,
                int64_t* scores) {
  const int64_t jobs = static_cast<int64_t>(plan.jobs.size());
  const int64_t per_job = static_cast<int64_t>(plan.offsets.size());  // candidates + the base
  int64_t points = 0;
  for (int64_t j = 0; j < jobs; ++j) {
    out[j] = CuboidFitQuanta{0, 0, -1, 0, 0};
    points += plan.jobs[j].point_end - plan.jobs[j].point_begin;
  }
  const int64_t min_chunk = std::max<int64_t>(1, kMinEvaluationsPerChunk / std::max<int64_t>(1, points / jobs));
  std::mutex merge_mutex;
  parallel_for(
      jobs * per_job,
      [&](int64_t begin, int64_t end) {
        // The current job's points, relative and compensated, as separate x, y, z arrays: the
        // layout the compiler vectorises the scoring loop over.
        std::vector<float> xs, ys, zs;
        int64_t j = -1;
        Partial partial;
        auto flush = [&] {
          std::lock_guard<std::mutex> lock(merge_mutex);
          merge(partial, out[j]);
        };
        for (int64_t k = begin; k < end; ++k) {
          if (k / per_job != j) {
            if (j >= 0) flush();
            j = k / per_job;
            partial = Partial{};
            const CuboidFitJobFrame& job = plan.jobs[j];
            xs.clear(), ys.clear(), zs.clear();
            for (int64_t i = job.point_begin; i < job.point_end; ++i) {
              const Vec3<float> r = cuboid_fit_offset(job, batch.points + i * batch.point_stride, batch.time_field);
              xs.push_back(r.x), ys.push_back(r.y), zs.push_back(r.z);
            }
          }
          const CuboidFitJobFrame& job = plan.jobs[j];
          const int32_t c = static_cast<int32_t>(k % per_job);
          const CuboidFitPose pose = cuboid_fit_pose(job, plan.offsets[c]);
          int32_t inside = 0;
          const int64_t score = score_cuboid_candidate(job, pose, plan.weights, xs.data(), ys.data(), zs.data(),
                                                       static_cast<int64_t>(xs.size()), inside);
          if (scores && c < plan.candidates) scores[j * plan.candidates + c] = score;
          if (c == plan.candidates) {
            partial.has_base = true, partial.base_score = score, partial.base_inside = inside;
          } else if (cuboid_fit_better(score, c, partial.best_score, partial.best)) {
            partial.best_score = score, partial.best = c, partial.best_inside = inside;
          }
        }
        if (j >= 0) flush();
      },
      min_chunk);
}

}  // namespace fuselabel::cpu
