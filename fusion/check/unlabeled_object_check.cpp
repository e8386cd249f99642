// unlabeled_object: an object nobody labelled. Above-ground clusters of LiDAR points that no
// cuboid explains (lidar_clusters.h), of the size of an object, linked frame to frame where they
// persist; a cluster seen in enough consecutive sweeps is flagged once, at the middle of its run.
// A single sweep's cluster may be noise or a glimpse; a persistent one is something labels miss.
#include <algorithm>
#include <cmath>

#include "fusion/check/label_checks.h"

namespace fuselabel {
namespace {

struct ClusterRun {
  std::vector<std::pair<int64_t, const LidarCluster*>> seen;  // frame, cluster
  bool open = true;
};

class UnlabeledObjectCheck : public Check {
 public:
  std::string name() const override { return "unlabeled_object"; }
  std::string summary() const override {
    return "above-ground LiDAR clusters of object size that no cuboid contains, persisting over frames";
  }
  std::vector<CheckParameter> parameters() const override {
    return {
        {"min_points", "points of an object-sized cluster", 1, 1e9, 10, {}},
        {"min_length_m", "smallest footprint extent of an object (m)", 0, 100, 0.3, {}},
        {"max_length_m", "largest footprint extent of an object (m)", 0, 100, 12, {}},
        {"min_height_m", "lowest top of an object above the ground (m)", 0, 100, 0.8, {}},
        {"min_frames", "consecutive sweeps a cluster must persist over", 1, 1e6, 5, {}},
        {"max_speed_mps", "fastest an unlabelled object may move between sweeps (m/s)", 0, 1000, 20, {}},
        {"link_m", "how far a cluster may move between sweeps besides its speed (m)", 0, 100, 1, {}},
    };
  }
  std::string unavailable(const CheckInputs& inputs) const override {
    if (!inputs.has_lidar()) return "needs LiDAR sweeps";
    for (int64_t f = 0; f < int64_t(inputs.drive().frames.size()); ++f)
      if (inputs.T_motion_label(f)) return "";
    return "needs the sweeps placed in a world frame (ego poses, or the world estimated from the labels)";
  }
  void run(const CheckInputs& inputs, const CheckSettings& s, std::vector<Flag>& flags) const override {
    const auto object_sized = [&](const LidarCluster& c) {
      return c.points >= s.get("min_points", "") && c.length_m >= s.get("min_length_m", "") &&
             c.length_m <= s.get("max_length_m", "") && c.height_m >= s.get("min_height_m", "");
    };
    std::vector<ClusterRun> runs;
    int64_t previous = -1;  // the previous frame with a sweep
    for (int64_t f = 0; f < int64_t(inputs.drive().frames.size()); ++f) {
      std::vector<const LidarCluster*> now;
      for (const LidarCluster& c : inputs.unexplained_clusters(f))
        if (object_sized(c)) now.push_back(&c);
      if (inputs.drive().frames[size_t(f)].lidar_sample < 0) continue;
      const double dt = previous < 0 ? 0
                                     : double(inputs.drive().frames[size_t(f)].timestamp_us -
                                              inputs.drive().frames[size_t(previous)].timestamp_us) *
                                           1e-6;
      const double gate = s.get("link_m", "") + s.get("max_speed_mps", "") * dt;
      // Nearest pairs first: each open run takes at most one cluster of this sweep.
      std::vector<std::tuple<double, size_t, size_t>> pairs;
      for (size_t r = 0; r < runs.size(); ++r) {
        if (!runs[r].open) continue;
        const Vec3<double> last = runs[r].seen.back().second->position;
        for (size_t c = 0; c < now.size(); ++c) {
          const double d = std::hypot(now[c]->position.x - last.x, now[c]->position.y - last.y);
          if (d <= gate) pairs.emplace_back(d, r, c);
        }
      }
      std::sort(pairs.begin(), pairs.end());
      std::vector<bool> run_taken(runs.size(), false), cluster_taken(now.size(), false);
      for (const auto& [d, r, c] : pairs) {
        if (run_taken[r] || cluster_taken[c]) continue;
        run_taken[r] = cluster_taken[c] = true;
        runs[r].seen.emplace_back(f, now[c]);
      }
      for (size_t r = 0; r < runs.size(); ++r)
        if (!run_taken[r]) runs[r].open = false;
      for (size_t c = 0; c < now.size(); ++c)
        if (!cluster_taken[c]) runs.push_back({{{f, now[c]}}, true});
      previous = f;
    }
    for (const ClusterRun& run : runs)
      if (double(run.seen.size()) >= s.get("min_frames", "")) flags.push_back(flag_for(inputs, run));
  }

 private:
  Flag flag_for(const CheckInputs& inputs, const ClusterRun& run) const {
    const auto& [frame, c] = run.seen[run.seen.size() / 2];
    const std::string first = inputs.frame_id(run.seen.front().first), last = inputs.frame_id(run.seen.back().first);
    Flag f = make_flag(inputs, name(), "unlabeled_cluster", Severity::Warning, frame, "",
                       "an unlabelled cluster of " + std::to_string(c->points) + " points, " + fixed(c->length_m, 1) +
                           " x " + fixed(c->width_m, 1) + " m and " + fixed(c->height_m, 1) +
                           " m high, persists over " + std::to_string(run.seen.size()) + " sweeps (frames " + first +
                           " to " + last + ") inside no cuboid: a missed object?");
    // Named by where its run starts, so the same cluster has the same id on every run.
    const Vec3<double>& p = run.seen.front().second->position;
    f.label_id = "cluster@" + first + ":" + fixed(p.x, 1) + "," + fixed(p.y, 1);
    f.metrics = {{"sweeps", double(run.seen.size())},
                 {"points", double(c->points)},
                 {"length_m", c->length_m},
                 {"width_m", c->width_m},
                 {"height_m", c->height_m},
                 {"range_m", c->range_m},
                 {"x", c->position.x},
                 {"y", c->position.y},
                 {"z", c->position.z}};
    f.score = double(run.seen.size());
    f.position = c->position;
    return f;
  }
};

}  // namespace

std::unique_ptr<Check> make_unlabeled_object_check() { return std::make_unique<UnlabeledObjectCheck>(); }

}  // namespace fuselabel
