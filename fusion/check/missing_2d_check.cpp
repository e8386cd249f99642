// missing_2d: a cuboid a camera sees, with LiDAR points visible in that camera, but no 2D box
// of its track in the image. Only cameras that carry 2D labels somewhere in the drive are
// expected to have them; what a camera sees of a cuboid is the LiDAR points of the cuboid that
// own their pixel in the camera's depth map at the nearest sweep (frame_inspection.h).
#include <set>

#include "fusion/check/image_projections.h"
#include "fusion/check/label_checks.h"

namespace fuselabel {
namespace {

class Missing2dCheck : public Check {
 public:
  std::string name() const override { return "missing_2d"; }
  std::string summary() const override {
    return "a cuboid visible in a camera, with points, but without a 2D box there";
  }
  std::vector<CheckParameter> parameters() const override {
    return {
        {"min_visible_points",
         "LiDAR points of the cuboid visible in the camera for it to need a 2D box",
         1,
         1e9,
         4,
         {}},
        {"min_box_px", "smallest projected box side (pixels) that needs a 2D box", 0, 1e6, 4, {}},
        {"min_unoccluded", "share of the projected box that nearer cuboids' boxes leave free", 0, 1, 0.35, {}},
    };
  }
  std::string unavailable(const CheckInputs& inputs) const override {
    if (!inputs.has_2d_labels()) return "needs 2D labels";
    return inputs.has_lidar() ? "" : "needs LiDAR sweeps to know what a camera sees";
  }
  void run(const CheckInputs& inputs, const CheckSettings& s, std::vector<Flag>& flags) const override {
    for (const LabelledImage& image : inputs.images()) {
      // Tracks and cuboids (KITTI's 2D boxes name theirs) that have a 2D box in this image.
      std::set<std::string> boxed_tracks, boxed_cuboids;
      for (size_t index : image.boxes) {
        boxed_tracks.insert(inputs.labels().boxes_2d[index].track_id);
        boxed_cuboids.insert(inputs.labels().boxes_2d[index].cuboid_id);
      }
      const std::vector<ProjectedCuboid> seen = project_tracks(inputs, image);
      for (const ProjectedCuboid& p : seen) {
        const TrackObservation* o = p.track ? p.track->at_frame(image.frame) : nullptr;
        if (p.track && !o) continue;
        const size_t label = o ? o->label : size_t(p.label);
        const CuboidLabel& cuboid = inputs.labels().boxes[label];
        if (p.track ? boxed_tracks.count(p.track->track_id) > 0 : boxed_cuboids.count(cuboid.id) > 0) continue;
        const std::string cls = p.track ? p.track->class_name : inputs.labels().class_of(cuboid);
        if (std::min(p.box.x2 - p.box.x1, p.box.y2 - p.box.y1) < s.get("min_box_px", cls)) continue;
        const int32_t visible = visible_points(inputs, label, image);
        if (visible < s.get("min_visible_points", cls)) continue;
        // A sparse LiDAR sees over a near object what the camera below it cannot: the points
        // own their pixels in the LiDAR's depth map all the same.
        const double unoccluded = unoccluded_share(p, seen);
        if (unoccluded < s.get("min_unoccluded", cls)) continue;
        Flag f = make_flag(inputs, name(), "no_2d_box", Severity::Error, image.frame, cuboid.track_id,
                           "the camera sees " + std::to_string(visible) +
                               " LiDAR points of the cuboid but the image has no 2D box of it");
        at_image(f, image);
        if (!p.track) f.label_id = cuboid.id;
        f.metrics = {{"visible_points", double(visible)}, {"unoccluded_share", unoccluded}, {"projected_x1", p.box.x1},
                     {"projected_y1", p.box.y1},          {"projected_x2", p.box.x2},       {"projected_y2", p.box.y2}};
        f.score = visible / s.get("min_visible_points", cls);
        flags.push_back(std::move(f));
      }
    }
  }

 private:
  // Of the cuboid's LiDAR points, those owning their pixel in this camera.
  static int32_t visible_points(const CheckInputs& inputs, size_t label, const LabelledImage& image) {
    const std::optional<CuboidLidar>& lidar = inputs.lidar(label);
    if (!lidar) return 0;
    const auto v = lidar->visible_points.find(image.camera);
    return v == lidar->visible_points.end() ? 0 : v->second;
  }
};

}  // namespace

std::unique_ptr<Check> make_missing_2d_check() { return std::make_unique<Missing2dCheck>(); }

}  // namespace fuselabel
