#pragma once
// Where each labelled cuboid of a track should be, judged by its neighbours alone: a line fitted
// (least squares, in time) through up to `window` earlier cuboids predicts it from the left, one
// through later cuboids from the right. A single wrong box misses both predictions while its
// neighbours still predict each other; an identity swap (a step) misses the prediction from one
// side only, with each side consistent in itself. Heading is predicted the same way from the
// unwrapped yaw. Used by track_motion and track_identity.
#include <cstddef>
#include <optional>
#include <vector>

#include "fusion/check/check_inputs.h"

namespace fuselabel {

struct SidePrediction {
  double x = 0, y = 0, yaw = 0;  // yaw on the track's unwrapped scale
  double gap_s = 0;              // time from the nearest cuboid used to the predicted one
  double z = 0;
};

struct TrackPredictions {
  // Per observation with a box in the motion frame (index into TrackSeries::observations).
  std::vector<size_t> observation;
  std::vector<double> t, x, y, z, yaw;  // yaw unwrapped along the track
  std::vector<std::optional<SidePrediction>> left, right;

  size_t size() const { return observation.size(); }
  double left_error(size_t k) const;  // horizontal distance to the left prediction; -1 without one
  double right_error(size_t k) const;
  double left_yaw_error(size_t k) const;  // |wrapped yaw difference|; -1 without a prediction
  double right_yaw_error(size_t k) const;
  double left_z_error(size_t k) const;  // |vertical difference|; -1 without a prediction
  double right_z_error(size_t k) const;
};

// Neighbours more than max_gap_s apart do not predict each other (a track occluded for a
// while). A side needs two cuboids to fit a line through.
TrackPredictions predict_track(const TrackSeries& track, int window, double max_gap_s);

// The median of the available (>= 0) values, 0 when there are none: a track's typical residual.
double median_of_available(std::vector<double> values);

}  // namespace fuselabel
