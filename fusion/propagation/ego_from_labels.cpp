#include "fusion/propagation/ego_from_labels.h"

#include <algorithm>
#include <cmath>
#include <map>
#include <set>
#include <stdexcept>

#include "fusion/propagation/cubic_spline.h"
#include "fusion/propagation/track_motion.h"

namespace fuselabel {
namespace {

// A track counts as agreeing with a proposed motion when its centre lands within this distance
// (m) of where it was, plus this share of its range (label noise grows with distance).
constexpr double kAgreementMetres = 0.3;
constexpr double kAgreementPerMetre = 0.01;
constexpr int kMinStaticTracks = 2;
constexpr int kLinkCandidates = 3;  // a frame is tied to one of the last few fitted frames

// Planar motion: yaw about z, then translation.
struct PlanarMotion {
  double yaw = 0;
  Vec3<double> t{};
  Vec3<double> apply(Vec3<double> p) const {
    const double c = std::cos(yaw), s = std::sin(yaw);
    return {c * p.x - s * p.y + t.x, s * p.x + c * p.y + t.y, p.z + t.z};
  }
  Transform3d transform() const { return Transform3d::from_rotation_translation(Quat<double>::from_yaw(yaw), t); }
};

using FrameBoxes = std::map<std::string, Cuboidd>;  // track id -> box

// The motion from frame b's label frame into frame a's that keeps the object still.
PlanarMotion motion_keeping_still(const Cuboidd& in_a, const Cuboidd& in_b) {
  PlanarMotion m;
  m.yaw = angle_difference(yaw_of(in_a.rotation), yaw_of(in_b.rotation));
  m.t = in_a.center - PlanarMotion{m.yaw, {}}.apply(in_b.center);
  return m;
}

bool agrees(const PlanarMotion& m, const Cuboidd& in_a, const Cuboidd& in_b) {
  const Vec3<double> d = m.apply(in_b.center) - in_a.center;
  const double range = std::sqrt(in_a.center.x * in_a.center.x + in_a.center.y * in_a.center.y);
  return std::sqrt(d.x * d.x + d.y * d.y) <= kAgreementMetres + kAgreementPerMetre * range;
}

// Least-squares planar motion (2D Kabsch) over the footprint corners of the agreeing tracks.
PlanarMotion fit_motion(const std::vector<std::pair<const Cuboidd*, const Cuboidd*>>& pairs) {
  std::vector<Vec3<double>> pa, pb;
  double dz = 0;
  for (const auto& [a, b] : pairs) {
    Vec3<double> ca[8], cb[8];
    cuboid_corners(*a, ca), cuboid_corners(*b, cb);
    for (int k = 0; k < 8; k += 2) pa.push_back(ca[k]), pb.push_back(cb[k]);
    dz += a->center.z - b->center.z;
  }
  Vec3<double> ma{}, mb{};
  for (size_t i = 0; i < pa.size(); ++i) ma = ma + pa[i], mb = mb + pb[i];
  ma = (1.0 / pa.size()) * ma, mb = (1.0 / pb.size()) * mb;
  double sxx = 0, sxy = 0;  // cos and sin terms of the best rotation
  for (size_t i = 0; i < pa.size(); ++i) {
    const Vec3<double> a = pa[i] - ma, b = pb[i] - mb;
    sxx += a.x * b.x + a.y * b.y;
    sxy += a.y * b.x - a.x * b.y;
  }
  PlanarMotion m;
  m.yaw = std::atan2(sxy, sxx);
  const Vec3<double> rotated = PlanarMotion{m.yaw, {}}.apply(mb);
  m.t = {ma.x - rotated.x, ma.y - rotated.y, dz / pairs.size()};
  return m;
}

// The best motion from b into a, with the tracks agreeing with it; none when fewer than two agree.
std::optional<PlanarMotion> link(const FrameBoxes& a, const FrameBoxes& b, std::vector<std::string>& agreeing) {
  std::vector<std::pair<const Cuboidd*, const Cuboidd*>> shared;
  std::vector<std::string> ids;
  for (const auto& [id, box] : b) {
    const auto found = a.find(id);
    if (found != a.end()) shared.push_back({&found->second, &box}), ids.push_back(id);
  }
  if (int(shared.size()) < kMinStaticTracks) return std::nullopt;
  size_t best_count = 0;
  std::vector<size_t> best;
  for (const auto& proposal : shared) {
    const PlanarMotion m = motion_keeping_still(*proposal.first, *proposal.second);
    std::vector<size_t> inliers;
    for (size_t i = 0; i < shared.size(); ++i)
      if (agrees(m, *shared[i].first, *shared[i].second)) inliers.push_back(i);
    if (inliers.size() > best_count) best_count = inliers.size(), best = inliers;
  }
  if (int(best_count) < kMinStaticTracks) return std::nullopt;
  std::vector<std::pair<const Cuboidd*, const Cuboidd*>> pairs;
  for (size_t i : best) pairs.push_back(shared[i]);
  PlanarMotion m = fit_motion(pairs);
  // Once more with the agreeing set of the refined motion.
  pairs.clear(), best.clear();
  for (size_t i = 0; i < shared.size(); ++i)
    if (agrees(m, *shared[i].first, *shared[i].second)) pairs.push_back(shared[i]), best.push_back(i);
  if (int(pairs.size()) < kMinStaticTracks) return std::nullopt;
  m = fit_motion(pairs);
  for (size_t i : best) agreeing.push_back(ids[i]);
  return m;
}

struct Anchor {
  size_t frame;
  Transform3d T_world_label;
};

// Poses of every frame from its segment's fitted frames (spline through position and yaw).
void fill_segment(const Drive& drive, const std::vector<Anchor>& anchors, int segment, int extrapolate_frames,
                  LabelFramePoses& out) {
  std::vector<double> t, x, y, z, yaw;
  for (const Anchor& a : anchors) {
    t.push_back(1e-6 * double(drive.frames[a.frame].timestamp_us - drive.frames[anchors[0].frame].timestamp_us));
    x.push_back(a.T_world_label.t.x), y.push_back(a.T_world_label.t.y), z.push_back(a.T_world_label.t.z);
    const double psi = yaw_of(Quat<double>::from_matrix(a.T_world_label.R));
    yaw.push_back(yaw.empty() ? psi : yaw.back() + angle_difference(psi, yaw.back()));
  }
  const CubicSpline sx(t, x), sy(t, y), sz(t, z), syaw(t, yaw);
  const int64_t first = std::max<int64_t>(0, int64_t(anchors.front().frame) - extrapolate_frames);
  const int64_t last = std::min<int64_t>(int64_t(drive.frames.size()) - 1, int64_t(anchors.back().frame) + extrapolate_frames);
  for (int64_t f = first; f <= last; ++f) {
    if (out.segment[f] >= 0 && (f < int64_t(anchors.front().frame) || f > int64_t(anchors.back().frame))) continue;
    const double tf = 1e-6 * double(drive.frames[f].timestamp_us - drive.frames[anchors[0].frame].timestamp_us);
    out.T_world_label[f] = PlanarMotion{syaw.value(tf), {sx.value(tf), sy.value(tf), sz.value(tf)}}.transform();
    out.segment[f] = segment;
  }
  for (const Anchor& a : anchors) out.T_world_label[a.frame] = a.T_world_label;
}

}  // namespace

LabelFramePoses estimate_ego_from_labels(const Drive& drive, const LabelSet& keyframes, int extrapolate_frames) {
  LabelFramePoses out;
  out.T_world_label.assign(drive.frames.size(), std::nullopt);
  out.segment.assign(drive.frames.size(), -1);
  out.motion_frame = "estimated_world";
  out.estimate.used = true;
  std::map<size_t, FrameBoxes> boxes;  // frame -> its keyframe boxes
  for (const CuboidLabel& c : keyframes.boxes)
    if (!c.track_id.empty()) boxes[size_t(c.frame)][c.track_id] = c.box;

  std::vector<std::vector<Anchor>> segments;
  std::set<std::string> static_tracks;
  for (const auto& [frame, frame_boxes] : boxes) {
    std::optional<PlanarMotion> motion;
    const Anchor* to = nullptr;
    std::vector<std::string> agreeing;
    if (!segments.empty()) {
      const std::vector<Anchor>& current = segments.back();
      for (int k = 0; k < kLinkCandidates && k < int(current.size()) && !motion; ++k) {
        to = &current[current.size() - 1 - k];
        agreeing.clear();
        motion = link(boxes.at(to->frame), frame_boxes, agreeing);
      }
    }
    if (motion) {
      static_tracks.insert(agreeing.begin(), agreeing.end());
      segments.back().push_back({frame, to->T_world_label * motion->transform()});
      continue;
    }
    if (!segments.empty()) out.estimate.frames_with_too_few_static_tracks.push_back(int64_t(frame));
    // A frame that cannot be tied to the others starts a new world frame only if it can anchor
    // one (it holds at least two tracks); a lone track's end frame is just skipped.
    if (segments.empty() || int(frame_boxes.size()) >= kMinStaticTracks) segments.push_back({{frame, Transform3d{}}});
  }
  for (size_t s = 0; s < segments.size(); ++s) fill_segment(drive, segments[s], int(s), extrapolate_frames, out);
  out.estimate.static_tracks.assign(static_tracks.begin(), static_tracks.end());
  return out;
}

LabelFramePoses label_frame_poses(const Drive& drive, const LabelSet& keyframes, int extrapolate_frames) {
  if (keyframes.frame != LabelFrame::World && !drive.trajectory.has_poses())
    return estimate_ego_from_labels(drive, keyframes, extrapolate_frames);
  LabelFramePoses out;
  out.motion_frame = "world";
  out.T_world_label.assign(drive.frames.size(), std::nullopt);
  out.segment.assign(drive.frames.size(), -1);
  for (size_t f = 0; f < drive.frames.size(); ++f) {
    if (keyframes.frame == LabelFrame::World) {
      out.T_world_label[f] = Transform3d{};
    } else {
      const DriveFrame& frame = drive.frames[f];
      Transform3d T_ego_label;
      if (keyframes.frame == LabelFrame::Lidar) {
        const Sensor* lidar = drive.rig_of(frame).lidar();
        if (!lidar) throw std::invalid_argument("LiDAR-frame labels on a drive without a LiDAR");
        T_ego_label = lidar->T_ego_sensor;
      }
      try {
        out.T_world_label[f] = drive.trajectory.at(frame.timestamp_us) * T_ego_label;
      } catch (const std::exception&) {
        continue;  // the poses do not cover this frame
      }
    }
    out.segment[f] = 0;
  }
  return out;
}

}  // namespace fuselabel
