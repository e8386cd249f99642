#pragma once
// Camera-LiDAR edge alignment: how well a sweep's depth edges (lidar_edges.h), projected through
// a camera's extrinsic, fall on the image's edges, and the small correction of the extrinsic
// that makes them fall best. The image side is a score per pixel that is 1 on an edge and falls
// off with the distance to the nearest one (a distance transform of its Canny edges), so the
// score is smooth in the extrinsic and a search can climb it.
#include <opencv2/core.hpp>
#include <vector>

#include "kernels/workspace.h"
#include "projection/camera_model.h"
#include "projection/transform.h"

namespace fuselabel {

// Falloffs of the score with the distance to the nearest image edge: a sharp one that decides
// the last pixel and a wide one that draws a search in from tens of pixels away.
struct EdgeScoreSettings {
  double sharp_px = 2.0;
  double wide_px = 16.0;
  double wide_weight = 0.25;
};

// CV_32F, the size of `bgr` (CV_8UC3 or CV_8UC1): exp(-d/sharp) + wide_weight * exp(-d/wide)
// at distance d (pixels) from the nearest Canny edge of the lightly blurred image.
cv::Mat edge_score_map(const cv::Mat& bgr, const EdgeScoreSettings& settings = {});

// A small rigid correction of a camera's extrinsic, in the camera's own (nominal) frame: a point
// seen at p through the nominal extrinsic is at R(rotation) p + translation in the true camera.
struct ExtrinsicDelta {
  Vec3<double> rotation = {0, 0, 0};     // rotation vector, rad
  Vec3<double> translation = {0, 0, 0};  // m

  // T_true_nominal: the true camera from the nominal one.
  Transform3d T_true_nominal() const;
  double& operator[](int axis) { return axis < 3 ? (&rotation.x)[axis] : (&translation.x)[axis - 3]; }
  double operator[](int axis) const { return axis < 3 ? (&rotation.x)[axis] : (&translation.x)[axis - 3]; }
};

// How edges move about an image's recorded time (for time-offset estimates), one entry per edge
// (empty vectors: all static).
struct EdgeMotion {
  std::vector<Vec3<double>> velocities;  // its object's, m/s in the camera frame (0: the static world)
  std::vector<int32_t> objects;          // its moving object (CameraEdgeView::objects), -1: the static world
  // How the camera's view of the static world changes per second of capture time earlier than
  // recorded (the camera's own motion, first order): a capture dt earlier sees p as
  // R(dt * rotation) p + dt * translation.
  ExtrinsicDelta camera_per_s;
};

// One image and the LiDAR edges that should fall on its edges, as they are at the image's
// recorded time, with how they move about that time.
struct AlignmentView {
  CameraModeld model;
  std::vector<Vec3<double>> edges;       // in the nominal camera frame, those in sight
  std::vector<Vec3<double>> velocities;  // per edge (EdgeMotion)
  std::vector<int32_t> objects;          // per edge (EdgeMotion)
  ExtrinsicDelta camera_motion_per_s;    // EdgeMotion::camera_per_s
  cv::Mat score;                         // edge_score_map of the image

  // Keeps the edges that project into the image (within `margin_px` of it) through the nominal
  // extrinsic, with their motion; the rest cannot come into sight under a small correction.
  AlignmentView(const CameraModeld& model, const std::vector<Vec3<double>>& edges_in_camera, const EdgeMotion& motion,
                cv::Mat score, double margin_px = 20);
  // The same image with only the edges whose index passes keep(i).
  template <typename Keep>
  AlignmentView subset(Keep keep) const {
    AlignmentView out = *this;
    out.edges.clear(), out.velocities.clear(), out.objects.clear();
    for (size_t i = 0; i < edges.size(); ++i)
      if (keep(i))
        out.edges.push_back(edges[i]), out.velocities.push_back(velocities[i]), out.objects.push_back(objects[i]);
    return out;
  }
  // The mean score of the edges seen through the corrected extrinsic by a capture `earlier_s`
  // seconds before the recorded time; edges that leave the image score 0, so the count is the
  // same for every correction.
  double mean_score(const ExtrinsicDelta& delta, double earlier_s = 0) const;
};

// Steps of the coordinate ascent, coarse to fine; at each level every axis is tried up and down
// until no step improves, at most max_rounds times over the six axes.
struct AlignmentSearch {
  std::vector<double> rotation_steps_deg = {0.8, 0.4, 0.2, 0.1, 0.05, 0.025, 0.0125};
  std::vector<double> translation_steps_m = {0.16, 0.08, 0.04, 0.02, 0.01, 0.005, 0.0025};
  int max_rounds = 4;
  bool translation = true;  // false: rotation only
  // A weak prior for the nominal extrinsic: the score loses prior_weight * ((|r| / prior_rotation)^2
  // + (|t| / prior_translation)^2) per unit of view weight, so directions the scene does not
  // constrain (along lane lines, along the optical axis) stay near nominal instead of wandering.
  double prior_weight = 0.02, prior_rotation_deg = 1.0, prior_translation_m = 0.2;
};

// Corrections on a (2 half + 1)^3 grid `step` apart about zero: of the rotation (radians), or of
// the translation (m).
std::vector<ExtrinsicDelta> correction_grid(bool translation, int half, double step);

// The sum of mean scores over views, each weighted by its edge count's square root (so a view of
// many edges counts more, without one busy image deciding alone).
double alignment_score(const std::vector<const AlignmentView*>& views, const ExtrinsicDelta& delta);
// alignment_score of each view alone at each of many corrections ([view][candidate]), in one
// batched kernel call on the workspace's device (kernels/edge_scores.h).
std::vector<std::vector<double>> alignment_scores(Workspace& ws, const std::vector<const AlignmentView*>& views,
                                                  const std::vector<ExtrinsicDelta>& candidates);

// The correction that maximises alignment_score less the prior, climbing from `start`.
ExtrinsicDelta best_alignment(const std::vector<const AlignmentView*>& views, const ExtrinsicDelta& start,
                              const AlignmentSearch& search = {});

}  // namespace fuselabel
