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
constexpr int kFailuresLosingTheWorld = 3;

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

struct Anchor {
  size_t frame;
  Transform3d T_world_label;
};

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

// What the estimate knows of a track within the current segment: its keyframe boxes moved into
// the world by the poses fitted so far.
struct TrackInWorld {
  std::vector<Cuboidd> observations;
  bool moving = false;  // its observations disagree: it takes no part in the fits any more

  // The track's world box: mean centre and heading of its observations.
  Cuboidd mean() const {
    Cuboidd box = observations.front();
    Vec3<double> c{};
    double sin_sum = 0, cos_sum = 0;
    for (const Cuboidd& o : observations) {
      c = c + o.center;
      const double yaw = yaw_of(o.rotation);
      sin_sum += std::sin(yaw), cos_sum += std::cos(yaw);
    }
    box.center = (1.0 / observations.size()) * c;
    box.rotation = Quat<double>::from_yaw(std::atan2(sin_sum, cos_sum));
    return box;
  }
  // Static so far: at least two observations, all where their mean is.
  bool confirmed_static() const {
    if (moving || observations.size() < 2) return false;
    const Cuboidd m = mean();
    for (const Cuboidd& o : observations)
      if (!agrees(PlanarMotion{}, m, o)) return false;
    return true;
  }
};

using WorldTracks = std::map<std::string, TrackInWorld>;

// T_world_label of a frame from its boxes and the world boxes of the tracks it shares with the
// fit so far: each track proposes the pose that would put it where it was; the proposal most
// tracks agree with wins (two at least, or one track already confirmed static) and is refined
// by least squares. Fills `agreeing` with the tracks used.
std::optional<PlanarMotion> locate_frame(const FrameBoxes& frame_boxes, const WorldTracks& world,
                                         std::vector<std::string>& agreeing) {
  std::vector<std::pair<Cuboidd, const Cuboidd*>> shared;  // (world box, box in the frame)
  std::vector<std::string> ids;
  std::vector<bool> confirmed;
  for (const auto& [id, box] : frame_boxes) {
    const auto found = world.find(id);
    if (found == world.end() || found->second.moving) continue;
    shared.push_back({found->second.mean(), &box}), ids.push_back(id);
    confirmed.push_back(found->second.confirmed_static());
  }
  std::vector<size_t> best;
  for (const auto& proposal : shared) {
    const PlanarMotion m = motion_keeping_still(proposal.first, *proposal.second);
    std::vector<size_t> inliers;
    for (size_t i = 0; i < shared.size(); ++i)
      if (agrees(m, shared[i].first, *shared[i].second)) inliers.push_back(i);
    if (inliers.size() > best.size()) best = inliers;
  }
  const bool enough = int(best.size()) >= kMinStaticTracks || (best.size() == 1 && confirmed[best[0]]);
  if (!enough) return std::nullopt;
  auto fit = [&](const std::vector<size_t>& used) {
    std::vector<std::pair<const Cuboidd*, const Cuboidd*>> pairs;
    for (size_t i : used) pairs.push_back({&shared[i].first, shared[i].second});
    return fit_motion(pairs);
  };
  PlanarMotion m = fit(best);
  std::vector<size_t> refined;
  for (size_t i = 0; i < shared.size(); ++i)
    if (agrees(m, shared[i].first, *shared[i].second)) refined.push_back(i);
  if (refined.size() >= best.size()) m = fit(refined), best = refined;
  for (size_t i : best) agreeing.push_back(ids[i]);
  return m;
}

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

namespace {

// Adds frame `frame`'s boxes to the world tracks under its pose; a track whose observations
// stop agreeing is moving from then on.
void observe(const FrameBoxes& frame_boxes, const Transform3d& T_world_label, WorldTracks& world) {
  for (const auto& [id, box] : frame_boxes) {
    TrackInWorld& track = world[id];
    if (track.moving) continue;
    track.observations.push_back(transform_cuboid(T_world_label, box));
    if (track.observations.size() >= 2 && !track.confirmed_static()) track.moving = true;
  }
}

// Block coordinate descent over a segment, as a bundle adjustment would: the world box of each
// static track is the mean of its observations; then every frame's pose (but the first, which
// fixes the world frame) is refitted to the static tracks it sees.
void adjust_segment(std::vector<Anchor>& anchors, const std::map<size_t, FrameBoxes>& boxes,
                    const std::set<std::string>& static_tracks) {
  constexpr int kRounds = 4;
  for (int round = 0; round < kRounds; ++round) {
    std::map<std::string, TrackInWorld> world;
    for (const Anchor& a : anchors)
      for (const auto& [id, box] : boxes.at(a.frame))
        if (static_tracks.count(id)) world[id].observations.push_back(transform_cuboid(a.T_world_label, box));
    std::map<std::string, Cuboidd> means;
    for (const auto& [id, track] : world) means.emplace(id, track.mean());
    for (size_t k = 1; k < anchors.size(); ++k) {
      std::vector<std::pair<const Cuboidd*, const Cuboidd*>> pairs;
      for (const auto& [id, box] : boxes.at(anchors[k].frame)) {
        const auto m = means.find(id);
        if (m != means.end() && world[id].confirmed_static()) pairs.push_back({&m->second, &box});
      }
      if (!pairs.empty()) anchors[k].T_world_label = fit_motion(pairs).transform();
    }
  }
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
  std::vector<std::set<std::string>> segment_static;
  WorldTracks world;
  int failures_in_a_row = 0;  // of frames holding two tracks or more
  for (const auto& [frame, frame_boxes] : boxes) {
    std::vector<std::string> agreeing;
    const std::optional<PlanarMotion> pose = segments.empty() ? std::nullopt : locate_frame(frame_boxes, world, agreeing);
    if (pose) {
      failures_in_a_row = 0;
      segment_static.back().insert(agreeing.begin(), agreeing.end());
      segments.back().push_back({frame, pose->transform()});
      observe(frame_boxes, segments.back().back().T_world_label, world);
      continue;
    }
    if (!segments.empty()) out.estimate.frames_with_too_few_static_tracks.push_back(int64_t(frame));
    // A frame that cannot be placed is skipped (poses between placed frames are interpolated)
    // unless the world frame is lost: it shares no track with it, or several frames in a row
    // failed. Then it starts a new world frame, if it can anchor one (two tracks at least).
    size_t known = 0;
    for (const auto& entry : frame_boxes) known += world.count(entry.first);
    failures_in_a_row += int(frame_boxes.size()) >= kMinStaticTracks;
    const bool lost = known == 0 || failures_in_a_row >= kFailuresLosingTheWorld;
    if (segments.empty() || (lost && int(frame_boxes.size()) >= kMinStaticTracks)) {
      segments.push_back({{frame, Transform3d{}}});
      segment_static.emplace_back();
      world.clear();
      observe(frame_boxes, Transform3d{}, world);
      failures_in_a_row = 0;
    }
  }
  std::set<std::string> static_tracks;
  for (size_t s = 0; s < segments.size(); ++s) {
    adjust_segment(segments[s], boxes, segment_static[s]);
    fill_segment(drive, segments[s], int(s), extrapolate_frames, out);
    static_tracks.insert(segment_static[s].begin(), segment_static[s].end());
  }
  out.estimate.static_tracks.assign(static_tracks.begin(), static_tracks.end());
  return out;
}

LabelFramePoses label_frame_poses(const Drive& drive, const LabelSet& keyframes, int extrapolate_frames) {
  if (keyframes.frame != LabelFrame::World && !drive.trajectory.has_poses()) {
    return estimate_ego_from_labels(drive, keyframes, extrapolate_frames);
  }
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
