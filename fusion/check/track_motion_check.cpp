// track_motion: a cuboid its own track's neighbours do not predict. Each labelled cuboid is
// predicted from the left and from the right (track_predictions.h); a position or heading that
// misses both is a single wrong box (a shifted centre, a heading turned by 180 degrees), a
// position that misses one side while each side predicts itself is a step (an identity swap or a
// relabelled object), and a speed beyond the class's is implausible. Tolerances grow with the
// track's own label noise (its median residual) and with the time predicted across.
#include <algorithm>
#include <cmath>

#include "fusion/check/label_checks.h"
#include "fusion/check/track_predictions.h"

namespace fuselabel {
namespace {

constexpr double kPi = 3.14159265358979323846;

class TrackMotionCheck : public TrackCheck {
 public:
  std::string name() const override { return "track_motion"; }
  std::string summary() const override {
    return "cuboids their track's neighbours do not predict: position jumps and steps, height jumps, 180-degree "
           "heading flips, implausible speed";
  }
  std::vector<CheckParameter> parameters() const override {
    return {
        {"jump_m", "smallest position miss flagged (m)", 0.01, 100, 0.25, {}},
        {"noise_factor", "times the track's median residual a miss must also exceed", 1, 100, 5, {}},
        {"accel_mps2",
         "acceleration the prediction allows for (m/s^2)",
         0,
         100,
         8,
         {{ObjectKind::Pedestrian, 4}, {ObjectKind::Cyclist, 6}}},
        {"window", "cuboids each side predicts from", 2, 50, 3, {}},
        {"max_gap_s", "neighbours further apart in time do not predict each other (s)", 0.01, 100, 0.35, {}},
        {"height_jump_m", "smallest vertical miss on both sides flagged (m)", 0.01, 100, 0.45, {}},
        {"flip_rad", "heading miss on both sides that is a flip (rad)", 1, kPi, 2.5, {}},
        {"yaw_jump_rad",
         "smallest heading miss on both sides flagged as a warning (rad)",
         0.05,
         kPi,
         0.8,
         {{ObjectKind::Pedestrian, 1.5}}},
        {"max_speed_mps",
         "speed beyond which a track is implausible (m/s)",
         0.1,
         1000,
         70,
         {{ObjectKind::Pedestrian, 10}, {ObjectKind::Cyclist, 25}}},
    };
  }

 private:
  void check_track(const CheckInputs& inputs, const CheckSettings& s, const TrackSeries& track,
                   std::vector<Flag>& flags) const override {
    const std::string& cls = track.class_name;
    const TrackPredictions p = predict_track(track, int(s.get("window", cls)), s.get("max_gap_s", cls));
    const size_t n = p.size();
    if (n < 3) return;
    std::vector<double> residuals, yaw_residuals;
    for (size_t k = 0; k < n; ++k) {
      residuals.push_back(p.left_error(k)), residuals.push_back(p.right_error(k));
      yaw_residuals.push_back(p.left_yaw_error(k)), yaw_residuals.push_back(p.right_yaw_error(k));
    }
    const double noise = median_of_available(residuals), yaw_noise = median_of_available(yaw_residuals);
    const double floor_m = std::max(s.get("jump_m", cls), s.get("noise_factor", cls) * noise);
    const double accel = s.get("accel_mps2", cls);
    // A line through the window misses a steady acceleration by about 2 a dt^2 one step ahead.
    const auto tolerance = [&](const std::optional<SidePrediction>& side) {
      return floor_m + 2 * accel * side->gap_s * side->gap_s;
    };
    const auto misses = [&](size_t k, bool left) {
      const auto& side = left ? p.left[k] : p.right[k];
      return side && (left ? p.left_error(k) : p.right_error(k)) > tolerance(side);
    };
    const auto meets = [&](size_t k, bool left) {
      const auto& side = left ? p.left[k] : p.right[k];
      return side && (left ? p.left_error(k) : p.right_error(k)) <= tolerance(side);
    };
    std::vector<bool> wrong(n, false);  // cuboids found wrong here, which the speed leaves out
    const double flip = s.get("flip_rad", cls);
    const double yaw_floor = std::max(s.get("yaw_jump_rad", cls), s.get("noise_factor", cls) * yaw_noise);
    for (size_t k = 0; k < n; ++k) {
      const TrackObservation& o = track.observations[p.observation[k]];
      // A spike: both sides miss; at an end of a run, the one side misses and its next cuboid is fine.
      const bool both = p.left[k] && p.right[k];
      const bool spike = both ? misses(k, true) && misses(k, false)
                              : (p.left[k] && misses(k, true) && k >= 1 && meets(k - 1, true)) ||
                                    (p.right[k] && misses(k, false) && k + 1 < n && meets(k + 1, false));
      if (spike) {
        wrong[k] = true;
        const double miss = std::min(p.left[k] ? p.left_error(k) : 1e300, p.right[k] ? p.right_error(k) : 1e300);
        const double tol =
            std::min(p.left[k] ? tolerance(p.left[k]) : 1e300, p.right[k] ? tolerance(p.right[k]) : 1e300);
        Flag f = make_flag(inputs, name(), "position_jump", Severity::Error, o.frame, track.track_id,
                           "the cuboid is " + fixed(miss, 2) + " m from where its neighbours in the track put it");
        f.metrics = {{"miss_m", miss}, {"tolerance_m", tol}, {"track_noise_m", noise}};
        f.score = miss / tol;
        flags.push_back(std::move(f));
      }
      // A step between k-1 and k: each side continues itself but not the other.
      if (k >= 1 && misses(k, true) && misses(k - 1, false) && meets(k, false) && meets(k - 1, true)) {
        wrong[k] = wrong[k - 1] = true;  // no speed across the step
        const double jump = std::hypot(p.x[k] - p.x[k - 1], p.y[k] - p.y[k - 1]);
        Flag f = make_flag(inputs, name(), "position_step", Severity::Error, o.frame, track.track_id,
                           "the track jumps " + fixed(jump, 2) +
                               " m here and continues from there: another object under the same id?");
        f.metrics = {{"miss_m", p.left_error(k)}, {"tolerance_m", tolerance(p.left[k])}, {"jump_m", jump}};
        f.score = p.left_error(k) / tolerance(p.left[k]);
        flags.push_back(std::move(f));
      }
      const double yl = p.left_yaw_error(k), yr = p.right_yaw_error(k);
      // As for positions: both sides miss, or at a run's end its one side misses while the next
      // cuboid on that side is predicted well.
      const auto fine_yaw = [&](double e) { return e >= 0 && e <= yaw_floor; };
      const double yaw_miss = both                                                            ? std::min(yl, yr)
                              : p.left[k] && k >= 1 && fine_yaw(p.left_yaw_error(k - 1))      ? yl
                              : p.right[k] && k + 1 < n && fine_yaw(p.right_yaw_error(k + 1)) ? yr
                                                                                              : -1;
      if (yaw_miss > flip) {
        Flag f = make_flag(
            inputs, name(), "heading_flip", Severity::Error, o.frame, track.track_id,
            "the heading is turned by " + fixed(yaw_miss * 180 / kPi, 0) + " degrees against its neighbours'");
        f.metrics = {{"heading_miss_rad", yaw_miss}, {"flip_rad", flip}};
        f.score = yaw_miss / flip;
        flags.push_back(std::move(f));
      } else if (yaw_miss > yaw_floor) {
        Flag f =
            make_flag(inputs, name(), "heading_jump", Severity::Warning, o.frame, track.track_id,
                      "the heading differs by " + fixed(yaw_miss * 180 / kPi, 0) + " degrees from its neighbours'");
        f.metrics = {{"heading_miss_rad", yaw_miss}, {"tolerance_rad", yaw_floor}};
        f.score = yaw_miss / yaw_floor;
        flags.push_back(std::move(f));
      }
    }
    check_height(inputs, s, track, p, flags);
    check_speed(inputs, s, track, p, wrong, flags);
  }

