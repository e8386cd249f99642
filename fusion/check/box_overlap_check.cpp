// box_overlap: cuboids of solid objects that intersect in 3D within a frame (exact rotated 3D
// IoU, kernels/box_overlap.h). People in a crowd and a rider on a bicycle touch legitimately, so
// pairs with a pedestrian or cyclist get a higher threshold than two vehicles.
#include <algorithm>

#include "fusion/check/label_checks.h"
#include "kernels/box_overlap.h"

namespace fuselabel {
namespace {

class BoxOverlapCheck : public Check {
 public:
  std::string name() const override { return "box_overlap"; }
  std::string summary() const override { return "cuboids of solid objects intersecting in 3D"; }
  std::vector<CheckParameter> parameters() const override {
    return {{"max_iou",
             "3D IoU of a pair above which it is flagged (the larger of the two classes' values)",
             0,
             1,
             0.05,
             {{ObjectKind::Pedestrian, 0.3}, {ObjectKind::Cyclist, 0.3}, {ObjectKind::Other, 0.2}}}};
  }
  std::string unavailable(const CheckInputs& inputs) const override {
    return inputs.labels().boxes.empty() ? "needs cuboid labels" : "";
  }
  void run(const CheckInputs& inputs, const CheckSettings& s, std::vector<Flag>& flags) const override {
    const auto& boxes = inputs.labels().boxes;
    FrameCuboids cuboids;
    std::vector<size_t> label_of;
    cuboids.offsets = {0};
    for (size_t f = 0, i = 0; f < inputs.drive().frames.size(); ++f) {
      for (; i < boxes.size() && boxes[i].frame == int64_t(f); ++i)
        cuboids.boxes.push_back(boxes[i].box), label_of.push_back(i);
      cuboids.offsets.push_back(int64_t(cuboids.boxes.size()));
    }
    std::vector<BoxOverlap> overlaps;
    box_overlap_within_frames(Device::Cpu, cuboids, overlaps);
    const std::vector<int64_t> at = overlap_matrix_offsets(cuboids);
    for (int32_t f = 0; f < cuboids.frames(); ++f) {
      const int64_t first = cuboids.offsets[size_t(f)], n = cuboids.frame_size(f);
      for (int64_t i = 0; i < n; ++i)
        for (int64_t j = i + 1; j < n; ++j) {
          const double iou = overlaps[size_t(at[size_t(f)] + i * n + j)].iou_3d;
          const CuboidLabel& a = boxes[label_of[size_t(first + i)]];
          const CuboidLabel& b = boxes[label_of[size_t(first + j)]];
          const std::string ca = inputs.labels().class_of(a), cb = inputs.labels().class_of(b);
          const double limit = std::max(s.get("max_iou", ca), s.get("max_iou", cb));
          if (iou <= limit || (a.track_id == b.track_id && !a.track_id.empty())) continue;
          const bool a_first = a.track_id + a.id < b.track_id + b.id;
          const CuboidLabel& p = a_first ? a : b;
          const CuboidLabel& q = a_first ? b : a;
          Flag flag = make_flag(inputs, name(), "intersect", Severity::Error, f, p.track_id,
                                "intersects " + (q.track_id.empty() ? "cuboid " + q.id : "track " + q.track_id) +
                                    " with 3D IoU " + fixed(iou, 2));
          flag.other_track_id = q.track_id;
          if (p.track_id.empty()) flag.label_id = p.id + "|" + q.id;
          flag.metrics = {{"iou_3d", iou}, {"max_iou", limit}};
          flag.score = iou / std::max(limit, 1e-6);
          flags.push_back(std::move(flag));
        }
    }
  }
};

}  // namespace

std::unique_ptr<Check> make_box_overlap_check() { return std::make_unique<BoxOverlapCheck>(); }

}  // namespace fuselabel
