// lidar_support: a cuboid its LiDAR points do not support. An object's points spilling out of
// the box into a ring around it (owned by no other cuboid, above the ground) say the box is
// offset from its object or too small; a near cuboid with hardly any points inside may label
// nothing, or an object hidden behind another (information only: occlusion is not known here).
#include <cmath>

#include "fusion/check/label_checks.h"

namespace fuselabel {
namespace {

class LidarSupportCheck : public Check {
 public:
  std::string name() const override { return "lidar_support"; }
  std::string summary() const override {
    return "a cuboid whose object's points spill out of it (offset box), or a near cuboid with too few points";
  }
  std::vector<CheckParameter> parameters() const override {
    return {
        {"min_spill_points", "points in the ring around the cuboid before a spill is flagged", 1, 1e9, 15, {}},
        {"spill_share", "share of ring points among inside + ring points that is a spill", 0, 1, 0.3, {}},
        {"near_m", "range within which an empty cuboid is flagged (m)", 0, 1e4, 20, {}},
        {"min_points_near",
         "fewest points a cuboid within near_m should hold",
         0,
         1e9,
         3,
         {{ObjectKind::Pedestrian, 2}, {ObjectKind::Other, 1}}},
    };
  }
  std::string unavailable(const CheckInputs& inputs) const override {
    return inputs.has_lidar() ? "" : "needs LiDAR sweeps";
  }
  void run(const CheckInputs& inputs, const CheckSettings& s, std::vector<Flag>& flags) const override {
    const auto& boxes = inputs.labels().boxes;
    for (size_t i = 0; i < boxes.size(); ++i) {
      const std::optional<CuboidLidar>& lidar = inputs.lidar(i);
      if (!lidar) continue;
      const CuboidLabel& label = boxes[i];
      const std::string cls = inputs.labels().class_of(label);
      const int32_t total = lidar->points + lidar->ring_points;
      const double share = total > 0 ? double(lidar->ring_points) / total : 0;
      if (lidar->ring_points >= s.get("min_spill_points", cls) && share >= s.get("spill_share", cls)) {
        Flag f =
            make_flag(inputs, name(), "spill", Severity::Error, label.frame, label.track_id,
                      std::to_string(lidar->ring_points) + " points just outside the cuboid against " +
                          std::to_string(lidar->points) + " inside: the box is offset from its object or too small");
        f.label_id = label.track_id.empty() ? label.id : "";
        f.metrics = {
            {"points", double(lidar->points)}, {"ring_points", double(lidar->ring_points)}, {"spill_share", share}};
        f.score = share / s.get("spill_share", cls);
        flags.push_back(std::move(f));
      }
      if (lidar->range_m <= s.get("near_m", cls) && lidar->points < s.get("min_points_near", cls)) {
        Flag f = make_flag(inputs, name(), "few_points", Severity::Info, label.frame, label.track_id,
                           "only " + std::to_string(lidar->points) + " LiDAR points in a cuboid " +
                               fixed(lidar->range_m, 1) + " m from the sensor");
        f.label_id = label.track_id.empty() ? label.id : "";
        f.metrics = {{"points", double(lidar->points)}, {"range_m", lidar->range_m}};
        flags.push_back(std::move(f));
      }
    }
  }
};

}  // namespace

std::unique_ptr<Check> make_lidar_support_check() { return std::make_unique<LidarSupportCheck>(); }

}  // namespace fuselabel
