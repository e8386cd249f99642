#pragma once
// A camera's time offset from its images: the capture time shift at which the LiDAR's edges on
// labelled moving objects, moved as the camera and the objects move (AlignmentView::mean_score's
// earlier_s), fall best on the image's edges, summed over many images. Images without moving
// objects in sight say nothing about it.
#include <cstddef>
#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "fusion/check/check_inputs.h"
#include "fusion/check/edge_alignment.h"

namespace fuselabel {

// The shifts a camera's time offset is scored at: -max..max seconds every step.
std::vector<double> time_shift_grid(double max_s, double step_s);

// A view's alignment score (weighted as in alignment_score) at each shift, nominal extrinsic.
std::vector<double> time_shift_scores(const AlignmentView& view, const std::vector<double>& shifts);

// Sums of views' time_shift_scores, kept in interleaved subsets (view i into subset i % n) so the
// estimate's spread can be measured.
struct TimeShiftCurves {
  std::vector<double> shifts;
  std::vector<std::vector<double>> subsets;
  size_t views = 0;

  TimeShiftCurves(std::vector<double> shifts, size_t subsets);
  void add(const AlignmentView& view);
};

struct TimeOffsetEstimate {
  double offset_s = 0;       // the recorded times are this much later than the captures
  double uncertainty_s = 0;  // the subsets' spread over sqrt(subsets)
  double gain = 0;           // score at the offset over score at 0, less 1
  double sharpness = 0;      // 1 less the mean score 10 ms either side of the peak over the peak's
  size_t views = 0;
  // camera_time_offsets: the moving objects seen in enough images, and those of them whose own
  // estimate agrees with the camera's (a real offset moves every object alike; a label error,
  // one object).
  size_t tracks = 0, agreeing_tracks = 0;
};

// The peak of the summed curve, refined by a parabola through it and its neighbours.
TimeOffsetEstimate estimate_time_offset(const TimeShiftCurves& curves);

struct CameraTimeOffsetSettings {
  int64_t frame_step = 2;  // every this many-th frame's images
  size_t min_edges = 10;   // an image with fewer moving objects' edges in sight says too little
  double max_shift_s = 0.15, shift_step_s = 0.002;
  size_t subsets = 3;
  size_t min_object_edges = 5;                   // an object's edges in one image that count towards its own estimate
  size_t min_track_images = 3;                   // images an object's own estimate needs
  double min_track_sharpness = 0.01;             // an object's own curve that is flatter says nothing
  double agree_s = 0.005, agree_fraction = 0.5;  // an object agrees within max(agree_s, fraction x offset)
};

// Per camera with images that enough edges of labelled moving objects fall into: its estimated
// time offset over the drive, from those edges alone. (The static world's edges, moved by the
// camera's own motion, are left out: on simulated drives their estimate was off by up to 45 ms
// where the objects' was within 2 ms.)
std::map<std::string, TimeOffsetEstimate> camera_time_offsets(const CheckInputs& inputs,
                                                              const CameraTimeOffsetSettings& settings = {});

}  // namespace fuselabel
