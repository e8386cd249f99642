#pragma once
// What the checks read, assembled once per run: every track as a series of cuboids in a frame
// where motion is smooth (the world, or the world estimated from the labels on drives without
// poses), the images whose 2D labels are compared with the projected cuboids, and per cuboid
// what the LiDAR says about it (from one batched inspection pass over the sweeps).
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "fusion/check/ground_height.h"
#include "fusion/check/lidar_clusters.h"
#include "fusion/check/prelabel_report_tracks.h"
#include "fusion/check/radar_returns.h"
#include "fusion/check/taxonomy.h"
#include "io/drive_reader.h"
#include "kernels/workspace.h"
#include "projection/camera_model.h"
#include "projection/cuboid.h"

namespace fuselabel {

struct TrackObservation {
  size_t label = 0;  // index into LabelSet::boxes
  int64_t frame = 0;
  int64_t timestamp_us = 0;
  std::string class_name;  // the label's own class, else its track's
  // In the track's motion frame (TrackSeries::in_label_frame); absent where a world-frame
  // track's frame has no pose.
  std::optional<Cuboidd> box;
};

struct TrackSeries {
  std::string track_id;
  std::string class_name;                      // the track's (LabelSet::tracks), else its most frequent label class
  std::vector<TrackObservation> observations;  // by frame; a frame's second label of the track is left out
  // The world (or estimated world) has no pose for some of the track's frames, so its motion is
  // judged in the label frame (the moving LiDAR or ego frame), where a smoothly driving ego keeps
  // it smooth enough for the motion checks' tolerances.
  bool in_label_frame = false;

  // The track's cuboid at a drive frame; nullptr where it has none.
  const TrackObservation* at_frame(int64_t frame) const;
};

// A track around one of its labels, in the motion frame.
struct MotionNear {
  Cuboidd box;  // the label's
  int64_t timestamp_us = 0;
  Vec3<double> velocity = {0, 0, 0};  // m/s
  double yaw_rate = 0;                // rad/s about z
};

// One camera image the labels cover: the 2D checks compare its boxes with the cuboids of that
// moment projected through T_cam_motion.
struct LabelledImage {
  std::string camera;
  int64_t timestamp_us = 0;
  int64_t frame = 0;      // the drive frame its boxes belong to (ImageBoxLabel::frame, else the nearest LiDAR frame)
  bool at_frame = false;  // its boxes name their frame (KITTI): cuboids are that frame's, not interpolated
  CameraModeld model;
  std::optional<Transform3d> T_cam_motion;  // camera from the motion frame at the image's time
  std::optional<Transform3d> T_cam_label;   // camera from the label frame of `frame`, where assembled
  std::vector<size_t> boxes;                // indices into LabelSet::boxes_2d
};

// What the LiDAR sweep of its frame says about one cuboid.
struct CuboidLidar {
  int32_t points = 0;  // inside the cuboid (inclusive, no margin)
  // Points above the cuboid's bottom in a ring around it (kSupportRingMetres wider on every side
  // of the cuboid grown by its object's motion during the sweep), owned by no labelled cuboid: an
  // object's points spilling out of a box offset from it.
  int32_t ring_points = 0;
  std::map<std::string, int32_t> visible_points;  // per camera: of `points`, those owning their pixel
  // The ground under the cuboid, from the points around it (ground_height.h); absent with fewer
  // than kMinGroundPoints ground points there.
  std::optional<GroundHeight> ground;
  double range_m = 0;  // horizontal distance of the centre from the LiDAR
};

constexpr double kSupportRingMetres = 0.6;
constexpr int kMinGroundPoints = 5;

class CheckInputs {
 public:
  // `ws` computes the LiDAR evidence of frames with a sweep; nullptr leaves it out (no_lidar).
  CheckInputs(const DriveReader& reader, const LabelSet& labels, Workspace* ws);

