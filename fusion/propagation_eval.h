#pragma once
// `fuselabel eval-propagation`: keyframe propagation measured against ground truth. Keep some
// frames of each ground-truth track as keyframes, propagate them (fuselabel's propagate_labels,
// no extension) and interpolate them (the component-wise linear baseline,
// fusion/linear_interpolation.h), and compare both with the dropped ground truth, pair by pair
// (same track id, same frame): centre distance, yaw error, BEV and 3D IoU, overall and for
// turning tracks. Labels without a track id take no part.
#include <cstdint>
#include <limits>
#include <set>
#include <string>
#include <vector>

#include "fusion/propagation.h"
#include "kernels/device.h"
#include "model/drive.h"
#include "model/frame_assembly.h"

namespace fuselabel {

// Which of a track's frames are kept as keyframes (always with its first and last frame).
enum class KeyframeProtocol {
  DriveFrame,   // "drive-frame": frames F with F % K == 0, F the drive's frame index
  TrackFrames,  // "track-frames": every Kth of the track's labelled frames from its first (0, K, 2K, ...)
  TrackOffset,  // "track-offset": frames F with (F - first) % K == 0, F labelled
};
const char* keyframe_protocol_name(KeyframeProtocol protocol);
// Throws std::invalid_argument for an unknown name.
KeyframeProtocol parse_keyframe_protocol(const std::string& name);

struct KeyframeSelectionOptions {
  int64_t keyframe_every = 10;  // K >= 1
  KeyframeProtocol protocol = KeyframeProtocol::DriveFrame;
  // Also keep the labelled frames on either side of each gap in a track (frames it is not
  // labelled at), so nothing is interpolated across a gap: each stretch is its own track.
  bool keep_gap_ends = false;
};

struct KeyframeSplit {
  LabelSet keyframes;  // ground truth's name, taxonomy, frame and tracks; the kept cuboids
  LabelSet dropped;    // the other cuboids of tracks (what is scored)
};
// Throws std::invalid_argument for K < 1 or a track with two cuboids at one frame.
KeyframeSplit select_keyframes(const LabelSet& ground_truth, const KeyframeSelectionOptions& options);

// A track turns when its heading in the label set's own frame differs by more than this between
// its first and last labelled frame (wrapped to [0, 180] deg). In a sensor frame that includes
// the ego's own turning: what makes propagating there hard.
constexpr double kTurningDeg = 20.0;
std::set<std::string> turning_tracks(const LabelSet& ground_truth, double threshold_deg = kTurningDeg);

// One dropped ground-truth cuboid against a method's cuboid of the same track and frame.
struct DroppedFrameError {
  std::string track_id;
  int64_t frame = 0;
  bool turning = false;
  bool predicted = false;  // false: the method left no cuboid there (the errors below are unset)
  double centre_m = 0;     // centre distance
  double yaw_deg = 0;      // heading difference (box_yaw), wrapped to [0, 180]
  double bev_iou = 0, iou_3d = 0;  // kernels/box_overlap.h (yaw-only boxes)
};
// In `dropped` order. Throws std::invalid_argument when `predicted` has two cuboids of a track
// at one frame.
std::vector<DroppedFrameError> dropped_frame_errors(const LabelSet& predicted, const LabelSet& dropped,
                                                    const std::set<std::string>& turning, Device device);

struct PropagationMetrics {
  static constexpr double kNone = std::numeric_limits<double>::quiet_NaN();
  int64_t count = 0;    // dropped cuboids with a prediction (the means are over these)
  int64_t missing = 0;  // dropped cuboids without one
  double mean_centre_m = kNone, median_centre_m = kNone, mean_yaw_deg = kNone;
  double mean_bev_iou = kNone, mean_iou_3d = kNone;
};
PropagationMetrics summarize_errors(const std::vector<DroppedFrameError>& errors, bool turning_only);

struct MethodMetrics {
  PropagationMetrics overall, turning;
};
MethodMetrics summarize_method(const std::vector<DroppedFrameError>& errors);

// The linear baseline alone (no drive needed): keyframes selected, interpolated, scored.
std::vector<DroppedFrameError> evaluate_linear(const LabelSet& ground_truth, const KeyframeSelectionOptions& options,
                                               Device device);

// Annotator-like noise put on the kept keyframes before either method sees them (both see the
// same): the centre moved in x and y and the heading turned, each Gaussian. Zero: exact keys.
struct KeyframeNoise {
  double centre_sigma_m = 0, yaw_sigma_deg = 0;
  uint64_t seed = 1;
};
// The keyframes with `noise` applied (x, y in the label set's frame, yaw about its z), drawn
// from a seeded 64-bit Mersenne Twister through sim/sim_random.h's normal_from_bits, so the
// same seed gives the same boxes on every platform.
LabelSet add_keyframe_noise(LabelSet keyframes, const KeyframeNoise& noise);

struct PropagationEvalOptions {
  KeyframeSelectionOptions selection;
  KeyframeNoise noise;
  bool refine = true;  // PropagationOptions::refine
  bool smooth_keys = false;  // PropagationOptions::smooth_keys
  Device device = Device::Cpu;
};

struct PropagationEvaluation {
  KeyframeSelectionOptions selection;
  int64_t keyframes = 0, dropped = 0;  // cuboids
  int64_t tracks = 0;                  // tracks with cuboids
  std::vector<std::string> turning_tracks;
  std::vector<DroppedFrameError> fuselabel_errors, linear_errors;
  MethodMetrics fuselabel, linear;
  PropagationReport propagation;
};

// `ground_truth` is in the drive's label frame. `loader` reads the LiDAR for refinement.
PropagationEvaluation evaluate_propagation(const Drive& drive, const LabelSet& ground_truth,
                                           const PropagationEvalOptions& options, const SampleLoader* loader);

}  // namespace fuselabel
