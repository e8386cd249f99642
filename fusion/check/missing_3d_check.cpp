// missing_3d: a 2D box with no cuboid behind it. A box linked to a track needs that track's
// cuboid in the box's frame; a box without a track needs some cuboid whose projection overlaps it.
#include <map>
#include <set>

#include "fusion/check/image_projections.h"
#include "fusion/check/label_checks.h"

namespace fuselabel {
namespace {

// Before a track's first cuboid or after its last: the camera may see an object before the
// LiDAR's labelled range reaches it, so this is information, not an error.
bool outside_span(const TrackSeries& track, int64_t frame) {
  return frame < track.observations.front().frame || frame > track.observations.back().frame;
}

class Missing3dCheck : public Check {
 public:
  std::string name() const override { return "missing_3d"; }
  std::string summary() const override { return "a 2D box with no cuboid behind it"; }
  std::vector<CheckParameter> parameters() const override {
    return {{"min_iou_untracked",
             "a 2D box without a track needs a projected cuboid overlapping it this much",
             0,
             1,
             0.3,
             {}},
            {"min_frames_2d_only", "frames a track with 2D boxes only must span to be an error", 1, 1e9, 3, {}}};
  }
  std::string unavailable(const CheckInputs& inputs) const override {
    if (!inputs.has_2d_labels()) return "needs 2D labels";
    return inputs.labels().boxes.empty() ? "needs cuboid labels" : "";
  }
  void run(const CheckInputs& inputs, const CheckSettings& s, std::vector<Flag>& flags) const override {
    // Frames each 2D-only track is seen in: one glimpse at the edge of the labelled range is no error.
    std::map<std::string, std::set<int64_t>> untracked_frames;
    for (const LabelledImage& image : inputs.images())
      for (size_t index : image.boxes) {
        const std::string& track = inputs.labels().boxes_2d[index].track_id;
        if (!track.empty() && !inputs.track(track)) untracked_frames[track].insert(image.frame);
      }
    const int64_t min_frames = int64_t(s.get("min_frames_2d_only"));
    for (const LabelledImage& image : inputs.images()) {
      std::vector<ProjectedCuboid> seen;
      bool projected = false;
      for (size_t index : image.boxes) {
        const ImageBoxLabel& b = inputs.labels().boxes_2d[index];
        const std::string cls = inputs.labels().class_of(b);
        if (cls == "DontCare") continue;
        if (!b.track_id.empty()) {
          const TrackSeries* track = inputs.track(b.track_id);
          if (track && track->at_frame(image.frame)) continue;
          const bool edge =
              track ? outside_span(*track, image.frame) : int64_t(untracked_frames[b.track_id].size()) < min_frames;
          Flag f = make_flag(inputs, name(),
                             !track ? "no_track"
                             : edge ? "outside_track"
                                    : "no_cuboid_in_frame",
                             edge ? Severity::Info : Severity::Error, image.frame, b.track_id,
                             !track ? "the 2D box's track has no cuboid anywhere in the drive"
                             : edge ? "a 2D box of the track before its first or after its last cuboid"
                                    : "the track has a 2D box here but no cuboid in this frame");
          at_image(f, image);
          flags.push_back(std::move(f));
          continue;
        }
        if (inputs.label_with_id(b.cuboid_id)) continue;  // it names its cuboid (KITTI)
        if (!projected) seen = project_tracks(inputs, image), projected = true;
        double best = 0;
        for (const ProjectedCuboid& p : seen) best = std::max(best, box_iou(b.box, p.box));
        if (best >= s.get("min_iou_untracked", cls)) continue;
        Flag f = make_flag(inputs, name(), "no_overlapping_cuboid", Severity::Warning, image.frame, "",
                           "no projected cuboid overlaps this untracked 2D box (best IoU " + fixed(best, 2) + ")");
        at_image(f, image);
        f.label_id = b.id;
        f.metrics = {{"best_iou", best}};
        flags.push_back(std::move(f));
      }
    }
  }
};

}  // namespace

std::unique_ptr<Check> make_missing_3d_check() { return std::make_unique<Missing3dCheck>(); }

}  // namespace fuselabel
