// propagation_drift: propagated cuboids whose LiDAR fit degrades, from prelabel's report (the
// labels checked are a prelabel output folder). The fit score grows with the points a cuboid
// holds, so a cuboid is judged by its score per point against the median of its track's; the
// frames prelabel itself asks to re-key (the LiDAR support collapsed) are errors.
#include <algorithm>

#include "fusion/check/label_checks.h"

namespace fuselabel {
namespace {

class PropagationDriftCheck : public Check {
 public:
  std::string name() const override { return "propagation_drift"; }
  std::string summary() const override {
    return "propagated cuboids whose LiDAR fit degrades against their track's (from prelabel's report)";
  }
  std::vector<CheckParameter> parameters() const override {
    return {
        {"min_points", "points a cuboid's fit is judged on", 1, 1e9, 10, {}},
        {"warn_share", "share of the track's median fit per point below which a cuboid is a warning", 0, 1, 0.5, {}},
        {"error_share", "share below which it is an error", 0, 1, 0.25, {}},
    };
  }
  std::string unavailable(const CheckInputs& inputs) const override {
    return inputs.propagation() ? "" : "needs a prelabel output folder as --labels (its prelabel_report.json)";
  }
  void run(const CheckInputs& inputs, const CheckSettings& s, std::vector<Flag>& flags) const override {
    for (const PropagatedTrack& t : inputs.propagation()->tracks) {
      const TrackSeries* series = inputs.track(t.track_id);
      const std::string cls = series ? series->class_name : "";
      for (int64_t frame : t.flagged_frames) {
        Flag f = make_flag(inputs, name(), "support_collapsed", Severity::Error, frame, t.track_id,
                           "prelabel found the propagated cuboid's LiDAR support collapsed against its keyframes': "
                           "add a keyframe here");
        flags.push_back(std::move(f));
      }
      const double min_points = s.get("min_points", cls);
      const auto judged = [&](const PropagatedFrame& f) {
        return f.fit_score && f.lidar_points && double(*f.lidar_points) >= min_points;
      };
      std::vector<double> per_point;
      for (const PropagatedFrame& f : t.frames)
        if (judged(f)) per_point.push_back(*f.fit_score / double(*f.lidar_points));
      if (per_point.size() < 3) continue;
      const double track_median = median(per_point);
      if (track_median <= 0) continue;
      for (const PropagatedFrame& f : t.frames) {
        if (f.source == LabelSource::Keyframe || !judged(f) ||
            std::count(t.flagged_frames.begin(), t.flagged_frames.end(), f.frame))
          continue;
        const double share = *f.fit_score / double(*f.lidar_points) / track_median;
        if (share >= s.get("warn_share", cls)) continue;
        const bool error = share < s.get("error_share", cls);
        Flag flag = make_flag(
            inputs, name(), "fit_degraded", error ? Severity::Error : Severity::Warning, f.frame, t.track_id,
            "the " + std::string(label_source_name(f.source)) + " cuboid fits its " + std::to_string(*f.lidar_points) +
                " LiDAR points at " + fixed(100 * share, 0) + "% of its track's median fit per point");
        flag.metrics = {{"fit_score", *f.fit_score},
                        {"lidar_points", double(*f.lidar_points)},
                        {"share_of_track_median", share},
                        {"track_median_per_point", track_median}};
        flag.score = s.get(error ? "error_share" : "warn_share", cls) / std::max(share, 1e-6);
        flags.push_back(std::move(flag));
      }
    }
  }
};

}  // namespace

std::unique_ptr<Check> make_propagation_drift_check() { return std::make_unique<PropagationDriftCheck>(); }

}  // namespace fuselabel
