// score_cuboid_candidate with Google Highway (foreach_target.h compiles this file once per x86
// target; HWY_DYNAMIC_DISPATCH runs the best one this CPU has). cuboid_fit_point's branches are
// lane selects and its bool arithmetic masks; the last n % lanes points take cuboid_fit_point.
#undef HWY_TARGET_INCLUDE
#define HWY_TARGET_INCLUDE "kernels/cuboid_fit_scores.cpp"
#include <hwy/foreach_target.h>  // IWYU pragma: keep
#include <hwy/highway.h>

#include <algorithm>
#include <climits>
#include <cmath>

#include "kernels/cuboid_fit_scores.h"
#include "kernels/simd_records-inl.h"

HWY_BEFORE_NAMESPACE();
namespace fuselabel {
namespace HWY_NAMESPACE {

// Lanes' int32 partial sums into one int64.
HWY_INLINE int64_t sum_lanes(Di di, Vi v) {
  int32_t lanes[HWY_MAX_BYTES / sizeof(int32_t)];
  hn::StoreU(v, di, lanes);
  int64_t sum = 0;
  for (size_t k = 0; k < hn::Lanes(di); ++k) sum += lanes[k];
  return sum;
}

int64_t ScoreCuboidCandidate(const CuboidFitJobFrame& job, const CuboidFitPose& pose, const CuboidFitWeights& w,
                             const float* xs, const float* ys, const float* zs, int64_t n, int32_t& inside) {
  const Df d;
  const Di di;
  const int64_t lanes = static_cast<int64_t>(hn::Lanes(d));
  const float* R = pose.R_box_frame.m;
  const Vf zero = hn::Zero(d), one = hn::Set(d, 1.f);
  const Vf half_length = hn::Set(d, job.half_length), half_width = hn::Set(d, job.half_width);
  const Vf dx = hn::Set(d, pose.dx), dy = hn::Set(d, pose.dy);
  // A point adds at most `bound` in magnitude: a lane's int32 sum stays exact for this many vectors.
  const int64_t bound = std::max<int64_t>(
      {1, static_cast<int64_t>(w.inside + w.surface + 0.5f) + 1, std::abs(static_cast<int64_t>(w.outside_quanta))});
  const int64_t vectors_per_sum = std::max<int64_t>(1, INT32_MAX / bound);
  int64_t score = 0, vectors = 0;
  Vi sum = hn::Zero(di), inside_lanes = hn::Zero(di);
  int64_t i = 0;
  for (; i + lanes <= n; i += lanes) {
    const Vf x = hn::Sub(hn::LoadU(d, xs + i), dx), y = hn::Sub(hn::LoadU(d, ys + i), dy), z = hn::LoadU(d, zs + i);
    auto row = [&](int k) {
      return hn::Add(hn::Add(hn::Mul(hn::Set(d, R[k]), x), hn::Mul(hn::Set(d, R[k + 1]), y)),
                     hn::Mul(hn::Set(d, R[k + 2]), z));
    };
    const Vf qx = row(0), qy = row(3), qz = row(6);
    const auto in_band = hn::And(hn::Ge(qz, hn::Set(d, job.z_low)), hn::Le(qz, hn::Set(d, job.z_high)));
    const Vf ax = hn::Sub(hn::Abs(qx), half_length), ay = hn::Sub(hn::Abs(qy), half_width);
    const auto in_box = hn::And(in_band, hn::And(hn::Le(ax, zero), hn::Le(ay, zero)));
    const Vf to_px = hn::Add(hn::Sub(half_length, qx), hn::Set(d, pose.unseen[0]));
    const Vf to_nx = hn::Add(hn::Add(half_length, qx), hn::Set(d, pose.unseen[1]));
    const Vf to_py = hn::Add(hn::Sub(half_width, qy), hn::Set(d, pose.unseen[2]));
    const Vf to_ny = hn::Add(hn::Add(half_width, qy), hn::Set(d, pose.unseen[3]));
    const Vf to_x = hn::IfThenElse(hn::Lt(to_px, to_nx), to_px, to_nx);
    const Vf to_y = hn::IfThenElse(hn::Lt(to_py, to_ny), to_py, to_ny);
    const Vf side = hn::IfThenElse(hn::Lt(to_x, to_y), to_x, to_y);
    const Vf ox = hn::IfThenElse(hn::Le(ax, zero), zero, ax), oy = hn::IfThenElse(hn::Le(ay, zero), zero, ay);
    const Vf outside_squared = hn::Add(hn::Mul(ox, ox), hn::Mul(oy, oy));
    const Vf d_squared = hn::IfThenElse(in_box, hn::Mul(side, side), outside_squared);
    const Vf closeness = hn::Sub(one, hn::Mul(d_squared, hn::Set(d, w.inv_band_squared)));
    const Vf clamped = hn::IfThenElse(hn::Gt(closeness, zero), closeness, zero);
    const auto out_of_box = hn::AndNot(in_box, in_band);
    const auto near_outside = hn::And(out_of_box, hn::Le(outside_squared, hn::Set(d, w.band_squared)));
    const auto in_shell =
        hn::AndNot(near_outside, hn::And(out_of_box, hn::Le(outside_squared, hn::Set(d, w.shell_squared))));
    const Vf reward = hn::Add(hn::Add(hn::Mul(hn::Set(d, w.inside), hn::IfThenElseZero(in_box, one)),
                                      hn::Mul(hn::Set(d, w.surface), clamped)),
                              hn::Set(d, 0.5f));
    const Vi rewarded = hn::ConvertTo(di, reward);
    const Vi contribution = hn::Add(hn::IfThenElseZero(hn::RebindMask(di, hn::Or(in_box, near_outside)), rewarded),
                                    hn::IfThenElseZero(hn::RebindMask(di, in_shell), hn::Set(di, w.outside_quanta)));
    sum = hn::Add(sum, contribution);
    inside_lanes = hn::Sub(inside_lanes, hn::VecFromMask(di, hn::RebindMask(di, in_box)));  // true lanes are -1
    if (++vectors == vectors_per_sum) score += sum_lanes(di, sum), sum = hn::Zero(di), vectors = 0;
  }
  score += sum_lanes(di, sum);
  int32_t counted = static_cast<int32_t>(sum_lanes(di, inside_lanes));
  for (; i < n; ++i) score += cuboid_fit_point(job, pose, w, {xs[i], ys[i], zs[i]}, counted);
  inside += counted;
  return score;
}

}  // namespace HWY_NAMESPACE
}  // namespace fuselabel
HWY_AFTER_NAMESPACE();

#if HWY_ONCE
namespace fuselabel {

HWY_EXPORT(ScoreCuboidCandidate);

int64_t score_cuboid_candidate(const CuboidFitJobFrame& job, const CuboidFitPose& pose, const CuboidFitWeights& weights,
                               const float* xs, const float* ys, const float* zs, int64_t n, int32_t& inside) {
  return HWY_DYNAMIC_DISPATCH(ScoreCuboidCandidate)(job, pose, weights, xs, ys, zs, n, inside);
}

}  // namespace fuselabel
#endif
