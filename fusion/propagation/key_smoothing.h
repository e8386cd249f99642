#pragma once
// Smoothing of a track's keyframe values where the keys themselves are noisy (an annotator's
// or a detector's boxes): an interpolating spline passes through every key's error and
// overshoots between keys, where linear interpolation would average it. So the curve between
// keys goes through smoothed knot values instead (the keys themselves are still copied
// exactly at their own frames).
//
// The smoothing is a cubic smoothing spline (Reinsch: least squares at the keys plus alpha
// times the integral of the squared second derivative) whose weight alpha is chosen by
// leave-one-out cross-validation, interpolation (alpha = 0) included: the curve that best
// predicts each key from the others. Exact keys of smooth motion keep the interpolating curve;
// noisy ones get smoothed as much as their scatter calls for. Leaving a key out doubles the gap
// a key is predicted across, so cross-validation also trades real but hard-to-interpolate
// motion for smoothness: on careful human keys (KITTI) it costs accuracy, which is why
// PropagationOptions::smooth_keys is off by default.
#include <cstddef>
#include <vector>

namespace fuselabel {

// Fewer keys than this are never smoothed (cross-validation needs some to leave out).
constexpr size_t kMinKeysToSmooth = 6;

// Knot values of the smoothing spline through every series (sampled at the same times t,
// strictly increasing; x and y of a centre share one weight), with the weight that minimises
// the leave-one-out error summed over the series. The series themselves when interpolation
// predicts best or there are fewer than kMinKeysToSmooth times.
std::vector<std::vector<double>> smoothed_knots(const std::vector<double>& t,
                                                const std::vector<std::vector<double>>& series);

// The pieces, for tests: with weight alpha >= 0 (at least three knots), the knot values of the
// natural cubic smoothing spline, and the sum of its squared leave-one-out residuals (key i
// predicted by the same weight's spline through the other keys).
std::vector<double> smoothing_spline_knots(const std::vector<double>& t, const std::vector<double>& y, double alpha);
double smoothing_spline_leave_one_out(const std::vector<double>& t, const std::vector<double>& y, double alpha);

}  // namespace fuselabel
