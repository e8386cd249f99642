#pragma once
// The two evidence pictures of one flag (evidence_pictures.h), drawn from the frame's sweep and
// the checked labels.
#include <opencv2/core.hpp>
#include <optional>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include "fusion/check/check_flag.h"
#include "fusion/check/check_inputs.h"
#include "model/frame.h"

namespace fuselabel {

// What a flag points at: its frame and the tracks and labels it names.
struct EvidenceSubject {
  int64_t frame = -1;
  std::set<std::string> tracks;          // the flag's track and its other track
  std::set<std::string> labels;          // cuboid or 2D box ids of untracked labels (box_overlap names two, "a|b")
  std::string camera;                    // the flag's sensor, where it is a camera
  int64_t timestamp_us = 0;              // the flag's: its image's where it names a camera
  std::optional<Vec3<double>> position;  // the flag's, in the motion frame (drawn as a red ring)

  static EvidenceSubject of(const CheckInputs& inputs, const Flag& flag);
  bool names(const CuboidLabel& label) const;
  bool names(const ImageBoxLabel& box) const;
  bool primary(const std::string& track_id) const { return track_id == primary_track; }
  std::string primary_track;  // the flag's own track (drawn red; the other track orange)
};

// The camera image of the frame that shows the subject best (the flag's own image where it
// names a camera), cropped around the subject: cuboid wireframes projected at the image's time, the
// subject's 2D boxes, the sweep's points by depth. nullopt when no image of the frame shows it.
// `sweep` may be empty (a labels-only drive).
std::optional<cv::Mat> camera_evidence(const CheckInputs& inputs, const FrameData& frame,
                                       const EvidenceSubject& subject);

// Top view around the subject in the frame the tracks move in: the subject's cuboids over
// `neighbour_frames` frames either side (the flagged frame's outlined thick), the other cuboids of
// the frame in grey, the sweep's points, a 5 m grid. nullopt when the subject has no cuboid.
std::optional<cv::Mat> bev_evidence(const CheckInputs& inputs, const FrameData& frame, const EvidenceSubject& subject,
                                    int neighbour_frames);

// A camera calibration finding's overlays (calibration_drift): the LiDAR's edges over the image
// before the change and after it through the nominal extrinsic, and after it through the
// corrected one (the flag's metrics), each with its caption; named "before", "after",
// "corrected". Empty where the frames have no image of the camera.
std::vector<std::pair<std::string, cv::Mat>> calibration_evidence(const CheckInputs& inputs, const Flag& flag);

}  // namespace fuselabel
