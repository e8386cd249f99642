#include "fusion/check/check_inputs.h"

#include <algorithm>
#include <cmath>
#include <set>

#include "fusion/check/check.h"
#include "fusion/check/radar_returns.h"
#include "fusion/frame_inspection.h"
#include "fusion/propagation/ego_from_labels.h"
#include "fusion/propagation/track_motion.h"
#include "kernels/points_in_boxes.h"
#include "model/frame_assembly.h"

namespace fuselabel {
namespace {

// Labels further apart than this are not steps of one motion (the track was occluded between).
constexpr int64_t kMaxStepUs = 350'000;

// The box grown by the LiDAR's range noise and by how far its object moves during one sweep
// (`reach`, per local axis, m): a moving object's points are spread along its path over the
// sweep, not at the box's instant, and a surface on the box's face returns points a few
// centimetres either side of it.
Cuboidd swept(const Cuboidd& box, const Vec3<double>& reach) {
  constexpr double kRangeNoise = 0.1;
  Cuboidd out = box;
  out.size.x += 2 * (reach.x + kRangeNoise);
  out.size.y += 2 * (reach.y + kRangeNoise);
  return out;
}

// The ring around a swept cuboid: wider by the margin on every side, from a little above its
// bottom (ground points under a box are not its object's) to its top.
Cuboidd support_ring(const Cuboidd& box) {
  constexpr double kAboveGround = 0.25;
  Cuboidd ring = box;
  ring.size.x += 2 * kSupportRingMetres;
  ring.size.y += 2 * kSupportRingMetres;
  const double lift = std::min(kAboveGround, 0.5 * box.size.z);
  ring.size.z -= lift;
  ring.center = box.center + rotate(box.rotation, Vec3<double>{0, 0, 0.5 * lift});
  return ring;
}

}  // namespace

const TrackObservation* TrackSeries::at_frame(int64_t frame) const {
  const auto at = std::lower_bound(observations.begin(), observations.end(), frame,
                                   [](const TrackObservation& o, int64_t f) { return o.frame < f; });
  return at != observations.end() && at->frame == frame ? &*at : nullptr;
}

CheckInputs::CheckInputs(const DriveReader& reader, const LabelSet& labels, Workspace* ws)
    : reader_(reader),
      labels_(labels),
      workspace_(ws),
      lidar_(labels.boxes.size()),
      radar_(labels.boxes.size()),
      clusters_(reader.drive().frames.size()) {
  for (const DriveFrame& f : drive().frames) frame_times_.push_back(f.timestamp_us);
  LabelFramePoses poses = label_frame_poses(drive(), labels, 0);
  motion_frame_ = poses.motion_frame;
  T_motion_label_ = std::move(poses.T_world_label);
  taxonomy_ = builtin_taxonomy(labels.taxonomy);
  for (size_t i = 0; i < labels.boxes.size(); ++i) {
    if (!labels.boxes[i].id.empty()) label_by_id_.emplace(labels.boxes[i].id, i);
    if (labels.boxes[i].track_id.empty()) untracked_by_frame_[labels.boxes[i].frame].push_back(i);
  }
  build_tracks();
  build_images();
  if (ws) inspect_lidar(*ws);
}

const TrackSeries* CheckInputs::track(const std::string& track_id) const {
  const auto found = track_index_.find(track_id);
  return found == track_index_.end() ? nullptr : &tracks_[found->second];
}

std::optional<size_t> CheckInputs::label_with_id(const std::string& id) const {
  const auto found = id.empty() ? label_by_id_.end() : label_by_id_.find(id);
  return found == label_by_id_.end() ? std::nullopt : std::optional<size_t>(found->second);
}

const std::vector<size_t>& CheckInputs::untracked_labels(int64_t frame) const {
  static const std::vector<size_t> none;
  const auto found = untracked_by_frame_.find(frame);
  return found == untracked_by_frame_.end() ? none : found->second;
}

bool CheckInputs::radar_judged() const {
  return has_lidar_ && has_radar() && motion_frame_ == "world" && drive().trajectory.has_poses();
}

bool CheckInputs::has_radar() const {
  for (const Rig& rig : drive().rigs)
    for (const Sensor& s : rig.sensors)
      if (s.kind == SensorKind::Radar && drive().timelines.count(s.name) &&
          !drive().timelines.at(s.name).samples.empty())
        return true;
  return false;
}

int64_t CheckInputs::nearest_frame(int64_t t_us) const {
  if (frame_times_.empty()) return -1;
  const auto after = std::lower_bound(frame_times_.begin(), frame_times_.end(), t_us);
  if (after == frame_times_.begin()) return 0;
  if (after == frame_times_.end()) return int64_t(frame_times_.size()) - 1;
  const auto before = after - 1;
  return (t_us - *before <= *after - t_us) ? before - frame_times_.begin() : after - frame_times_.begin();
}

void CheckInputs::build_tracks() {
  std::map<std::string, std::map<std::string, int>> class_counts;
  for (size_t i = 0; i < labels_.boxes.size(); ++i) {
    const CuboidLabel& label = labels_.boxes[i];
    if (label.track_id.empty()) continue;
    auto [it, added] = track_index_.emplace(label.track_id, tracks_.size());
    if (added) tracks_.push_back(TrackSeries{label.track_id, "", {}});
    TrackSeries& series = tracks_[it->second];
    if (!series.observations.empty() && series.observations.back().frame == label.frame) continue;
    TrackObservation o;
    o.label = i, o.frame = label.frame, o.timestamp_us = label.timestamp_us;
    o.class_name = labels_.class_of(label);
    const auto& T = T_motion_label_.at(size_t(label.frame));
    if (T) o.box = transform_cuboid(*T, label.box);
    ++class_counts[label.track_id][o.class_name];
    series.observations.push_back(std::move(o));
  }
  for (TrackSeries& series : tracks_) {
    series.in_label_frame = std::any_of(series.observations.begin(), series.observations.end(),
                                        [](const TrackObservation& o) { return !o.box; });
    if (series.in_label_frame)
      for (TrackObservation& o : series.observations) o.box = labels_.boxes[o.label].box;
  }
  for (TrackSeries& series : tracks_) {
    const Track* track = labels_.track(series.track_id);
    if (track && !track->class_name.empty()) {
      series.class_name = track->class_name;
      continue;
    }
    int best = 0;
    for (const auto& [name, count] : class_counts[series.track_id])
      if (count > best) best = count, series.class_name = name;
  }
}

std::optional<MotionNear> CheckInputs::motion_near(const TrackSeries& track, int64_t t_us, int64_t max_gap_us) const {
  const auto& obs = track.observations;
  if (obs.empty()) return std::nullopt;
  const auto after = std::lower_bound(obs.begin(), obs.end(), t_us,
                                      [](const TrackObservation& o, int64_t t) { return o.timestamp_us < t; });
  size_t k = size_t(after - obs.begin());
  if (k == obs.size() || (k > 0 && t_us - obs[k - 1].timestamp_us <= obs[k].timestamp_us - t_us)) --k;
  const TrackObservation& o = obs[k];
  if (!o.box || std::llabs(t_us - o.timestamp_us) > max_gap_us) return std::nullopt;
  constexpr size_t kSteps = 3;  // on each side of the label
  std::vector<double> vx, vy, vz, yaw_rate;
  for (size_t i = k >= kSteps ? k - kSteps : 0; i + 1 < obs.size() && i < k + kSteps; ++i) {
    const double dt = double(obs[i + 1].timestamp_us - obs[i].timestamp_us) * 1e-6;
    if (!obs[i].box || !obs[i + 1].box || dt <= 0 || dt > double(kMaxStepUs) * 1e-6) continue;
    vx.push_back((obs[i + 1].box->center.x - obs[i].box->center.x) / dt);
    vy.push_back((obs[i + 1].box->center.y - obs[i].box->center.y) / dt);
    vz.push_back((obs[i + 1].box->center.z - obs[i].box->center.z) / dt);
    yaw_rate.push_back(angle_difference(yaw_of(obs[i + 1].box->rotation), yaw_of(obs[i].box->rotation)) / dt);
  }
  return MotionNear{*o.box, o.timestamp_us, {median(vx), median(vy), median(vz)}, median(yaw_rate)};
}

std::optional<Cuboidd> CheckInputs::box_near(const TrackSeries& track, int64_t t_us, int64_t max_gap_us) const {
  std::optional<MotionNear> m = motion_near(track, t_us, max_gap_us);
  if (!m) return std::nullopt;
  m->box.center = m->box.center + double(t_us - m->timestamp_us) * 1e-6 * m->velocity;
  return m->box;
}

void CheckInputs::build_images() {
  const Drive& d = drive();
  image_box_frames_.resize(labels_.boxes_2d.size());
  std::map<std::pair<std::string, int64_t>, LabelledImage> images;
  std::map<std::string, std::pair<int64_t, int64_t>> span;  // per camera: first and last labelled time
  for (size_t i = 0; i < labels_.boxes_2d.size(); ++i) {
    const ImageBoxLabel& b = labels_.boxes_2d[i];
    image_box_frames_[i] = b.frame >= 0 ? b.frame : nearest_frame(b.timestamp_us);
    LabelledImage& image = images[{b.camera, b.timestamp_us}];
    image.camera = b.camera, image.timestamp_us = b.timestamp_us, image.frame = image_box_frames_[i];
    image.boxes.push_back(i);
    image.at_frame = b.frame >= 0;
    auto [s, added] = span.emplace(b.camera, std::make_pair(b.timestamp_us, b.timestamp_us));
    if (!added)
      s->second.first = std::min(s->second.first, b.timestamp_us),
      s->second.second = std::max(s->second.second, b.timestamp_us);
  }
  for (const auto& [camera, times] : span) {
    annotated_cameras_.push_back(camera);
    const auto timeline = d.timelines.find(camera);
    if (timeline == d.timelines.end()) continue;
    for (const SensorSample& s : timeline->second.samples)
      if (s.timestamp_us >= times.first && s.timestamp_us <= times.second && !images.count({camera, s.timestamp_us})) {
        LabelledImage& image = images[{camera, s.timestamp_us}];
        image.camera = camera, image.timestamp_us = s.timestamp_us, image.frame = nearest_frame(s.timestamp_us);
      }
  }
  // Images whose boxes name their frame (KITTI) are seen through that frame's calibration;
  // others at their own time through the ego pose, where the drive has poses.
  Drive with_labels = d;
  with_labels.labels = labels_;
  std::map<int64_t, FrameData> assembled;
  const bool world_poses = motion_frame_ == "world" && d.trajectory.has_poses();
  for (auto& [key, image] : images) {
    const size_t f = size_t(image.frame);
    const Sensor* camera = d.rig_of(d.frames.at(f)).find(image.camera);
    if (!camera || !camera->camera) continue;
    image.model = *camera->camera;
    const auto timeline = d.timelines.find(image.camera);
    const SensorSample* sample = nullptr;
    if (timeline != d.timelines.end()) {
      const auto& ts = timeline->second.timestamps;
      const auto at = std::lower_bound(ts.begin(), ts.end(), image.timestamp_us);
      if (at != ts.end() && *at == image.timestamp_us) sample = &timeline->second.samples[size_t(at - ts.begin())];
    }
    if (!image.at_frame && world_poses && sample) {
      image.T_cam_motion = (d.pose_of(*sample) * camera->T_ego_sensor).inverse();
    } else {
      auto frame = assembled.find(int64_t(f));
      if (frame == assembled.end())
        frame = assembled.emplace(int64_t(f), assemble_frame(with_labels, f, reader_, false)).first;
      const auto view = std::find_if(frame->second.cameras.begin(), frame->second.cameras.end(),
                                     [&](const CameraView& v) { return v.sensor == image.camera; });
      if (view == frame->second.cameras.end()) continue;
      image.T_cam_label = view->T_cam_labels();
      if (T_motion_label_.at(f)) image.T_cam_motion = *image.T_cam_label * T_motion_label_[f]->inverse();
    }
    images_.push_back(std::move(image));
  }
}

std::vector<Vec3<double>> CheckInputs::sweep_reach() const {
  std::vector<Vec3<double>> reach(labels_.boxes.size(), Vec3<double>{0, 0, 0});
  const Sensor* lidar = drive().rigs.empty() ? nullptr : drive().rigs.front().lidar();
  const double period = lidar && lidar->rate_hz > 0 ? 1.0 / lidar->rate_hz : 0.1;
  for (const TrackSeries& track : tracks_) {
    const auto& obs = track.observations;
    for (size_t k = 0; k < obs.size(); ++k) {
      const TrackObservation& a = obs[k == 0 ? 0 : k - 1];
      const TrackObservation& b = obs[k + 1 < obs.size() ? k + 1 : k];
      const double dt = double(b.timestamp_us - a.timestamp_us) * 1e-6;
      if (!a.box || !b.box || !obs[k].box || dt <= 0 || dt > 0.5) continue;
      // The velocity in the box's own axes: how far the object moves along its length and width.
      const Vec3<double> v = (1 / dt) * (b.box->center - a.box->center);
      const Vec3<double> local = rotate(obs[k].box->rotation.conjugate(), v);
      reach[obs[k].label] = {std::fabs(local.x) * period, std::fabs(local.y) * period, 0};
    }
  }
  return reach;
}

void CheckInputs::inspect_lidar(Workspace& ws) {
  Drive with_labels = drive();
  with_labels.labels = labels_;
  std::vector<size_t> with_sweep;
  for (size_t f = 0; f < with_labels.frames.size(); ++f)
    if (with_labels.frames[f].lidar_sample >= 0) with_sweep.push_back(f);
  has_lidar_ = !with_sweep.empty();
  std::vector<size_t> first_label(with_labels.frames.size() + 1, labels_.boxes.size());
  for (size_t i = labels_.boxes.size(); i-- > 0;) first_label[size_t(labels_.boxes[i].frame)] = i;
  const std::vector<Vec3<double>> reach = sweep_reach();
  inspect_drive_frames(
      ws, with_labels, reader_, with_sweep, 8, [&](const FrameData& frame, const FrameInspection& seen) {
        if (!frame.lidar) return;
        const size_t f = reader_.frame_index(frame.id);
        if (T_motion_label_.at(f)) {
          clusters_[f] = fuselabel::unexplained_clusters(*frame.lidar, seen.cuboids_in_lidar, {});
          const Transform3d T_motion_lidar = *T_motion_label_[f] * frame.T_labels_lidar;
          for (LidarCluster& c : clusters_[f]) c.position = T_motion_lidar * c.centre;
        }
        if (frame.cuboids.empty()) return;
        // Boxes 0..n-1: each cuboid swept over the sweep; n..2n-1: the rings around them;
        // 2n..3n-1: the ground aprons around them.
        const size_t n = frame.cuboids.size();
        PointsInBoxesBatch batch;
        batch.points = frame.lidar->records.data();
        batch.point_stride = frame.lidar->stride();
        batch.point_offsets = {0, frame.lidar->size()};
        for (size_t b = 0; b < n; ++b)
          batch.cuboids.boxes.push_back(swept(seen.cuboids_in_lidar[b], reach[first_label[f] + b]));
        for (size_t b = 0; b < n; ++b) batch.cuboids.boxes.push_back(support_ring(batch.cuboids.boxes[b]));
        for (size_t b = 0; b < n; ++b) batch.cuboids.boxes.push_back(ground_apron(batch.cuboids.boxes[b]));
        batch.cuboids.offsets = {0, int64_t(batch.cuboids.boxes.size())};
        batch.keep_members = true;
        PointsInBoxesResult members;
        points_in_boxes(Device::Cpu, batch, members);
        // Unowned points of each swept cuboid, then the ring's unowned points outside it.
        std::vector<std::vector<int32_t>> in_swept(n);
        for (const PointBox& m : members.host_members)
          if (size_t(m.box) < n && seen.lidar_point_cuboid[size_t(m.point)] < 0)
            in_swept[size_t(m.box)].push_back(m.point);
        for (auto& points : in_swept) std::sort(points.begin(), points.end());
        std::vector<int32_t> ring_points(n, 0);
        std::vector<std::vector<int32_t>> apron_points(n);
        for (const PointBox& m : members.host_members) {
          const size_t b = size_t(m.box);
          if (b < n || seen.lidar_point_cuboid[size_t(m.point)] >= 0) continue;
          if (b >= 2 * n) {
            apron_points[b - 2 * n].push_back(m.point);
            continue;
          }
          const auto& inner = in_swept[b - n];
          ring_points[b - n] += !std::binary_search(inner.begin(), inner.end(), m.point);
        }
        for (size_t b = 0; b < frame.cuboids.size(); ++b) {
          CuboidLidar e;
          e.points = seen.cuboids[b].num_lidar_pts;
          e.ring_points = ring_points[b];
          e.ground = ground_under(batch.cuboids.boxes[b], frame.lidar->records.data(), frame.lidar->stride(),
                                  apron_points[b], kMinGroundPoints);
          e.range_m = std::hypot(seen.cuboids_in_lidar[b].center.x, seen.cuboids_in_lidar[b].center.y);
          for (size_t c = 0; c < frame.cameras.size(); ++c)
            if (seen.cuboids[b].cameras[c])
              e.visible_points[frame.cameras[c].sensor] =
                  int32_t(std::lround(seen.cuboids[b].cameras[c]->visible_fraction * e.points));
          lidar_[first_label[f] + b] = std::move(e);
        }
        if (!radar_judged() || frame.radars.empty() || !T_motion_label_.at(f)) return;
        const auto returns =
            radar_returns_in_cuboids(drive(), drive().rig_of(drive().frames[f]), frame,
                                     *T_motion_label_[f] * frame.T_labels_lidar, seen.cuboids_in_lidar);
        for (size_t b = 0; b < n; ++b) radar_[first_label[f] + b] = returns[b];
      });
}

}  // namespace fuselabel
