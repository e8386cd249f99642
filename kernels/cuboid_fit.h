#pragma once
// cuboid_fit: LiDAR refinement of propagated cuboid poses. For many jobs (one cuboid in one
// frame with the points near it) and one shared list of candidate pose offsets, scores every
// candidate against the job's points and returns the best, in one call.
//
// Points are in the frame the cuboid is in (a LiDAR frame, z up). A candidate moves the cuboid
// by (dx, dy) in that frame's x/y and turns it by dyaw about the frame's z axis through the
// cuboid centre: centre' = centre + (dx, dy, 0), R' = Rz(dyaw) * R (apply_candidate).
//
// Per point, compensated for in-sweep motion p' = p - velocity * t and expressed in the
// candidate box's axes as q (l, w, h its size):
//   q.z < -h/2 + ground_clearance or q.z > h/2: 0, not counted (ground, overhang);
//   ax = |q.x| - l/2, ay = |q.y| - w/2;
//   d = the BEV distance to the box outline: inside, to the nearest side face the sensor (the
//       frame's origin) sees, that is whose plane it lies beyond (every face when it sees none):
//       a solid object's returns lie on those, and a box placed between the sensor and its
//       points (them at its hidden faces) earns nothing for them; outside,
//       sqrt(max(ax, 0)^2 + max(ay, 0)^2);
//   closeness = max(0, 1 - (d / surface_band)^2), a quadratic kernel: the best pose is a
//       least-squares fit of the faces to the points near them (a linear one lets a box tilt
//       for free when every point lies on one side of its face), and a direction the points
//       leave unobserved stays a flat plateau instead of pulling the box onto its points' edge;
//   inside (ax <= 0 and ay <= 0): counted; inside_weight + surface_weight * closeness;
//   outside, d <= surface_band: surface_weight * closeness (noise puts face points either side);
//   outside, surface_band < d <= shell: -outside_weight; beyond the shell: 0.
// Points with a NaN coordinate or time contribute 0 and are not counted.
//
// Each point's contribution is rounded to an integer number of kCuboidFitQuantum and summed in
// int64, so the score does not depend on summation order and both devices agree exactly. The
// body runs in float on a per-job float frame computed in double on the host.
#include <cstdint>
#include <vector>

#include "kernels/workspace.h"
#include "projection/cuboid.h"

namespace fuselabel {

// Scores are integer multiples of this (a point's contribution is rounded to it).
constexpr double kCuboidFitQuantum = 1.0 / 1024;

struct CuboidFitCandidate {
  float dx = 0, dy = 0, dyaw = 0;  // metres, metres, radians
};

struct CuboidFitJob {
  Cuboidd box;                     // base pose; any unit quaternion (the yaw is applied on top)
  Vec3<double> velocity{0, 0, 0};  // m/s of the object in the points' frame
  int64_t point_begin = 0, point_end = 0;  // records [begin, end) of the batch's points
};

struct CuboidFitScoring {
  float ground_clearance = 0.2f;  // metres above the box bottom below which points are ground
  float shell = 0.4f;             // BEV band outside the box whose points are penalised
  float surface_band = 0.25f;     // points this close to the outline, inside or out, earn the surface bonus
  float inside_weight = 1.f, surface_weight = 1.f, outside_weight = 2.f;  // each in [0, 1e5]
};

// The weights' bound: it keeps one point's contribution, in quanta, within int32.
constexpr float kCuboidFitMaxWeight = 1e5f;

struct CuboidFitBatch {
  const float* points = nullptr;  // host or device memory (points_memory), see Workspace::upload
  Memory points_memory = Memory::Host;
  int32_t point_stride = 3;  // floats per record, x y z first
  int32_t time_field = -1;   // column of the point's time offset in seconds (-1: none, t = 0)
  std::vector<CuboidFitJob> jobs;
  std::vector<CuboidFitCandidate> candidates;  // the same for every job; need not include zero
  CuboidFitScoring scoring;
};

struct CuboidFitResult {
  // The candidate with the highest score, ties to the lowest index: so a job without points
  // (every score 0) gets 0. -1 only when there are no candidates.
  int32_t best = -1;
  double best_score = 0;
  double base_score = 0;  // the unmoved box (dx = dy = dyaw = 0), always evaluated
  int32_t best_inside = 0, base_inside = 0;  // points counted inside for best and base
};

// The cuboid a candidate makes of `box` (in double; the kernel scores the same pose in float).
Cuboidd apply_candidate(const Cuboidd& box, const CuboidFitCandidate& candidate);

// Throws std::invalid_argument on an inconsistent batch: stride < 3, a time field that is not
// -1 or a column after x y z, a job with begin < 0, end < begin, more than 2^31 - 1 points or
// an invalid cuboid or velocity, null points with jobs that have points, a non-finite
// candidate, scoring parameters out of range (surface_band must be > 0), 2^31 - 1 candidates.
void validate(const CuboidFitBatch& batch);

// out[j] is job j's result. With `candidate_scores`, also every candidate's score:
// (*candidate_scores)[j * candidates + c] (the base is not among them).
void cuboid_fit(Workspace& ws, const CuboidFitBatch& batch, std::vector<CuboidFitResult>& out,
                std::vector<double>* candidate_scores = nullptr);
void cuboid_fit(Device device, const CuboidFitBatch& batch, std::vector<CuboidFitResult>& out,
                std::vector<double>* candidate_scores = nullptr);

}  // namespace fuselabel
