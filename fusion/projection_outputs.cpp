#include "fusion/projection_outputs.h"

#include <cmath>
#include <cstdio>
#include <opencv2/imgproc.hpp>

#include "fusion/overlay.h"
#include "io/common/atomic_file.h"
#include "io/common/image_io.h"

namespace fuselabel {
namespace {

template <typename... Values>
void append_row(std::string& csv, const char* format, Values... values) {
  char row[160];
  const int n = std::snprintf(row, sizeof row, format, values...);
  csv.append(row, static_cast<size_t>(n));
}

std::string radar_points_csv(const std::vector<ProjectedPoint>& points, const PointSweep& radar) {
  const int vr = 3, rcs = 4;  // record layout x y z vr rcs
  std::string csv = "point_index,u,v,depth,vr,rcs\n";
  for (size_t i = 0; i < points.size(); ++i) {
    if (!points[i].in_image()) continue;
    const float* r = radar.records.data() + i * radar.stride();
    append_row(csv, "%zu,%.4f,%.4f,%.4f,%.4f,%.3f\n", i, points[i].u, points[i].v, points[i].depth, r[vr], r[rcs]);
  }
  return csv;
}

cv::Mat depth_png(const CameraProjection& p, ProjectionOutputSummary& summary) {
  cv::Mat depth(p.height, p.width, CV_16UC1, cv::Scalar(0));
  if (p.depth_keys.empty()) return depth;  // an empty sweep (or none): no pixel has a point
  for (int64_t px = 0; px < int64_t{p.width} * p.height; ++px) {
    const uint64_t key = p.depth_keys[px];
    if (key == kEmptyDepthKey) continue;
    const double mm = std::round(double(depth_of_key(key)) * 1000.0);
    ++summary.depth_pixels;
    if (mm > 65535.0) ++summary.saturated_depth_pixels;
    depth.at<uint16_t>(static_cast<int>(px / p.width), static_cast<int>(px % p.width)) =
        static_cast<uint16_t>(std::clamp(mm, 1.0, 65535.0));
  }
  return depth;
}

cv::Mat overlay(const FrameData& frame, const CameraView& view, const CameraProjection& p) {
  cv::Mat image = view.image_path.empty() || !std::filesystem::exists(view.image_path)
                      ? cv::Mat(p.height, p.width, CV_8UC3, cv::Scalar(0, 0, 0))
                      : read_image(view.image_path);
  draw_points_by_depth(image, p.lidar);
  for (size_t b = 0; b < frame.cuboids.size(); ++b)
    draw_cuboid_wireframe(image, view.model, view.T_cam_labels(), frame.cuboids[b].box, label_colour(b));
  return image;
}

}  // namespace

std::string lidar_points_csv(const std::vector<ProjectedPoint>& points) {
  std::string csv = "point_index,u,v,depth\n";
  csv.reserve(csv.size() + points.size() * 32);
  for (size_t i = 0; i < points.size(); ++i)
    if (points[i].in_image()) append_row(csv, "%zu,%.4f,%.4f,%.4f\n", i, points[i].u, points[i].v, points[i].depth);
  return csv;
}

std::vector<ProjectionOutputSummary> write_projection_outputs(const std::filesystem::path& out_dir,
                                                              const FrameData& frame,
                                                              const std::vector<CameraProjection>& projections) {
  std::vector<ProjectionOutputSummary> summaries;
  for (size_t c = 0; c < projections.size(); ++c) {
    const CameraProjection& p = projections[c];
    const CameraView& view = frame.cameras[c];
    ProjectionOutputSummary summary;
    summary.camera = p.camera;
    for (const ProjectedPoint& point : p.lidar) summary.points_in_image += point.in_image();
    write_file_atomic(out_dir / (p.camera + "_points.csv"), lidar_points_csv(p.lidar));
    write_image(out_dir / (p.camera + "_depth.png"), depth_png(p, summary));
    for (size_t r = 0; r < frame.radars.size(); ++r) {
      for (const ProjectedPoint& point : p.radar[r]) summary.radar_points_in_image += point.in_image();
      write_file_atomic(out_dir / (p.camera + "_" + frame.radars[r].sensor + "_radar.csv"),
                        radar_points_csv(p.radar[r], frame.radars[r]));
    }
    write_image(out_dir / (p.camera + "_overlay.jpg"), overlay(frame, view, p));
    summaries.push_back(summary);
  }
  return summaries;
}

}  // namespace fuselabel
