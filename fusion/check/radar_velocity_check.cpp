// radar_velocity: radar returns inside a cuboid whose radial velocities disagree with the
// track's motion. A radar measures only the radial component, so the track's velocity at each
// return (its centre's, plus its yaw rate's share at the return's offset) is projected on the
// line of sight from the sensor; where the scan's vr is as measured from the moving sensor, the
// sensor's own velocity is taken off first. The residuals' median decides, and enough of them
// must agree, so one stray return (clutter, a wheel) does not flag a cuboid.
#include <algorithm>
#include <cmath>

#include "fusion/check/label_checks.h"

namespace fuselabel {
namespace {

class RadarVelocityCheck : public Check {
 public:
  std::string name() const override { return "radar_velocity"; }
  std::string summary() const override {
    return "radar returns in a cuboid whose radial velocities disagree with its track's motion";
  }
  std::vector<CheckParameter> parameters() const override {
    return {
        {"velocity_noise_mps", "the radar's radial velocity noise, one sigma (m/s)", 0.001, 100, 0.2, {}},
        {"noise_factor", "times the noise a residual must exceed", 1, 100, 4, {}},
        {"min_mps", "smallest residual flagged, whatever the noise (m/s)", 0, 100, 0.5, {}},
        {"min_returns", "returns that must each disagree, the same way", 1, 1000, 2, {}},
        {"error_factor", "times the tolerance the median residual must reach for an error", 1, 100, 2, {}},
    };
  }
  std::string unavailable(const CheckInputs& inputs) const override {
    if (!inputs.has_radar()) return "needs radar scans";
    return inputs.radar_judged() ? "" : "needs LiDAR sweeps, ego poses and tracks in the world";
  }
  void run(const CheckInputs& inputs, const CheckSettings& s, std::vector<Flag>& flags) const override {
    const auto& boxes = inputs.labels().boxes;
    for (size_t i = 0; i < boxes.size(); ++i) {
      const std::vector<RadarReturn>& returns = inputs.radar(i);
      const CuboidLabel& label = boxes[i];
      const TrackSeries* track = inputs.track(label.track_id);
      if (returns.empty() || !track || track->in_label_frame) continue;
      const std::string cls = inputs.labels().class_of(label);
      const double min_returns = s.get("min_returns", cls);
      if (double(returns.size()) < min_returns) continue;
      const std::optional<MotionNear> motion = inputs.motion_near(*track, label.timestamp_us, 0);
      if (!motion) continue;
      std::vector<double> residuals;
      for (const RadarReturn& r : returns) residuals.push_back(r.vr - predicted_vr(*motion, r));
      const double tol = std::max(s.get("min_mps", cls), s.get("noise_factor", cls) * s.get("velocity_noise_mps", cls));
      const double m = median(residuals);
      const auto agreeing = std::count_if(residuals.begin(), residuals.end(),
                                          [&](double r) { return std::fabs(r) > tol && (r > 0) == (m > 0); });
      if (std::fabs(m) <= tol || double(agreeing) < min_returns) continue;
      const bool error = std::fabs(m) >= s.get("error_factor", cls) * tol;
      Flag f = make_flag(inputs, name(), "radial_velocity", error ? Severity::Error : Severity::Warning, label.frame,
                         label.track_id,
                         std::to_string(agreeing) + " of " + std::to_string(returns.size()) +
                             " radar returns have a radial velocity " + fixed(std::fabs(m), 1) + " m/s " +
                             (m > 0 ? "above" : "below") +
                             " what the track's motion gives: its velocity (or the object under it) is wrong");
      f.sensor = returns.front().sensor;
      f.timestamp_us = returns.front().timestamp_us;
      f.metrics = {{"median_residual_mps", m},
                   {"tolerance_mps", tol},
                   {"returns", double(returns.size())},
                   {"agreeing", double(agreeing)},
                   {"speed_mps", std::sqrt(dot(motion->velocity, motion->velocity))}};
      f.score = std::fabs(m) / tol;
      flags.push_back(std::move(f));
    }
  }

 private:
  // The radial velocity the track's motion gives the return, as its scan reports it.
  static double predicted_vr(const MotionNear& motion, const RadarReturn& r) {
    const double dt = double(r.timestamp_us - motion.timestamp_us) * 1e-6;
    const Vec3<double> centre = motion.box.center + dt * motion.velocity;
    const Vec3<double> offset = r.point - centre;
    const Vec3<double> v_point =
        motion.velocity + Vec3<double>{-motion.yaw_rate * offset.y, motion.yaw_rate * offset.x, 0};
    const Vec3<double> ray = r.point - r.sensor_position;
    const Vec3<double> u = (1.0 / std::sqrt(dot(ray, ray))) * ray;
    return dot(r.ego_compensated ? v_point : v_point - r.sensor_velocity, u);
  }
};

}  // namespace

std::unique_ptr<Check> make_radar_velocity_check() { return std::make_unique<RadarVelocityCheck>(); }

}  // namespace fuselabel
