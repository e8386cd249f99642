#pragma once
// A whole drive, independent of its format: the rig, the ego trajectory, every sensor's
// timeline, the frames and one label set. Every reader fills it (io/), frame assembly turns one
// of its frames into a frame view (model/frame_assembly.h), writers read it.
#include <cstdint>
#include <filesystem>
#include <map>
#include <string>
#include <vector>

#include "model/ego_trajectory.h"
#include "model/labels.h"
#include "model/rig.h"
#include "model/timeline.h"
#include "model/timing_fault.h"

namespace fuselabel {

// A frame of the drive: keyed by a LiDAR sweep, or by the label frame in drives without points.
struct DriveFrame {
  std::string id;  // the format's canonical id of the frame
  int64_t timestamp_us = 0;
  size_t rig = 0;             // index into Drive::rigs
  int64_t lidar_sample = -1;  // index into the LiDAR's timeline; -1: no sweep in this frame
  // Samples the format itself associates with this frame (a nuScenes keyframe's own
  // sample_data, KITTI's synchronised files): sensor -> index into its timeline. Other sensors
  // are associated by time (Drive::association_window_us) when Drive::associate_by_time.
  std::map<std::string, int64_t> samples;
};

struct Drive {
  static constexpr int64_t kDefaultAssociationWindowUs = 100'000;

  std::string format;  // "native", "kitti-object", "kitti-tracking", "nuscenes"
  std::filesystem::path root;
  std::string name;
  std::vector<Rig> rigs;  // one, or one per frame where every frame has its own calibration
  EgoTrajectory trajectory;
  std::map<std::string, SensorTimeline> timelines;  // by sensor name
  std::vector<DriveFrame> frames;
  LabelSet labels;
  // The samples the reader left out of the timelines because their times repeat or go back, in
  // file order; empty unless the drive was opened with timing faults kept
  // (DriveOptions::keep_timing_faults). A left-out LiDAR sample is not a frame.
  std::vector<TimingFault> timing_faults;
  // A sensor without a sample of its own in DriveFrame::samples gets the one nearest in time to
  // the frame, when within the window (cameras at 12 Hz, radars at 13 Hz: within ~42 ms).
  bool associate_by_time = true;
  int64_t association_window_us = kDefaultAssociationWindowUs;

  const Rig& rig_of(const DriveFrame& frame) const { return rigs.at(frame.rig); }
  // The sample of `sensor` that goes with frame `frame_index`, or nullptr.
  const SensorSample* associated_sample(size_t frame_index, const std::string& sensor) const;
  // T_world_ego when `sample` was taken: its own recorded pose, else the trajectory's.
  Transform3d pose_of(const SensorSample& sample) const;
};

// The frame index of each box: its own ImageBoxLabel::frame where set, else the first frame
// whose associated sample of the box's camera is at the box's timestamp; -1 when none is.
std::vector<int64_t> frames_of_image_boxes(const Drive& drive, const std::vector<ImageBoxLabel>& boxes);

}  // namespace fuselabel
