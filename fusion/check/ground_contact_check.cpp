// ground_contact: a cuboid floating above the ground or sunk into it, the ground's height under
// it estimated from the sweep's points around it (ground_height.h). Objects stand on the ground,
// so their cuboids' bottoms should be within a few centimetres of it (terrain and curbs allowing).
#include <cmath>

#include "fusion/check/label_checks.h"

namespace fuselabel {
namespace {

class GroundContactCheck : public Check {
 public:
  std::string name() const override { return "ground_contact"; }
  std::string summary() const override {
    return "a cuboid whose bottom floats above or sinks into the ground the LiDAR shows around it";
  }
  std::vector<CheckParameter> parameters() const override {
    return {
        {"warn_m", "gap between the cuboid's bottom and the ground that is a warning (m)", 0, 100, 0.3, {}},
        {"error_m", "gap that is an error (m)", 0, 100, 0.5, {}},
        {"min_ground_points", "ground points around the cuboid the estimate needs", kMinGroundPoints, 1e9, 10, {}},
        {"max_range_m", "range beyond which the ground is not judged (m)", 0, 1e4, 50, {}},
    };
  }
  std::string unavailable(const CheckInputs& inputs) const override {
    return inputs.has_lidar() ? "" : "needs LiDAR sweeps";
  }
  void run(const CheckInputs& inputs, const CheckSettings& s, std::vector<Flag>& flags) const override {
    const auto& boxes = inputs.labels().boxes;
    for (size_t i = 0; i < boxes.size(); ++i) {
      const std::optional<CuboidLidar>& lidar = inputs.lidar(i);
      if (!lidar || !lidar->ground) continue;
      const CuboidLabel& label = boxes[i];
      const std::string cls = inputs.labels().class_of(label);
      const GroundHeight& g = *lidar->ground;
      if (g.points < s.get("min_ground_points", cls) || lidar->range_m > s.get("max_range_m", cls)) continue;
      const double gap = std::fabs(g.height_m);
      if (gap < s.get("warn_m", cls)) continue;
      const bool error = gap >= s.get("error_m", cls);
      const bool sunk = g.height_m > 0;
      Flag f = make_flag(inputs, name(), sunk ? "sunk" : "floating", error ? Severity::Error : Severity::Warning,
                         label.frame, label.track_id,
                         std::string("the cuboid's bottom is ") + fixed(gap, 2) + " m " + (sunk ? "below" : "above") +
                             " the ground around it (" + std::to_string(g.points) + " ground points)");
      f.label_id = label.track_id.empty() ? label.id : "";
      f.metrics = {
          {"ground_above_bottom_m", g.height_m}, {"ground_points", double(g.points)}, {"range_m", lidar->range_m}};
      f.score = gap / s.get(error ? "error_m" : "warn_m", cls);
      flags.push_back(std::move(f));
    }
  }
};

}  // namespace

std::unique_ptr<Check> make_ground_contact_check() { return std::make_unique<GroundContactCheck>(); }

}  // namespace fuselabel
