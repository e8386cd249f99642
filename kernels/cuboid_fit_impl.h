#pragma once
// The one body of cuboid_fit, shared by both backends: a job's float frame, a candidate's
// pose in it, a point's quantised contribution, and the order that picks the best candidate.
#include <cmath>
#include <cstdint>

#include "projection/linalg.h"

namespace fuselabel {

// A job narrowed to float on the host (from double), so both devices start from the same bits.
struct CuboidFitJobFrame {
  Mat3<float> R_box_frame;  // frame -> base box axes
  Vec3<float> center, velocity;
  float half_length, half_width;
  float z_low, z_high;  // the counted height band in box z: [-h/2 + ground_clearance, h/2]
  int64_t point_begin, point_end;
};

// A candidate narrowed on the host; its cosine and sine come from double there, so no device
// math library decides them.
struct CuboidFitOffset {
  float dx, dy, cos_yaw, sin_yaw;
};

// Scoring in quanta (weight / kCuboidFitQuantum) with the band and shell ready for the body;
// the penalty is a constant, rounded once on the host.
struct CuboidFitWeights {
  float inside, surface;
  int32_t outside_quanta;  // -outside_weight in quanta, rounded half up
  float inv_band_squared, band_squared, shell_squared;
};

// A job's candidate pose: q = R_box_candidate * (r - d) for r = point - job centre; and, per side
// face (+x, -x, +y, -y in box axes), 0 when the sensor at the frame's origin sees it, else a
// distance beyond any box (added to the distance to that face, so it never is the nearest).
constexpr float kCuboidFitUnseenFace = 1e30f;
struct CuboidFitPose {
  Mat3<float> R_box_frame;
  float dx, dy;
  float unseen[4];
};

// Per job in quanta, the backends' output; the public op converts it to CuboidFitResult.
struct CuboidFitQuanta {
  int64_t best_score, base_score;
  int32_t best, best_inside, base_inside;
};

// The point relative to the job's centre, with the object's motion over its time offset undone.
// The centre goes first: differences of nearby coordinates are exact in float, large ones not.
FL_HOST_DEVICE Vec3<float> cuboid_fit_offset(const CuboidFitJobFrame& job, const float* record, int32_t time_field) {
  const float t = time_field >= 0 ? record[time_field] : 0.f;
  return {(record[0] - job.center.x) - job.velocity.x * t, (record[1] - job.center.y) - job.velocity.y * t,
          (record[2] - job.center.z) - job.velocity.z * t};
}

// R' = Rz(dyaw) * R, so R'^T = R^T * Rz(-dyaw): a point is turned back by the candidate's yaw
// about the frame's z, then into the base box's axes.
// A face is seen when the sensor lies beyond its plane; when it sees none (it stands inside the
// footprint), every face counts.
FL_HOST_DEVICE CuboidFitPose cuboid_fit_pose(const CuboidFitJobFrame& job, const CuboidFitOffset& c) {
  const Mat3<float> Rz_inverse = {{c.cos_yaw, c.sin_yaw, 0.f, -c.sin_yaw, c.cos_yaw, 0.f, 0.f, 0.f, 1.f}};
  CuboidFitPose pose{job.R_box_frame * Rz_inverse, c.dx, c.dy, {}};
  const Vec3<float> s = pose.R_box_frame * Vec3<float>{-job.center.x - c.dx, -job.center.y - c.dy, -job.center.z};
  const bool sees[4] = {s.x > job.half_length, s.x < -job.half_length, s.y > job.half_width, s.y < -job.half_width};
  const bool any = sees[0] || sees[1] || sees[2] || sees[3];
  for (int k = 0; k < 4; ++k) pose.unseen[k] = sees[k] || !any ? 0.f : kCuboidFitUnseenFace;
  return pose;
}

// One point's contribution in quanta; `inside` counts it when it is inside. Branch-free; the CPU
// backend runs a lane-for-lane SIMD copy of it (kernels/cuboid_fit_scores.cpp: change both). A NaN coordinate
// fails every test and adds 0. The rewarded contribution is >= 0, so truncation rounds it half
// up; the closeness is clamped to [0, 1], so the conversion stays in range for every point.
FL_HOST_DEVICE int32_t cuboid_fit_point(const CuboidFitJobFrame& job, const CuboidFitPose& pose,
                                        const CuboidFitWeights& w, Vec3<float> r, int32_t& inside) {
  const Vec3<float> q = pose.R_box_frame * Vec3<float>{r.x - pose.dx, r.y - pose.dy, r.z};
  const int32_t in_band = int32_t{q.z >= job.z_low} & int32_t{q.z <= job.z_high};
  const float ax = std::fabs(q.x) - job.half_length, ay = std::fabs(q.y) - job.half_width;
  const int32_t in_box = in_band & int32_t{ax <= 0.f} & int32_t{ay <= 0.f};
  // Inside: the distance to the nearest face the sensor sees. A solid object's returns lie on
  // those; a box whose points sit at its hidden faces lies between the sensor and them.
  const float to_px = job.half_length - q.x + pose.unseen[0], to_nx = job.half_length + q.x + pose.unseen[1];
  const float to_py = job.half_width - q.y + pose.unseen[2], to_ny = job.half_width + q.y + pose.unseen[3];
  const float to_x = to_px < to_nx ? to_px : to_nx, to_y = to_py < to_ny ? to_py : to_ny;
  const float side = to_x < to_y ? to_x : to_y;
  const float ox = ax <= 0.f ? 0.f : ax, oy = ay <= 0.f ? 0.f : ay;  // a NaN stays NaN
  const float outside_squared = ox * ox + oy * oy;
  const float d_squared = in_box ? side * side : outside_squared;
  const float closeness = 1.f - d_squared * w.inv_band_squared;
  const float clamped = closeness > 0.f ? closeness : 0.f;  // NaN -> 0; at most 1 as d_squared >= 0
  const int32_t near_outside = in_band & (in_box ^ 1) & int32_t{outside_squared <= w.band_squared};
  const int32_t in_shell = in_band & (in_box ^ 1) & (near_outside ^ 1) & int32_t{outside_squared <= w.shell_squared};
  const int32_t rewarded = static_cast<int32_t>(w.inside * static_cast<float>(in_box) + w.surface * clamped + 0.5f);
  inside += in_box;
  return (in_box | near_outside) * rewarded + in_shell * w.outside_quanta;
}

// Whether candidate a (score, index) beats b: the higher score, ties to the lower index; an
// index < 0 is no candidate and loses to any.
FL_HOST_DEVICE bool cuboid_fit_better(int64_t score_a, int32_t a, int64_t score_b, int32_t b) {
  if (a < 0) return false;
  if (b < 0) return true;
  return score_a > score_b || (score_a == score_b && a < b);
}

}  // namespace fuselabel
