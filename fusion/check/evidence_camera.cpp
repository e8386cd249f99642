// The camera crop of a flag's evidence (evidence_drawing.h).
#include <algorithm>
#include <opencv2/imgproc.hpp>

#include "fusion/check/evidence_drawing.h"
#include "fusion/check/image_projections.h"
#include "fusion/overlay.h"
#include "io/common/image_io.h"
#include "projection/camera_crop.h"
#include "projection/cuboid_projection.h"

namespace fuselabel {
namespace {

const cv::Scalar kPrimaryColour(40, 40, 235), kOtherTrackColour(0, 160, 255), kBoxColour(60, 215, 60),
    kContextColour(175, 175, 175);

struct DrawnCuboid {
  Cuboidd box;
  Transform3d T_cam_box;
  bool subject = false, primary = false;
  std::optional<Box2<double>> projected;  // clipped to the image
};

// What one image shows of the subject.
struct ImageView {
  const LabelledImage* image = nullptr;
  std::vector<DrawnCuboid> cuboids;
  std::vector<size_t> subject_boxes;   // indices into LabelSet::boxes_2d
  std::optional<Box2<double>> region;  // the subject's projections and 2D boxes together
  std::optional<Box2<double>> marker;  // the subject's position, where it has one: a 2 m wide square
  double score = 0;
};

void grow(std::optional<Box2<double>>& region, const Box2<double>& b) {
  if (!region) {
    region = b;
    return;
  }
  region->x1 = std::min(region->x1, b.x1), region->y1 = std::min(region->y1, b.y1);
  region->x2 = std::max(region->x2, b.x2), region->y2 = std::max(region->y2, b.y2);
}

DrawnCuboid drawn(const CameraModeld& cam, const Cuboidd& box, const Transform3d& T_cam_box, bool subject,
                  bool primary) {
  DrawnCuboid d{box, T_cam_box, subject, primary, std::nullopt};
  Box2<double> r;
  if (project_cuboid_box(cam, T_cam_box, box, r)) d.projected = r;
  return d;
}

ImageView view_of(const CheckInputs& inputs, const LabelledImage& image, const EvidenceSubject& subject) {
  ImageView v;
  v.image = &image;
  const LabelSet& labels = inputs.labels();
  for (const ProjectedCuboid& p : project_tracks(inputs, image)) {
    if (p.track) {
      if (subject.tracks.count(p.track->track_id)) continue;  // drawn below, visible or not
      const auto c = track_box_for_image(inputs, image, *p.track);
      if (c) v.cuboids.push_back(drawn(image.model, c->box, c->T_cam_box, false, false));
    } else if (image.T_cam_label) {
      const CuboidLabel& l = labels.boxes[size_t(p.label)];
      const bool named = subject.names(l);
      v.cuboids.push_back(drawn(image.model, l.box, *image.T_cam_label, named, named));
    }
  }
  for (const std::string& track_id : subject.tracks)
    if (const TrackSeries* track = inputs.track(track_id))
      if (const auto c = track_box_for_image(inputs, image, *track))
        v.cuboids.push_back(drawn(image.model, c->box, c->T_cam_box, true, subject.primary(track_id)));
  for (const DrawnCuboid& d : v.cuboids)
    if (d.subject && d.projected) grow(v.region, *d.projected), v.score += 1 + box_area(*d.projected);
  for (size_t b : image.boxes)
    if (subject.names(labels.boxes_2d[b])) v.subject_boxes.push_back(b), grow(v.region, labels.boxes_2d[b].box);
  v.score += 1e12 * double(v.subject_boxes.size());  // the image whose 2D label is in question wins
  if (subject.position && image.T_cam_motion) {
    const Vec3<double> c = *image.T_cam_motion * *subject.position;
    Vec2<double> left, right;
    double depth;
    if (project_point(image.model, c - Vec3<double>{1, 0, 0}, left, depth) &&
        project_point(image.model, c + Vec3<double>{1, 0, 0}, right, depth)) {
      const double r = 0.5 * std::fabs(right.x - left.x), u = 0.5 * (left.x + right.x), vv = 0.5 * (left.y + right.y);
      if (u + r >= 0 && u - r < image.model.width && vv + r >= 0 && vv - r < image.model.height) {
        v.marker = Box2<double>{u - r, vv - r, u + r, vv + r};
        grow(v.region, *v.marker);
        v.score += 1 + box_area(*v.marker);
      }
    }
  }
  return v;
}

cv::Mat image_pixels(const CheckInputs& inputs, const LabelledImage& image) {
  const auto timeline = inputs.drive().timelines.find(image.camera);
  if (timeline != inputs.drive().timelines.end())
    for (const SensorSample& s : timeline->second.samples)
      if (s.timestamp_us == image.timestamp_us && !s.file.empty() && std::filesystem::exists(s.file))
        return read_image(s.file);
  cv::Mat canvas(image.model.height, image.model.width, CV_8UC3, cv::Scalar(48, 48, 48));
  cv::putText(canvas, "no image in the drive", {20, 40}, cv::FONT_HERSHEY_SIMPLEX, 1.0, cv::Scalar(200, 200, 200), 2,
              cv::LINE_AA);
  return canvas;
}

// The sweep's points in the picture `pixels`, seen through `cam` (the image's camera, cropped).
void draw_sweep(cv::Mat& pixels, const LabelledImage& image, const CameraModeld& cam, const FrameData& frame) {
  if (!frame.lidar) return;
  const auto view = std::find_if(frame.cameras.begin(), frame.cameras.end(),
                                 [&](const CameraView& c) { return c.sensor == image.camera; });
  if (view == frame.cameras.end()) return;
  const PointSweep& sweep = *frame.lidar;
  std::vector<ProjectedPoint> points;
  points.reserve(size_t(sweep.size()));
  for (int64_t i = 0; i < sweep.size(); ++i) {
    const float* r = &sweep.records[size_t(i * sweep.stride())];
    Vec2<double> uv;
    double depth;
    if (!project_point(cam, view->T_cam_lidar * Vec3<double>{r[0], r[1], r[2]}, uv, depth)) continue;
    int col, row;
    if (!pixel_of(cam, uv, col, row)) continue;
    points.push_back({float(uv.x), float(uv.y), float(depth), row * cam.width + col});
  }
  draw_points_by_depth(pixels, points, 1);
}

}  // namespace

std::optional<cv::Mat> camera_evidence(const CheckInputs& inputs, const FrameData& frame,
                                       const EvidenceSubject& subject) {
  std::optional<ImageView> best;
  for (const LabelledImage& image : inputs.images()) {
    if (image.frame != subject.frame) continue;
    if (!subject.camera.empty() && (image.camera != subject.camera || image.timestamp_us != subject.timestamp_us))
      continue;
    ImageView v = view_of(inputs, image, subject);
    if (v.region && (!best || v.score > best->score)) best = std::move(v);
  }
  if (!best) return std::nullopt;
  const LabelledImage& image = *best->image;
  const cv::Mat pixels = image_pixels(inputs, image);
  // The crop: the subject's region with half its size again around it (at least 32 px),
  // resampled to about 480 px; everything is drawn after resampling, through the crop's camera.
  const Box2<double>& r = *best->region;
  const double pad_x = std::max(0.5 * (r.x2 - r.x1), 32.0), pad_y = std::max(0.5 * (r.y2 - r.y1), 32.0);
  const cv::Rect crop = cv::Rect(cv::Point(int(r.x1 - pad_x), int(r.y1 - pad_y)),
                                 cv::Point(int(r.x2 + pad_x) + 1, int(r.y2 + pad_y) + 1)) &
                        cv::Rect(0, 0, pixels.cols, pixels.rows);
  if (crop.empty()) return std::nullopt;
  const double scale = std::clamp(480.0 / std::max(crop.width, crop.height), 0.25, 8.0);
  cv::Mat out;
  cv::resize(
      pixels(crop), out,
      cv::Size(std::max(1, int(std::lround(crop.width * scale))), std::max(1, int(std::lround(crop.height * scale)))),
      0, 0, scale > 1 ? cv::INTER_LINEAR : cv::INTER_AREA);
  const CameraModeld cam = cropped_camera(image.model, crop.x, crop.y, scale, out.cols, out.rows);
  draw_sweep(out, image, cam, frame);
  for (const DrawnCuboid& d : best->cuboids)
    if (!d.subject) draw_cuboid_wireframe(out, cam, d.T_cam_box, d.box, kContextColour, 1);
  for (const DrawnCuboid& d : best->cuboids)
    if (d.subject)
      draw_cuboid_wireframe(out, cam, d.T_cam_box, d.box, d.primary ? kPrimaryColour : kOtherTrackColour, 2);
  if (best->marker) {
    const Box2<double>& m = *best->marker;
    cv::circle(out, cv::Point2d((0.5 * (m.x1 + m.x2) - crop.x) * scale, (0.5 * (m.y1 + m.y2) - crop.y) * scale),
               int(std::lround(0.5 * (m.x2 - m.x1) * scale)), kPrimaryColour, 2, cv::LINE_AA);
  }
  for (size_t b : best->subject_boxes) {
    const Box2<double>& box = inputs.labels().boxes_2d[b].box;
    cv::rectangle(out, cv::Point2d((box.x1 - crop.x) * scale, (box.y1 - crop.y) * scale),
                  cv::Point2d((box.x2 - crop.x) * scale, (box.y2 - crop.y) * scale), kBoxColour, 2, cv::LINE_AA);
  }
  cv::putText(out, image.camera, {6, 18}, cv::FONT_HERSHEY_SIMPLEX, 0.5, cv::Scalar(255, 255, 255), 1, cv::LINE_AA);
  return out;
}

}  // namespace fuselabel
