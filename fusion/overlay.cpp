#include "fusion/overlay.h"

#include <algorithm>
#include <opencv2/imgproc.hpp>

#include "projection/cuboid_projection.h"

namespace fuselabel {

cv::Scalar depth_colour(float depth, float near_m, float far_m) {
  static const cv::Mat lut = [] {
    cv::Mat ramp(1, 256, CV_8UC1);
    for (int i = 0; i < 256; ++i) ramp.at<uint8_t>(0, i) = static_cast<uint8_t>(255 - i);  // near = red end
    cv::Mat coloured;
    cv::applyColorMap(ramp, coloured, cv::COLORMAP_TURBO);
    return coloured;
  }();
  const float t = std::clamp((depth - near_m) / (far_m - near_m), 0.f, 1.f);
  const cv::Vec3b c = lut.at<cv::Vec3b>(0, static_cast<int>(t * 255.f + 0.5f));
  return {double(c[0]), double(c[1]), double(c[2])};
}

void draw_points_by_depth(cv::Mat& image, const std::vector<ProjectedPoint>& points, int radius) {
  // Far points first so near ones stay on top where they overlap.
  std::vector<const ProjectedPoint*> visible;
  for (const ProjectedPoint& p : points)
    if (p.in_image()) visible.push_back(&p);
  std::sort(visible.begin(), visible.end(), [](auto* a, auto* b) { return a->depth > b->depth; });
  for (const ProjectedPoint* p : visible)
    cv::circle(image, {cvRound(p->u), cvRound(p->v)}, radius, depth_colour(p->depth), cv::FILLED, cv::LINE_8);
}

namespace {

// Projects a camera-frame segment (already in front of the near plane) as a polyline.
std::vector<cv::Point> project_segment(const CameraModeld& cam, Vec3<double> a, Vec3<double> b) {
  std::vector<cv::Point> line;
  const int samples = edge_samples(cam);
  for (int s = 0; s <= samples; ++s) {
    Vec2<double> uv;
    double depth;
    if (!project_point(cam, lerp(a, b, double(s) / samples), uv, depth)) continue;
    // Keep coordinates in cv::Point's int range; clipping to the image is cv::polylines' job.
    const double limit = 1e6;
    line.emplace_back(cvRound(std::clamp(uv.x, -limit, limit)), cvRound(std::clamp(uv.y, -limit, limit)));
  }
  return line;
}

void draw_segment(cv::Mat& image, const CameraModeld& cam, Vec3<double> a, Vec3<double> b, const cv::Scalar& colour,
                  int thickness) {
  if (!clip_segment_at_near_plane(cam, a, b)) return;
  const std::vector<cv::Point> line = project_segment(cam, a, b);
  if (line.size() >= 2) cv::polylines(image, line, false, colour, thickness, cv::LINE_AA);
}

}  // namespace

void draw_cuboid_wireframe(cv::Mat& image, const CameraModeld& cam, const Transform3d& T_cam_box_frame,
                           const Cuboidd& box, const cv::Scalar& colour, int thickness) {
  Vec3<double> corners[8];
  cuboid_corners(box, corners);
  for (Vec3<double>& c : corners) c = T_cam_box_frame * c;
  for (const auto& edge : kCuboidEdges)
    draw_segment(image, cam, corners[edge[0]], corners[edge[1]], colour, thickness);
  // Front face (+x): corners 0, 2, 4, 6; its diagonals mark the heading.
  draw_segment(image, cam, corners[0], corners[6], colour, std::max(1, thickness / 2));
  draw_segment(image, cam, corners[2], corners[4], colour, std::max(1, thickness / 2));
}

cv::Scalar label_colour(size_t index) {
  static const cv::Scalar palette[] = {{75, 25, 230}, {75, 180, 60}, {25, 225, 255}, {200, 130, 0},
                                       {48, 130, 245}, {180, 30, 145}, {240, 240, 70}, {230, 50, 240},
                                       {60, 245, 210}, {212, 190, 250}, {128, 128, 0}, {255, 190, 220}};
  return palette[index % (sizeof palette / sizeof palette[0])];
}

}  // namespace fuselabel
