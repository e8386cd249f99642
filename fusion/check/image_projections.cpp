#include "fusion/check/image_projections.h"

#include <algorithm>
#include <cmath>

#include "projection/cuboid_projection.h"
#include "projection/cuboid_truncation.h"

namespace fuselabel {

std::optional<CuboidForImage> track_box_for_image(const CheckInputs& inputs, const LabelledImage& image,
                                                  const TrackSeries& track) {
  // Label-frame tracks are seen through the frame's own calibration, world ones at the image's time.
  const bool label_frame = track.in_label_frame || !image.T_cam_motion;
  if (!image.at_frame && !label_frame) {
    const std::optional<Cuboidd> box = inputs.box_near(track, image.timestamp_us, kMaxImageLabelGapUs);
    if (!box) return std::nullopt;
    return CuboidForImage{*box, *image.T_cam_motion};
  }
  const TrackObservation* at = track.at_frame(image.frame);
  if (!at) return std::nullopt;
  if (label_frame) {
    if (!image.T_cam_label) return std::nullopt;
    return CuboidForImage{inputs.labels().boxes[at->label].box, *image.T_cam_label};
  }
  if (!at->box) return std::nullopt;
  return CuboidForImage{*at->box, *image.T_cam_motion};
}

namespace {

std::optional<ProjectedCuboid> project(const LabelledImage& image, const CuboidForImage& c) {
  ProjectedCuboid p;
  if (!project_cuboid_box(image.model, c.T_cam_box, c.box, p.box)) return std::nullopt;
  p.truncated = truncated_share(image.model, c.T_cam_box, c.box, p.box);
  const Vec3<double> centre = c.T_cam_box * c.box.center;
  p.distance_m = std::sqrt(dot(centre, centre));
  return p;
}

}  // namespace

std::optional<ProjectedCuboid> project_track(const CheckInputs& inputs, const LabelledImage& image,
                                             const TrackSeries& track) {
  const std::optional<CuboidForImage> c = track_box_for_image(inputs, image, track);
  if (!c) return std::nullopt;
  std::optional<ProjectedCuboid> p = project(image, *c);
  if (p) p->track = &track;
  return p;
}

std::optional<ProjectedCuboid> project_label(const CheckInputs& inputs, const LabelledImage& image, size_t label) {
  const CuboidLabel& l = inputs.labels().boxes[label];
  if (l.frame != image.frame || !image.T_cam_label) return std::nullopt;
  std::optional<ProjectedCuboid> p = project(image, {l.box, *image.T_cam_label});
  if (p) p->label = int64_t(label);
  return p;
}

std::vector<ProjectedCuboid> project_tracks(const CheckInputs& inputs, const LabelledImage& image) {
  std::vector<ProjectedCuboid> out;
  for (const TrackSeries& track : inputs.tracks()) {
    if (track.observations.front().timestamp_us > image.timestamp_us + kMaxImageLabelGapUs ||
        track.observations.back().timestamp_us < image.timestamp_us - kMaxImageLabelGapUs)
      continue;
    if (auto p = project_track(inputs, image, track)) out.push_back(*p);
  }
  for (size_t label : inputs.untracked_labels(image.frame))
    if (auto p = project_label(inputs, image, label)) out.push_back(*p);
  return out;
}

double unoccluded_share(const ProjectedCuboid& target, const std::vector<ProjectedCuboid>& all) {
  constexpr int kCells = 12;
  const Box2<double>& b = target.box;
  int free = 0;
  for (int i = 0; i < kCells; ++i)
    for (int j = 0; j < kCells; ++j) {
      const double u = b.x1 + (i + 0.5) * (b.x2 - b.x1) / kCells, v = b.y1 + (j + 0.5) * (b.y2 - b.y1) / kCells;
      const bool covered = std::any_of(all.begin(), all.end(), [&](const ProjectedCuboid& q) {
        return q.distance_m < target.distance_m && &q != &target && u >= q.box.x1 && u <= q.box.x2 && v >= q.box.y1 &&
               v <= q.box.y2;
      });
      free += !covered;
    }
  return double(free) / (kCells * kCells);
}

}  // namespace fuselabel
