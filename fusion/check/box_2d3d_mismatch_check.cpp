// box_2d3d_mismatch: a track's 2D box in a camera that its projected cuboid does not fill. The
// cuboid of the image's moment is projected and clipped to the image as the 2D labels are; a
// cuboid cut by the image border gets a lower IoU threshold, since how much of a truncated
// object an annotator boxes varies.
#include "fusion/check/image_projections.h"
#include "fusion/check/label_checks.h"

namespace fuselabel {
namespace {

class Box2d3dMismatchCheck : public Check {
 public:
  std::string name() const override { return "box_2d3d_mismatch"; }
  std::string summary() const override { return "a track's 2D box that its projected cuboid does not match (IoU)"; }
  std::vector<CheckParameter> parameters() const override {
    return {
        {"min_iou", "IoU of 2D box and projected cuboid below which it is an error", 0, 1, 0.5, {}},
        {"warn_iou", "IoU below which it is a warning", 0, 1, 0.7, {}},
        {"truncated_share",
         "projection share outside the image from which the truncated thresholds apply",
         0,
         1,
         0.3,
         {}},
        {"min_iou_truncated", "error threshold for truncated cuboids", 0, 1, 0.3, {}},
    };
  }
  std::string unavailable(const CheckInputs& inputs) const override {
    if (!inputs.has_2d_labels()) return "needs 2D labels";
    return inputs.images().empty() ? "needs cameras with calibration for the 2D labels" : "";
  }
  void run(const CheckInputs& inputs, const CheckSettings& s, std::vector<Flag>& flags) const override {
    for (const LabelledImage& image : inputs.images())
      for (size_t index : image.boxes) {
        const ImageBoxLabel& b = inputs.labels().boxes_2d[index];
        const TrackSeries* track = inputs.track(b.track_id);
        // A box without a track is compared with the cuboid it names (KITTI object lines).
        const std::optional<size_t> named = track ? std::nullopt : inputs.label_with_id(b.cuboid_id);
        if (!track && !named) continue;
        const std::optional<ProjectedCuboid> p =
            track ? project_track(inputs, image, *track) : project_label(inputs, image, *named);
        if (!p) {
          const bool has_cuboid = track ? track_box_for_image(inputs, image, *track).has_value()
                                        : inputs.labels().boxes[*named].frame == image.frame;
          if (!has_cuboid) continue;  // no cuboid: missing_3d's
          Flag f = make_flag(inputs, name(), "not_in_view", Severity::Error, image.frame, b.track_id,
                             "the 2D box has a cuboid that projects outside the image");
          at_image(f, image);
          if (!track) f.label_id = b.id;
          flags.push_back(std::move(f));
          continue;
        }
        const std::string cls = inputs.labels().class_of(b);
        const bool truncated = p->truncated >= s.get("truncated_share", cls);
        const double error_iou = truncated ? s.get("min_iou_truncated", cls) : s.get("min_iou", cls);
        const double warn_iou = truncated ? error_iou : s.get("warn_iou", cls);
        const double iou = box_iou(b.box, p->box);
        if (iou >= warn_iou) continue;
        const bool error = iou < error_iou;
        Flag f = make_flag(inputs, name(), "iou", error ? Severity::Error : Severity::Warning, image.frame, b.track_id,
                           "the 2D box overlaps the projected cuboid with IoU " + fixed(iou, 2) +
                               (truncated ? " (cuboid truncated at the image border)" : ""));
        at_image(f, image);
        if (!track) f.label_id = b.id;
        f.metrics = {{"iou", iou},
                     {"threshold", error ? error_iou : warn_iou},
                     {"truncated_share", p->truncated},
                     {"box_x1", b.box.x1},
                     {"box_y1", b.box.y1},
                     {"box_x2", b.box.x2},
                     {"box_y2", b.box.y2},
                     {"projected_x1", p->box.x1},
                     {"projected_y1", p->box.y1},
                     {"projected_x2", p->box.x2},
                     {"projected_y2", p->box.y2}};
        f.score = (1 - iou) / std::max(1 - (error ? error_iou : warn_iou), 1e-6);
        flags.push_back(std::move(f));
      }
  }
};

}  // namespace

std::unique_ptr<Check> make_box_2d3d_mismatch_check() { return std::make_unique<Box2d3dMismatchCheck>(); }

}  // namespace fuselabel
