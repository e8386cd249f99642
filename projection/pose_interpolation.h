#pragma once
// Ego poses over time (host only): SLERP + linear interpolation between the two poses around a
// timestamp, bounded extrapolation past the ends, nearest-sample association of sensors.
// Global coordinates are large (UTM), so everything here is double.
#include <algorithm>
#include <cstdint>
#include <stdexcept>
#include <string>
#include <vector>

#include "projection/transform.h"

namespace fuselabel {

struct StampedPose {
  int64_t timestamp_us = 0;
  Transform3d T_world_ego;  // rigid
};

struct PoseInterpolationLimits {
  int64_t max_extrapolation_us = 50'000;  // past the first or last pose
  int64_t max_gap_us = 1'000'000;         // between the two poses interpolated
};

// Pose at fraction s of the way from a to b (s outside [0, 1] extrapolates).
inline Transform3d blend_poses(const Transform3d& a, const Transform3d& b, double s) {
  const Quat<double> qa = Quat<double>::from_matrix(a.R), qb = Quat<double>::from_matrix(b.R);
  return {slerp(qa, qb, s).to_matrix(), lerp(a.t, b.t, s)};
}

// T_world_ego at t_us from poses sorted by strictly increasing time. Throws std::out_of_range
// (naming the timestamp) beyond the extrapolation limit or across a gap wider than allowed.
inline Transform3d interpolate_pose(const std::vector<StampedPose>& poses, int64_t t_us,
                                    const PoseInterpolationLimits& limits = {}) {
  auto fail = [&](const std::string& why) {
    throw std::out_of_range("no ego pose at t = " + std::to_string(t_us) + " us: " + why);
  };
  if (poses.empty()) fail("the drive has no ego poses");
  if (poses.size() == 1) {
    if (std::llabs(t_us - poses[0].timestamp_us) > limits.max_extrapolation_us) fail("only one pose, too far away");
    return poses[0].T_world_ego;
  }
  const auto after = std::lower_bound(poses.begin(), poses.end(), t_us,
                                      [](const StampedPose& p, int64_t t) { return p.timestamp_us < t; });
  if (after != poses.end() && after->timestamp_us == t_us) return after->T_world_ego;
  size_t i1;  // the later of the two poses used
  if (after == poses.begin()) {
    if (poses.front().timestamp_us - t_us > limits.max_extrapolation_us) fail("before the first pose");
    i1 = 1;
  } else if (after == poses.end()) {
    if (t_us - poses.back().timestamp_us > limits.max_extrapolation_us) fail("after the last pose");
    i1 = poses.size() - 1;
  } else {
    i1 = static_cast<size_t>(after - poses.begin());
  }
  const StampedPose& a = poses[i1 - 1];
  const StampedPose& b = poses[i1];
  if (b.timestamp_us - a.timestamp_us > limits.max_gap_us) fail("the poses around it are too far apart");
  const double s = double(t_us - a.timestamp_us) / double(b.timestamp_us - a.timestamp_us);
  return blend_poses(a.T_world_ego, b.T_world_ego, s);
}

// Index of the timestamp nearest to t_us in a sorted list (ties to the earlier); -1 when empty
// or when the nearest is farther than max_distance_us.
inline int64_t nearest_timestamp(const std::vector<int64_t>& sorted, int64_t t_us, int64_t max_distance_us) {
  if (sorted.empty()) return -1;
  const auto after = std::lower_bound(sorted.begin(), sorted.end(), t_us);
  int64_t best = -1, best_distance = max_distance_us;
  auto consider = [&](std::vector<int64_t>::const_iterator it) {
    const int64_t d = std::llabs(*it - t_us);
    if (d < best_distance || (d == best_distance && best < 0)) best = it - sorted.begin(), best_distance = d;
  };
  if (after != sorted.begin()) consider(after - 1);
  if (after != sorted.end()) consider(after);
  return best;
}

// The time-aligned chain sensor(t_src) -> ego(t_src) -> world -> ego(t_dst) -> sensor(dst),
// composed in double: T_dst_src = T_dst_ego^-1 * T_world_ego(t_dst)^-1 * T_world_ego(t_src) * T_ego_src.
inline Transform3d time_aligned_transform(const Transform3d& T_ego_dst, const Transform3d& T_world_ego_at_dst,
                                          const Transform3d& T_world_ego_at_src, const Transform3d& T_ego_src) {
  return T_ego_dst.inverse() * T_world_ego_at_dst.inverse() * T_world_ego_at_src * T_ego_src;
}

}  // namespace fuselabel
