// The overlays of a calibration_drift finding (evidence_drawing.h).
#include <opencv2/imgproc.hpp>

#include "fusion/check/calibration_fit.h"
#include "fusion/check/camera_edge_views.h"
#include "fusion/check/check.h"
#include "fusion/check/evidence_drawing.h"
#include "io/common/image_io.h"

namespace fuselabel {
namespace {

constexpr int kMaxWidth = 1280;

// The image dimmed, the LiDAR edges seen through the extrinsic corrected by `delta` drawn over it,
// a caption on top, scaled down to at most kMaxWidth wide.
cv::Mat overlay(const CameraEdgeView& v, const ExtrinsicDelta& delta, const std::string& caption) {
  cv::Mat picture = read_image(v.image) * 0.6;
  const Transform3d T = delta.T_true_nominal();
  const int radius = std::max(2, picture.cols / 400);
  for (const Vec3<double>& p : v.view.edges) {
    Vec2<double> uv;
    double depth;
    if (project_point(v.view.model, T * p, uv, depth))
      cv::circle(picture, cv::Point(int(std::lround(uv.x)), int(std::lround(uv.y))), radius, cv::Scalar(255, 0, 255),
                 -1, cv::LINE_AA);
  }
  if (picture.cols > kMaxWidth)
    cv::resize(picture, picture, cv::Size(), double(kMaxWidth) / picture.cols, double(kMaxWidth) / picture.cols,
               cv::INTER_AREA);
  cv::rectangle(picture, {0, 0}, {picture.cols, 34}, cv::Scalar(0, 0, 0), -1);
  cv::putText(picture, caption, {10, 24}, cv::FONT_HERSHEY_SIMPLEX, 0.65, cv::Scalar(255, 255, 255), 1, cv::LINE_AA);
  return picture;
}

std::optional<CameraEdgeView> view_at(const CheckInputs& inputs, int64_t frame, const std::string& camera) {
  if (frame < 0 || frame >= int64_t(inputs.drive().frames.size())) return std::nullopt;
  std::vector<CameraEdgeView> views = camera_edge_views(inputs, frame, {camera});
  if (views.empty()) return std::nullopt;
  return std::move(views.front());
}

}  // namespace

std::vector<std::pair<std::string, cv::Mat>> calibration_evidence(const CheckInputs& inputs, const Flag& flag) {
  std::vector<std::pair<std::string, cv::Mat>> pictures;
  const auto before_frame = flag.metrics.find("before_frame");
  if (before_frame != flag.metrics.end())
    if (const auto before = view_at(inputs, int64_t(before_frame->second), flag.sensor))
      pictures.emplace_back(
          "before",
          overlay(*before, {}, "before the change, frame " + inputs.frame_id(before->frame) + ": nominal extrinsic"));
  if (const auto after = view_at(inputs, flag.frame, flag.sensor)) {
    pictures.emplace_back("after",
                          overlay(*after, {}, "after the change, frame " + flag.frame_id + ": nominal extrinsic"));
    pictures.emplace_back("corrected", overlay(*after, delta_from_metrics(flag.metrics),
                                               "frame " + flag.frame_id + ": corrected extrinsic (" +
                                                   fixed(flag.metrics.at("rotation_deg"), 2) + " deg, " +
                                                   fixed(100 * flag.metrics.at("translation_m"), 1) + " cm)"));
  }
  return pictures;
}

}  // namespace fuselabel
