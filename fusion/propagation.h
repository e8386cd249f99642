#pragma once
// Keyframe cuboids propagated to every frame of their track (`fuselabel prelabel`): a motion
// model through all of a track's keyframes in the world frame (the drive's ego trajectory, or
// one estimated from static tracks when the drive has no poses), optionally refined against the
// LiDAR, with the stretches that drift reported per track. docs/prelabel.md.
#include <cstdint>
#include <string>
#include <vector>

#include "fusion/progress.h"
#include "kernels/device.h"
#include "model/drive.h"
#include "model/frame_assembly.h"

namespace fuselabel {

struct PropagationOptions {
  int extend = 0;       // frames propagated before a track's first and after its last keyframe
  bool refine = true;   // LiDAR refinement where the drive has points (needs a SampleLoader)
  // Keys are noisy (a detector's boxes, quick annotation): the curve between them goes through
  // cross-validated smoothed values (propagation/key_smoothing.h); the keys are still copied.
  bool smooth_keys = false;
  Device device = Device::Cpu;
  Progress* progress = nullptr;  // told of the refinement's frames ("refine")
};

// Where a track was propagated: "world" (the drive's poses), "estimated_world" (ego motion
// estimated from static tracks) or "sensor" (each frame's own label frame: no trustworthy poses).
struct TrackPropagation {
  std::string track_id;
  std::string class_name;
  std::string motion_frame;
  std::vector<int64_t> keyframes;  // frame indices, ascending
  int64_t first_frame = 0, last_frame = 0;  // of the propagated cuboids, extension included
  bool moving = false;                      // world-frame speed above the class's threshold
  // With LiDAR refinement, per frame first_frame..last_frame: the fit score of the final cuboid
  // and the points inside it (NaN and -1 for frames without a cuboid or a sweep); empty otherwise.
  std::vector<double> fit_scores;
  std::vector<int32_t> lidar_points;
  // Frames to re-key: the cuboid's LiDAR support collapsed against its keyframes' (extrapolation
  // stops at the first such frame, which is then not written).
  std::vector<int64_t> flagged_frames;
};

// How the ego motion was estimated from the labels (labels-only drives).
struct EgoMotionEstimate {
  bool used = false;
  // Frames holding keyframes whose motion to the next frame fewer than two tracks agreed on:
  // it is taken from the nearest frame that had agreement, then bundle-adjusted.
  std::vector<int64_t> frames_with_too_few_static_tracks;
  std::vector<std::string> static_tracks;  // tracks agreeing with the ego motion at most of their frames
};

struct PropagationReport {
  std::vector<TrackPropagation> tracks;  // in LabelSet::tracks order
  EgoMotionEstimate ego_estimate;
};

struct PropagationResult {
  // In the keyframe set's own LabelFrame: one cuboid per track and frame from first_frame to
  // last_frame, keyframes unchanged (source Keyframe), others Interpolated / Extrapolated /
  // Refined with a confidence in (0, 1].
  LabelSet labels;
  PropagationReport report;
};

// `keyframes` holds tracks with cuboids at some frames of `drive` (LabelSet::frame as the drive's
// labels). `loader` reads the LiDAR for refinement; nullptr (or refine = false) skips it.
PropagationResult propagate_labels(const Drive& drive, const LabelSet& keyframes, const PropagationOptions& options,
                                   const SampleLoader* loader);

}  // namespace fuselabel
