#include "fusion/check/edge_alignment.h"

#include <cmath>
#include <opencv2/imgproc.hpp>
#include <stdexcept>

#include "kernels/edge_scores.h"
#include "kernels/edge_scores_impl.h"

namespace fuselabel {
namespace {

constexpr double kPi = 3.141592653589793;

}  // namespace

cv::Mat edge_score_map(const cv::Mat& image, const EdgeScoreSettings& s) {
  cv::Mat gray, blurred, edges, distance;
  if (image.channels() == 3)
    cv::cvtColor(image, gray, cv::COLOR_BGR2GRAY);
  else
    gray = image;
  cv::GaussianBlur(gray, blurred, cv::Size(5, 5), 1.0);
  cv::Canny(blurred, edges, 40, 120, 3, true);
  cv::distanceTransform(255 - edges, distance, cv::DIST_L2, cv::DIST_MASK_PRECISE);
  cv::Mat score(distance.size(), CV_32F);
  for (int r = 0; r < distance.rows; ++r) {
    const float* d = distance.ptr<float>(r);
    float* out = score.ptr<float>(r);
    for (int c = 0; c < distance.cols; ++c)
      out[c] = float(std::exp(-d[c] / s.sharp_px) + s.wide_weight * std::exp(-d[c] / s.wide_px));
  }
  return score;
}

Transform3d ExtrinsicDelta::T_true_nominal() const {
  const double angle = std::sqrt(dot(rotation, rotation));
  const Vec3<double> axis = angle > 0 ? (1 / angle) * rotation : Vec3<double>{0, 0, 1};
  return Transform3d::from_rotation_translation(Quat<double>::from_axis_angle(axis, angle), translation);
}

AlignmentView::AlignmentView(const CameraModeld& camera, const std::vector<Vec3<double>>& edges_in_camera,
                             const EdgeMotion& motion, cv::Mat score_map, double margin_px)
    : model(camera), camera_motion_per_s(motion.camera_per_s), score(std::move(score_map)) {
  if (score.type() != CV_32F || !score.isContinuous())
    throw std::invalid_argument("AlignmentView: the score map must be one continuous float image");
  for (size_t i = 0; i < edges_in_camera.size(); ++i) {
    const Vec3<double>& p = edges_in_camera[i];
    Vec2<double> uv;
    double depth;
    if (project_point(model, p, uv, depth) && uv.x >= -margin_px && uv.y >= -margin_px &&
        uv.x < model.width + margin_px && uv.y < model.height + margin_px) {
      edges.push_back(p);
      velocities.push_back(motion.velocities.empty() ? Vec3<double>{0, 0, 0} : motion.velocities[i]);
      objects.push_back(motion.objects.empty() ? -1 : motion.objects[i]);
    }
  }
}

double AlignmentView::mean_score(const ExtrinsicDelta& delta, double earlier_s) const {
  if (edges.empty()) return 0;
  Transform3d T = delta.T_true_nominal();
  if (earlier_s != 0) {
    ExtrinsicDelta motion;
    for (int axis = 0; axis < 6; ++axis) motion[axis] = earlier_s * camera_motion_per_s[axis];
    T = T * motion.T_true_nominal();
  }
  const float* map = score.ptr<float>(0);
  double sum = 0;
  for (size_t i = 0; i < edges.size(); ++i) {
    Vec2<double> uv;
    double depth;
    const Vec3<double> p = earlier_s != 0 ? edges[i] - earlier_s * velocities[i] : edges[i];
    if (project_point(model, T * p, uv, depth)) sum += bilinear_score(map, score.cols, score.rows, uv.x, uv.y);
  }
  return sum / double(edges.size());
}

std::vector<ExtrinsicDelta> correction_grid(bool translation, int half, double step) {
  std::vector<ExtrinsicDelta> grid;
  for (int i = -half; i <= half; ++i)
    for (int j = -half; j <= half; ++j)
      for (int k = -half; k <= half; ++k) {
        ExtrinsicDelta d;
        (translation ? d.translation : d.rotation) = {i * step, j * step, k * step};
        grid.push_back(d);
      }
  return grid;
}

double alignment_score(const std::vector<const AlignmentView*>& views, const ExtrinsicDelta& delta) {
  double sum = 0;
  for (const AlignmentView* v : views) sum += std::sqrt(double(v->edges.size())) * v->mean_score(delta);
  return sum;
}

std::vector<std::vector<double>> alignment_scores(Workspace& ws, const std::vector<const AlignmentView*>& views,
                                                  const std::vector<ExtrinsicDelta>& candidates) {
  EdgeScoreBatch batch;
  for (const ExtrinsicDelta& d : candidates) batch.candidates.push_back(d.T_true_nominal().cast<float>());
  for (const AlignmentView* v : views) {
    batch.cameras.push_back(v->model.cast<float>());
    batch.add_view(int32_t(batch.cameras.size() - 1), v->edges, v->score.ptr<float>(0));
  }
  std::vector<double> means;
  score_edge_candidates(ws, batch, means);
  std::vector<std::vector<double>> scores(views.size());
  for (size_t v = 0; v < views.size(); ++v) {
    const double weight = std::sqrt(double(views[v]->edges.size()));
    for (size_t c = 0; c < candidates.size(); ++c) scores[v].push_back(weight * means[v * candidates.size() + c]);
  }
  return scores;
}

ExtrinsicDelta best_alignment(const std::vector<const AlignmentView*>& views, const ExtrinsicDelta& start,
                              const AlignmentSearch& search) {
  double weight = 0;
  for (const AlignmentView* v : views) weight += std::sqrt(double(v->edges.size()));
  const double r0 = search.prior_rotation_deg * kPi / 180, t0 = search.prior_translation_m;
  const auto objective = [&](const ExtrinsicDelta& d) {
    const double prior = dot(d.rotation, d.rotation) / (r0 * r0) + dot(d.translation, d.translation) / (t0 * t0);
    return alignment_score(views, d) - search.prior_weight * weight * prior;
  };
  ExtrinsicDelta best = start;
  double best_score = objective(best);
  const size_t levels = std::max(search.rotation_steps_deg.size(), search.translation_steps_m.size());
  const int axes = search.translation ? 6 : 3;
  for (size_t level = 0; level < levels; ++level) {
    const double steps[2] = {
        level < search.rotation_steps_deg.size() ? search.rotation_steps_deg[level] * kPi / 180 : 0,
        level < search.translation_steps_m.size() ? search.translation_steps_m[level] : 0};
    for (int round = 0; round < search.max_rounds; ++round) {
      bool moved = false;
      for (int axis = 0; axis < axes; ++axis) {
        const double step = steps[axis < 3 ? 0 : 1];
        if (step <= 0) continue;
        for (double sign : {1.0, -1.0}) {
          ExtrinsicDelta trial = best;
          trial[axis] += sign * step;
          const double s = objective(trial);
          if (s > best_score) {
            best_score = s, best = trial, moved = true;
            break;
          }
        }
      }
      if (!moved) break;
    }
  }
  return best;
}

}  // namespace fuselabel
