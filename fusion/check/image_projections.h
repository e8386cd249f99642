#pragma once
// The cuboids of an image's moment projected into it, for the checks that compare 2D and 3D
// labels: the track's cuboid at the image's frame where the image's boxes name their frame
// (KITTI), else at the image's own time, from the track's label nearest it (CheckInputs::box_near).
#include <optional>
#include <vector>

#include "fusion/check/check_inputs.h"
#include "projection/polygon.h"

namespace fuselabel {

// A label further than this from an image's time does not stand for the object in it.
constexpr int64_t kMaxImageLabelGapUs = 60'000;

struct ProjectedCuboid {
  const TrackSeries* track = nullptr;  // nullptr for an untracked cuboid label
  int64_t label = -1;                  // the untracked label's index into LabelSet::boxes
  Box2<double> box;                    // clipped to the image (project_cuboid_box)
  double truncated = 0;                // share of the full projection outside the image
  double distance_m = 0;               // of the cuboid's centre from the camera
};

// The track's cuboid for the image and the camera from the frame it is in; nullopt where the
// track has none (or the image has no transform from the track's frame).
struct CuboidForImage {
  Cuboidd box;
  Transform3d T_cam_box;
};
std::optional<CuboidForImage> track_box_for_image(const CheckInputs& inputs, const LabelledImage& image,
                                                  const TrackSeries& track);

// nullopt when the camera does not see the cuboid.
std::optional<ProjectedCuboid> project_track(const CheckInputs& inputs, const LabelledImage& image,
                                             const TrackSeries& track);

// An untracked cuboid label of the image's frame (KITTI object), through the frame's calibration.
std::optional<ProjectedCuboid> project_label(const CheckInputs& inputs, const LabelledImage& image, size_t label);

// Every track the camera sees at the image's moment, then every untracked cuboid of its frame.
std::vector<ProjectedCuboid> project_tracks(const CheckInputs& inputs, const LabelledImage& image);

// The share of `target`'s box not covered by the boxes of the cuboids nearer the camera (a
// conservative occlusion: a box covers more than its object's silhouette), on a grid of cells.
double unoccluded_share(const ProjectedCuboid& target, const std::vector<ProjectedCuboid>& all);

}  // namespace fuselabel
