// The bird's-eye crop of a flag's evidence (evidence_drawing.h).
#include <algorithm>
#include <cmath>
#include <opencv2/imgproc.hpp>

#include "fusion/check/evidence_drawing.h"

namespace fuselabel {
namespace {

constexpr int kPixels = 400;
const cv::Scalar kPrimaryColour(40, 40, 235), kOtherTrackColour(0, 160, 255), kNeighbourColour(230, 150, 60),
    kContextColour(150, 150, 150), kGridColour(58, 58, 58);

struct TopViewBox {
  Cuboidd box;
  cv::Scalar colour;
  int thickness = 1;
};

// Maps the ground plane around a centre to pixels: x to the right, y up.
struct TopView {
  Vec3<double> centre;
  double pixels_per_m = 10;
  cv::Point2d pixel(const Vec3<double>& p) const {
    return {kPixels / 2 + (p.x - centre.x) * pixels_per_m, kPixels / 2 - (p.y - centre.y) * pixels_per_m};
  }
};

void draw_box(cv::Mat& image, const TopView& view, const TopViewBox& b) {
  Vec3<double> c[8];
  cuboid_corners(b.box, c);
  // Corners 0..3 share one z; 0 and 2 are the front (+x) face's.
  const std::vector<cv::Point> outline = {view.pixel(c[0]), view.pixel(c[1]), view.pixel(c[3]), view.pixel(c[2])};
  cv::polylines(image, outline, true, b.colour, b.thickness, cv::LINE_AA);
  cv::line(image, view.pixel(b.box.center), view.pixel(0.5 * (c[0] + c[2])), b.colour, b.thickness, cv::LINE_AA);
}

}  // namespace

std::optional<cv::Mat> bev_evidence(const CheckInputs& inputs, const FrameData& frame, const EvidenceSubject& subject,
                                    int neighbour_frames) {
  const LabelSet& labels = inputs.labels();
  const int64_t f = subject.frame;
  const TrackSeries* primary = inputs.track(subject.primary_track);
  // The tracks' own frame where they move in it, else this frame's label frame.
  const bool motion_frame =
      ((primary && !primary->in_label_frame) || subject.position) && inputs.T_motion_label(f).has_value();
  const Transform3d T_view_label = motion_frame ? *inputs.T_motion_label(f) : Transform3d{};
  std::vector<TopViewBox> boxes;
  std::vector<Vec3<double>> path;             // the primary track's centres over the neighbouring frames
  const TrackObservation* nearest = nullptr;  // the primary's nearest in frames
  std::optional<Cuboidd> subject_box;         // the primary's at the frame (any subject cuboid's where it has none)
  for (size_t i = 0; i < labels.boxes.size(); ++i) {
    const CuboidLabel& l = labels.boxes[i];
    if (l.frame != f) continue;
    const bool named = subject.names(l);
    const bool is_primary = named && (l.track_id.empty() || subject.primary(l.track_id));
    const Cuboidd box = transform_cuboid(T_view_label, l.box);
    boxes.push_back({box, named ? (is_primary ? kPrimaryColour : kOtherTrackColour) : kContextColour, named ? 2 : 1});
    if (is_primary || (named && !subject_box)) subject_box = box;
  }
  if (motion_frame)
    for (const std::string& track_id : subject.tracks)
      if (const TrackSeries* track = inputs.track(track_id))
        for (const TrackObservation& o : track->observations) {
          if (!o.box || o.frame == f || std::abs(o.frame - f) > neighbour_frames) continue;
          boxes.insert(boxes.begin(), {*o.box, kNeighbourColour, 1});
          if (track != primary) continue;
          path.push_back(o.box->center);
          if (!nearest || std::abs(o.frame - f) < std::abs(nearest->frame - f)) nearest = &o;
        }
  // A flag about a missing cuboid is shown around the track's nearest one; one about a place,
  // around the place.
  if (!subject_box && nearest) subject_box = *nearest->box;
  if (!subject_box && subject.position && motion_frame) {
    subject_box = Cuboidd{};
    subject_box->center = *subject.position;
    subject_box->size = {2, 2, 1.5};
  }
  if (!subject_box) return std::nullopt;
  const Vec3<double>* centre = &subject_box->center;
  TopView view{*centre, 10};
  double reach = 8;
  for (const Vec3<double>& p : path) reach = std::max(reach, std::hypot(p.x - centre->x, p.y - centre->y) + 4);
  view.pixels_per_m = kPixels / (2 * std::min(reach, 40.0));
  cv::Mat image(kPixels, kPixels, CV_8UC3, cv::Scalar(24, 24, 24));
  const double half_m = kPixels / (2 * view.pixels_per_m);
  for (double g = std::floor((centre->x - half_m) / 5) * 5; g <= centre->x + half_m; g += 5)
    cv::line(image, view.pixel({g, centre->y - half_m, 0}), view.pixel({g, centre->y + half_m, 0}), kGridColour);
  for (double g = std::floor((centre->y - half_m) / 5) * 5; g <= centre->y + half_m; g += 5)
    cv::line(image, view.pixel({centre->x - half_m, g, 0}), view.pixel({centre->x + half_m, g, 0}), kGridColour);
  if (frame.lidar) {
    const Transform3d T_view_lidar = T_view_label * frame.T_labels_lidar;
    const PointSweep& sweep = *frame.lidar;
    const double ground_z = centre->z - 0.5 * subject_box->size.z;  // the label frames are z up
    for (int64_t i = 0; i < sweep.size(); ++i) {
      const float* r = &sweep.records[size_t(i * sweep.stride())];
      const Vec3<double> p = T_view_lidar * Vec3<double>{r[0], r[1], r[2]};
      const cv::Point2d px = view.pixel(p);
      if (px.x < 0 || px.y < 0 || px.x >= kPixels || px.y >= kPixels) continue;
      // Points well above the ground bright, the ground dim: objects stand out.
      const bool raised = p.z > ground_z + 0.3;
      image.at<cv::Vec3b>(int(px.y), int(px.x)) = raised ? cv::Vec3b(235, 235, 235) : cv::Vec3b(110, 110, 110);
    }
  }
  for (size_t i = 1; i < path.size(); ++i)
    cv::line(image, view.pixel(path[i - 1]), view.pixel(path[i]), kNeighbourColour, 1, cv::LINE_AA);
  for (const TopViewBox& b : boxes) draw_box(image, view, b);
  if (subject.position && motion_frame)
    cv::circle(image, view.pixel(*subject.position), int(std::lround(1.5 * view.pixels_per_m)), kPrimaryColour, 2,
               cv::LINE_AA);
  cv::putText(image, "grid 5 m", {6, kPixels - 8}, cv::FONT_HERSHEY_SIMPLEX, 0.45, cv::Scalar(200, 200, 200), 1,
              cv::LINE_AA);
  return image;
}

}  // namespace fuselabel
