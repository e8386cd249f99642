// adjust_ego_poses (ego_adjustment.h): planar bundle adjustment of the estimated ego poses.
//
// Per segment, unknowns are every frame's (x, y, yaw) but the segment's first (which fixes the
// world frame) and each track's world (X, Y, heading). Residuals, each divided by its standard
// deviation:
//   per keyframe of a track: R(yaw_f) c + t_f - X (m; 0.1 m + 1% of the range), and
//     yaw_f + psi - heading (kLabelYawSigma);
//   per four consecutive frames: the ego's jerk, the second difference of its steps in its own
//     axes (kJerkSigma), so steady acceleration and a steadily tightening turn cost nothing.
// Gauss-Newton from the composed increments, each keyframe's residuals Cauchy-weighted, and a
// track whose keyframes stay far from its one world pose (it moves) dropped after the first
// iteration. Normal equations are sparse (Eigen's LDLT).
#include "fusion/propagation/ego_adjustment.h"

#include <Eigen/SparseCholesky>
#include <cmath>
#include <map>

#include "fusion/propagation/track_motion.h"

namespace fuselabel {
namespace {

constexpr double kLabelSigmaMetres = 0.1, kLabelSigmaPerMetre = 0.01;
constexpr double kLabelYawSigma = 0.05;          // rad
// The ego's jerk per frame step, in its own axes (6.3 m/s^3 and 1.6 rad/s^3 at 10 Hz): steady
// acceleration and steady changes of turn rate cost nothing.
constexpr double kJerkSigma[3] = {0.0063, 0.0063, 0.0016};  // m, m, rad per frame^3
constexpr double kCauchyScale = 3.0;                        // in standard deviations
// A track whose keyframes' mean squared normalised residual exceeds this (10 sigma RMS) is no
// static object: it takes no further part.
constexpr double kRejectTrack = 100.0;
constexpr int kIterations = 6;

struct Normal {
  std::vector<Eigen::Triplet<double>> h;
  Eigen::VectorXd g;
  // One residual r with d r / d x_k = a_k at unknowns k (negative k: a fixed quantity).
  void add(const std::vector<std::pair<int, double>>& a, double r, double weight) {
    for (const auto& [i, ai] : a) {
      if (i < 0) continue;
      g[i] += weight * ai * r;
      for (const auto& [j, aj] : a)
        if (j >= 0) h.emplace_back(i, j, weight * ai * aj);
    }
  }
};

struct Pose2 {
  double x = 0, y = 0, yaw = 0, z = 0;
};

// The ego's step from frame k to k + 1 in its own axes, u = R_k^T (t_k+1 - t_k), with its
// partial derivatives: constant while it drives at a constant speed and turn rate.
struct Step {
  double ux, uy, yaw;
  // d(ux, uy, yaw) / d(x_k, y_k, yaw_k, x_k+1, y_k+1, yaw_k+1)
  double d[3][6];
};

Step step_between(const Pose2& p, const Pose2& q) {
  const double c = std::cos(p.yaw), s = std::sin(p.yaw), dx = q.x - p.x, dy = q.y - p.y;
  Step st{c * dx + s * dy, -s * dx + c * dy, q.yaw - p.yaw, {}};
  const double dux[6] = {-c, -s, st.uy, c, s, 0}, duy[6] = {s, -c, -st.ux, -s, c, 0}, dyaw[6] = {0, 0, -1, 0, 0, 1};
  for (int j = 0; j < 6; ++j) st.d[0][j] = dux[j], st.d[1][j] = duy[j], st.d[2][j] = dyaw[j];
  return st;
}

// The jerk prior over four consecutive frames: step(2, 3) - 2 step(1, 2) + step(0, 1) = 0 per
// component (blocks: each frame's unknowns, -1 when fixed).
void add_jerk_prior(const std::vector<Pose2>& poses, const std::vector<int>& blocks, Normal& normal) {
  const double weights[3] = {1, -2, 1};
  std::vector<Step> steps;
  for (size_t i = 0; i + 1 < poses.size(); ++i) steps.push_back(step_between(poses[i], poses[i + 1]));
  for (int comp = 0; comp < 3; ++comp) {
    double r = 0;
    std::map<int, double> a;
    for (size_t i = 0; i < steps.size(); ++i) {
      r += weights[i] * (comp == 0 ? steps[i].ux : comp == 1 ? steps[i].uy : steps[i].yaw);
      for (int j = 0; j < 6; ++j) {
        const int block = blocks[i + size_t(j / 3)];
        if (block >= 0) a[block + j % 3] += weights[i] * steps[i].d[comp][j];
      }
    }
    normal.add(std::vector<std::pair<int, double>>(a.begin(), a.end()), r, 1 / (kJerkSigma[comp] * kJerkSigma[comp]));
  }
}

void adjust_segment(const TrackKeyBoxes& tracks, int segment, LabelFramePoses& poses) {
  std::vector<int64_t> frames;
  for (size_t f = 0; f < poses.segment.size(); ++f)
    if (poses.segment[f] == segment) frames.push_back(int64_t(f));
  if (frames.size() < 3) return;
  std::map<int64_t, int> frame_index;  // unknown block of each frame; the first is fixed (-1)
  std::vector<Pose2> pose(frames.size());
  for (size_t k = 0; k < frames.size(); ++k) {
    frame_index[frames[k]] = int(k) - 1;
    const Transform3d& T = *poses.T_world_label[size_t(frames[k])];
    pose[k] = {T.t.x, T.t.y, yaw_of(Quat<double>::from_matrix(T.R)), T.t.z};
  }
  for (size_t k = 1; k < pose.size(); ++k) pose[k].yaw = pose[k - 1].yaw + angle_difference(pose[k].yaw, pose[k - 1].yaw);
  // Tracks with two keyframes or more in the segment, their world pose from the first.
  struct Seen {
    const std::map<int64_t, const Cuboidd*>* keys;
    Pose2 world;
    bool rejected = false;  // its keyframes disagree too much to be a static object's
  };
  std::vector<Seen> seen;
  for (const auto& [id, keys] : tracks) {
    int inside = 0;
    for (const auto& entry : keys) inside += int(frame_index.count(entry.first));
    if (inside < 2) continue;
    seen.push_back({&keys, {}});
    for (const auto& [f, box] : keys)
      if (frame_index.count(f)) {
        const Pose2& p = pose[size_t(frame_index[f] + 1)];
        const double c = std::cos(p.yaw), s = std::sin(p.yaw);
        seen.back().world = {c * box->center.x - s * box->center.y + p.x, s * box->center.x + c * box->center.y + p.y,
                             p.yaw + yaw_of(box->rotation), 0};
        break;
      }
  }
  const int frame_unknowns = 3 * int(frames.size() - 1), n = frame_unknowns + 3 * int(seen.size());
  auto block = [&](int64_t f) { const int k = frame_index.at(f); return k < 0 ? -1 : 3 * k; };
  for (int iteration = 0; iteration < kIterations; ++iteration) {
    Normal normal;
    normal.g = Eigen::VectorXd::Zero(n);
    for (size_t i = 0; i < seen.size(); ++i) {
      if (seen[i].rejected) continue;
      const int w0 = frame_unknowns + 3 * int(i);
      const Pose2& w = seen[i].world;
      double e_sum = 0;
      int e_count = 0;
      for (const auto& [f, box] : *seen[i].keys) {
        if (!frame_index.count(f)) continue;
        const Pose2& p = pose[size_t(frame_index[f] + 1)];
        const int b = block(f);
        const double c = std::cos(p.yaw), s = std::sin(p.yaw), bx = box->center.x, by = box->center.y;
        const double rx = c * bx - s * by + p.x - w.x, ry = s * bx + c * by + p.y - w.y;
        const double ryaw = angle_difference(p.yaw + yaw_of(box->rotation), w.yaw);
        const double sigma = kLabelSigmaMetres + kLabelSigmaPerMetre * std::hypot(bx, by);
        const double e = (rx * rx + ry * ry) / (sigma * sigma) + ryaw * ryaw / (kLabelYawSigma * kLabelYawSigma);
        const double robust = 1 / (1 + e / (kCauchyScale * kCauchyScale));
        e_sum += e, ++e_count;
        const int bx_i = b < 0 ? -1 : b, by_i = b < 0 ? -1 : b + 1, byaw = b < 0 ? -1 : b + 2;
        normal.add({{bx_i, 1}, {byaw, -s * bx - c * by}, {w0, -1}}, rx, robust / (sigma * sigma));
        normal.add({{by_i, 1}, {byaw, c * bx - s * by}, {w0 + 1, -1}}, ry, robust / (sigma * sigma));
        normal.add({{byaw, 1}, {w0 + 2, -1}}, ryaw, robust / (kLabelYawSigma * kLabelYawSigma));
      }
      if (iteration >= 1 && e_sum > kRejectTrack * e_count) seen[i].rejected = true;
    }
    for (size_t k = 0; k + 3 < frames.size(); ++k) {
      if (frames[k + 3] - frames[k] != 3) continue;  // consecutive frames only
      add_jerk_prior({pose[k], pose[k + 1], pose[k + 2], pose[k + 3]},
                     {block(frames[k]), block(frames[k + 1]), block(frames[k + 2]), block(frames[k + 3])}, normal);
    }
    Eigen::SparseMatrix<double> h(n, n);
    h.setFromTriplets(normal.h.begin(), normal.h.end());
    for (int i = 0; i < n; ++i) h.coeffRef(i, i) += 1e-9;  // unknowns nothing constrains
    Eigen::SimplicialLDLT<Eigen::SparseMatrix<double>> solver(h);
    if (solver.info() != Eigen::Success) return;
    const Eigen::VectorXd step = solver.solve(-normal.g);
    if (solver.info() != Eigen::Success || !step.allFinite()) return;
    for (size_t k = 1; k < frames.size(); ++k) {
      const int b = 3 * int(k - 1);
      pose[k].x += step[b], pose[k].y += step[b + 1], pose[k].yaw += step[b + 2];
    }
    for (size_t i = 0; i < seen.size(); ++i) {
      const int b = frame_unknowns + 3 * int(i);
      seen[i].world.x += step[b], seen[i].world.y += step[b + 1], seen[i].world.yaw += step[b + 2];
    }
  }
  for (size_t k = 1; k < frames.size(); ++k)
    poses.T_world_label[size_t(frames[k])] =
        Transform3d::from_rotation_translation(Quat<double>::from_yaw(pose[k].yaw), {pose[k].x, pose[k].y, pose[k].z});
}

}  // namespace

void adjust_ego_poses(const TrackKeyBoxes& tracks, LabelFramePoses& poses) {
  int segments = 0;
  for (int s : poses.segment) segments = std::max(segments, s + 1);
  for (int s = 0; s < segments; ++s) adjust_segment(tracks, s, poses);
}

}  // namespace fuselabel