  // A cuboid above or below where its neighbours put it (objects keep to the ground), judged like
  // a heading: both sides miss, or at a run's end its one side misses while the next is fine.
  void check_height(const CheckInputs& inputs, const CheckSettings& s, const TrackSeries& track,
                    const TrackPredictions& p, std::vector<Flag>& flags) const {
    const std::string& cls = track.class_name;
    std::vector<double> residuals;
    for (size_t k = 0; k < p.size(); ++k)
      residuals.push_back(p.left_z_error(k)), residuals.push_back(p.right_z_error(k));
    const double tol =
        std::max(s.get("height_jump_m", cls), s.get("noise_factor", cls) * median_of_available(residuals));
    const auto fine = [&](double e) { return e >= 0 && e <= tol; };
    for (size_t k = 0; k < p.size(); ++k) {
      const double zl = p.left_z_error(k), zr = p.right_z_error(k);
      const double miss = p.left[k] && p.right[k]                                          ? std::min(zl, zr)
                          : p.left[k] && k >= 1 && fine(p.left_z_error(k - 1))             ? zl
                          : p.right[k] && k + 1 < p.size() && fine(p.right_z_error(k + 1)) ? zr
                                                                                           : -1;
      if (miss <= tol) continue;
      const TrackObservation& o = track.observations[p.observation[k]];
      Flag f =
          make_flag(inputs, name(), "height_jump", Severity::Error, o.frame, track.track_id,
                    "the cuboid is " + fixed(miss, 2) + " m above or below where its neighbours in the track put it");
      f.metrics = {{"miss_m", miss}, {"tolerance_m", tol}};
      f.score = miss / tol;
      flags.push_back(std::move(f));
    }
  }

  // The fastest stretch of the track, between cuboids at most max_gap_s apart.
  void check_speed(const CheckInputs& inputs, const CheckSettings& s, const TrackSeries& track,
                   const TrackPredictions& p, const std::vector<bool>& wrong, std::vector<Flag>& flags) const {
    const double limit = s.get("max_speed_mps", track.class_name), gap = s.get("max_gap_s", track.class_name);
    double fastest = 0;
    size_t at = 0;
    // Over two steps, between cuboids not found wrong above.
    for (size_t k = 2; k < p.size(); ++k) {
      const double dt = p.t[k] - p.t[k - 2];
      if (dt <= 0 || dt > 2 * gap || wrong[k] || wrong[k - 2]) continue;
      const double v = std::hypot(p.x[k] - p.x[k - 2], p.y[k] - p.y[k - 2]) / dt;
      if (v > fastest) fastest = v, at = k - 1;
    }
    if (fastest <= limit) return;
    const TrackObservation& o = track.observations[p.observation[at]];
    Flag f = make_flag(
        inputs, name(), "speed", Severity::Warning, o.frame, track.track_id,
        "moves at " + fixed(fastest, 1) + " m/s, beyond " + fixed(limit, 0) + " m/s for a " + track.class_name);
    f.metrics = {{"speed_mps", fastest}, {"max_speed_mps", limit}};
    f.score = fastest / limit;
    flags.push_back(std::move(f));
  }
};

}  // namespace

std::unique_ptr<Check> make_track_motion_check() { return std::make_unique<TrackMotionCheck>(); }

}  // namespace fuselabel