  const Drive& drive() const { return reader_.drive(); }
  // The drive's files, for checks that read sweeps and images frame by frame.
  const DriveReader& reader() const { return reader_; }
  const LabelSet& labels() const { return labels_; }
  // The caller's workspace (nullptr where none was given), for checks that run kernels.
  Workspace* workspace() const { return workspace_; }
  // "world" or "estimated_world"; tracks without poses at some frame are in the label frame.
  const std::string& motion_frame() const { return motion_frame_; }
  const std::vector<TrackSeries>& tracks() const { return tracks_; }
  const TrackSeries* track(const std::string& track_id) const;
  const std::vector<LabelledImage>& images() const { return images_; }
  // Per LabelSet::boxes index; absent where the frame has no sweep or the inspection was left out.
  const std::optional<CuboidLidar>& lidar(size_t label) const { return lidar_[label]; }
  bool has_lidar() const { return has_lidar_; }
  bool has_radar() const;
  // Radar returns are gathered per cuboid (in the LiDAR pass) where the drive has radars and
  // ego poses and the tracks move in the world.
  bool radar_judged() const;
  // Per LabelSet::boxes index: the radar returns of its frame inside it (radar_returns.h).
  const std::vector<RadarReturn>& radar(size_t label) const { return radar_[label]; }
  // Per drive frame: its sweep's above-ground clusters no cuboid explains (lidar_clusters.h),
  // where the frame has a sweep and a pose in the motion frame (their positions are set there).
  const std::vector<LidarCluster>& unexplained_clusters(int64_t frame) const { return clusters_.at(size_t(frame)); }
  bool has_2d_labels() const { return !labels_.boxes_2d.empty(); }
  // Cameras that carry 2D labels anywhere in the drive: a cuboid visible in one of them should have one.
  const std::vector<std::string>& annotated_cameras() const { return annotated_cameras_; }
  // The taxonomy the labels are checked against (the caller's, else a built-in one named by the
  // labels); nullptr when there is none.
  const Taxonomy* taxonomy() const { return taxonomy_ ? &*taxonomy_ : nullptr; }
  void set_taxonomy(std::optional<Taxonomy> taxonomy) { taxonomy_ = std::move(taxonomy); }
  // prelabel's report on the labels, where they are a prelabel output; nullptr otherwise.
  const PrelabelReportTracks* propagation() const { return propagation_ ? &*propagation_ : nullptr; }
  void set_propagation(std::optional<PrelabelReportTracks> report) { propagation_ = std::move(report); }
  // Per LabelSet::boxes_2d index: the drive frame of the box, -1 when it has none.
  int64_t frame_of_image_box(size_t box) const { return image_box_frames_[box]; }

  // The track's cuboid at time t in the motion frame: its label nearest in time (at most
  // max_gap_us away) moved by the track's velocity there. The velocity is the median of the
  // track's steps around that label, so one wrong neighbour does not move it: a wrong cuboid
  // shows in the images of its own frame, not in those of the frames beside it.
  std::optional<Cuboidd> box_near(const TrackSeries& track, int64_t t_us, int64_t max_gap_us) const;
  // The track's label nearest t (at most max_gap_us away) and its motion there: the medians of
  // the track's steps around it, as box_near moves it.
  std::optional<MotionNear> motion_near(const TrackSeries& track, int64_t t_us, int64_t max_gap_us) const;
  // The cuboid label whose CuboidLabel::id is `id` (KITTI's 2D boxes name theirs), if any.
  std::optional<size_t> label_with_id(const std::string& id) const;
  // The cuboid labels of a frame that belong to no track (KITTI object).
  const std::vector<size_t>& untracked_labels(int64_t frame) const;
  // The LiDAR frame nearest t (ties: the earlier), as injected errors name 2D boxes' frames.
  int64_t nearest_frame(int64_t t_us) const;
  const std::string& frame_id(int64_t frame) const { return drive().frames.at(size_t(frame)).id; }
  // The motion frame from the label frame of `frame`; absent where the frame has no pose in it.
  const std::optional<Transform3d>& T_motion_label(int64_t frame) const { return T_motion_label_.at(size_t(frame)); }

 private:
  void build_tracks();
  void build_images();
  void inspect_lidar(Workspace& ws);
  // Per label: how far its object moves along its own length and width during one sweep.
  std::vector<Vec3<double>> sweep_reach() const;

  const DriveReader& reader_;
  const LabelSet& labels_;
  Workspace* workspace_;
  std::string motion_frame_;
  std::vector<std::optional<Transform3d>> T_motion_label_;
  std::vector<TrackSeries> tracks_;
  std::map<std::string, size_t> track_index_;
  std::vector<LabelledImage> images_;
  std::vector<std::optional<CuboidLidar>> lidar_;
  std::vector<std::vector<RadarReturn>> radar_;
  std::vector<std::vector<LidarCluster>> clusters_;
  std::vector<int64_t> image_box_frames_;
  std::vector<std::string> annotated_cameras_;
  std::vector<int64_t> frame_times_;
  bool has_lidar_ = false;
  std::optional<Taxonomy> taxonomy_;
  std::optional<PrelabelReportTracks> propagation_;
  std::map<std::string, size_t> label_by_id_;
  std::map<int64_t, std::vector<size_t>> untracked_by_frame_;
};

}  // namespace fuselabel
