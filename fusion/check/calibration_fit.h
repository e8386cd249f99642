#pragma once
// A camera's extrinsic fitted on a window of frames: the correction that best aligns the sweeps'
// depth edges with the images' edges on all of them together (edge_alignment.h), and its
// uncertainty from the spread of fits on interleaved subsets of those frames.
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "fusion/check/check_inputs.h"
#include "fusion/check/edge_alignment.h"

namespace fuselabel {

struct CalibrationFit {
  ExtrinsicDelta delta;  // T_true_nominal of the fitted extrinsic
  double rotation_uncertainty_deg = 0;
  double translation_uncertainty_m = 0;
  size_t views = 0;  // images fitted on
};

// Fits on the images of `camera` at `frames`, climbing from `start`. With a `reference` (the fit
// before a change), the fit moves from it: by a rotation, or a translation, or where that
// explains clearly less, by both.
CalibrationFit fit_calibration(const CheckInputs& inputs, const std::string& camera, const std::vector<int64_t>& frames,
                               const ExtrinsicDelta& start,
                               const std::optional<ExtrinsicDelta>& reference = std::nullopt);

// The change from `before` to `after` as a correction of the nominal extrinsic: the same method's
// biases (where the image's edges sit within a pixel, the edges' placement between rays) are in
// both fits and cancel, where the calibration fitted before the change is taken as right.
// Uncertainties add in quadrature; views are after's.
CalibrationFit change_between(const CalibrationFit& before, const CalibrationFit& after);

// The fitted extrinsic as flag metrics, in the convention the simulator's injected errors use:
// T_ego_cam_true = T_ego_cam_nominal * T_nominal_true, T_nominal_true as rotation_deg about
// axis_x/y/z and translation tx_m/ty_m/tz_m (translation_m its length), plus the uncertainties.
std::map<std::string, double> correction_metrics(const CalibrationFit& fit);
// The inverse: T_true_nominal from correction_metrics' values.
ExtrinsicDelta delta_from_metrics(const std::map<std::string, double>& metrics);

}  // namespace fuselabel
