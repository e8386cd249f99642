// calibration_drift: a camera whose extrinsic changed during the drive (a bracket knocked, a
// mount settling). Per judged frame, how well the sweep's depth and reflectivity edges fall on the
// image's edges (edge_alignment.h) through each of a grid of small rotations of the extrinsic;
// the strongest step in those scores over the drive (step_change.h) is where the alignment
// changed, and corrections fitted jointly on the frames before and after it (the one after moving
// from the one before by a rotation, a translation or both, calibration_fit.h) say by how much
// (their difference, in which the method's own biases cancel) and so give the corrected
// extrinsic, with its spread over subsets of frames.
#include <algorithm>
#include <cmath>

#include "fusion/check/calibration_fit.h"
#include "fusion/check/camera_edge_views.h"
#include "fusion/check/label_checks.h"
#include "fusion/check/step_change.h"
#include "projection/angle_axis.h"

namespace fuselabel {
namespace {

constexpr double kDeg = 3.141592653589793 / 180;
constexpr int kGridHalf = 2;  // candidates at -2..2 grid steps about each rotation axis

struct JudgedFrames {
  std::vector<int64_t> frames, timestamps_us;
  std::vector<std::vector<double>> scores;  // per frame, per candidate
};

std::vector<ExtrinsicDelta> rotation_grid(double step_deg) {
  return correction_grid(false, kGridHalf, step_deg * kDeg);
}

class CalibrationDriftCheck : public Check {
 public:
  std::string name() const override { return "calibration_drift"; }
  std::string summary() const override {
    return "a camera whose extrinsic changed during the drive: LiDAR edges stop falling on the image's edges";
  }
  std::vector<CheckParameter> parameters() const override {
    return {
        {"frame_step", "judge every this many frames", 1, 1e6, 1, {}},
        {"min_edges", "LiDAR edges in sight an image needs to be judged", 1, 1e9, 30, {}},
        {"grid_step_deg", "spacing of the candidate rotations each frame is scored at (deg)", 0.01, 5, 0.15, {}},
        {"min_run_frames", "judged frames a change needs on each side", 4, 1e6, 8, {}},
        {"window_frames", "judged frames on each side of a change the corrections are fitted on", 2, 1e6, 12, {}},
        {"min_step_statistic",
         "strength of the step in the frames' scores (Welch's t over blocks of 4 frames)",
         0,
         1e9,
         10,
         {}},
        {"min_rotation_deg", "change of the fitted rotation that is flagged (deg)", 0, 180, 0.12, {}},
        {"min_translation_m", "change of the fitted translation that is flagged (m)", 0, 100, 0.04, {}},
    };
  }
  std::string unavailable(const CheckInputs& inputs) const override {
    if (!inputs.has_lidar()) return "needs LiDAR sweeps";
    if (inputs.drive().rigs.empty() || cameras_without_images(inputs.drive()).size() == camera_count(inputs))
      return "needs camera images";
    return "";
  }
  std::vector<std::string> notes(const CheckInputs& inputs, const CheckSettings&) const override {
    std::vector<std::string> notes;
    for (const std::string& camera : cameras_without_images(inputs.drive()))
      notes.push_back(camera + ": no images in the drive");
    return notes;
  }
  void run(const CheckInputs& inputs, const CheckSettings& s, std::vector<Flag>& flags) const override {
    const int64_t step = std::max<int64_t>(1, int64_t(s.get("frame_step")));
    const std::vector<ExtrinsicDelta> grid = rotation_grid(s.get("grid_step_deg"));
    Workspace cpu(Device::Cpu);
    Workspace& ws = inputs.workspace() ? *inputs.workspace() : cpu;
    std::map<std::string, JudgedFrames> judged;
    for (int64_t f = 0; f < int64_t(inputs.drive().frames.size()); f += step) {
      std::vector<CameraEdgeView> views = camera_edge_views(inputs, f, {});
      views.erase(
          std::remove_if(views.begin(), views.end(),
                         [&](const CameraEdgeView& v) { return v.view.edges.size() < size_t(s.get("min_edges")); }),
          views.end());
      std::vector<const AlignmentView*> alignment;
      for (const CameraEdgeView& v : views) alignment.push_back(&v.view);
      std::vector<std::vector<double>> scores = alignment_scores(ws, alignment, grid);
      for (size_t i = 0; i < views.size(); ++i) {
        JudgedFrames& j = judged[views[i].camera];
        j.frames.push_back(f);
        j.timestamps_us.push_back(views[i].timestamp_us);
        j.scores.push_back(std::move(scores[i]));
      }
    }
    for (const auto& [camera, frames] : judged) judge_camera(inputs, s, camera, frames, grid, flags);
  }

 private:
  static size_t camera_count(const CheckInputs& inputs) {
    size_t n = 0;
    for (const Sensor& sensor : inputs.drive().rigs.front().sensors) n += sensor.camera.has_value();
    return n;
  }

  void judge_camera(const CheckInputs& inputs, const CheckSettings& s, const std::string& camera,
                    const JudgedFrames& judged, const std::vector<ExtrinsicDelta>& grid,
                    std::vector<Flag>& flags) const {
    const size_t window = size_t(s.get("window_frames"));
    const std::optional<StepChange> step = strongest_step(judged.scores, size_t(s.get("min_run_frames")));
    if (!step || step->statistic < s.get("min_step_statistic")) return;
    std::vector<int64_t> before, after;
    for (size_t i = step->at > window ? step->at - window : 0; i < step->at; ++i) before.push_back(judged.frames[i]);
    for (size_t i = step->at; i < judged.frames.size() && i < step->at + window; ++i) after.push_back(judged.frames[i]);
    const CalibrationFit fit_before = fit_calibration(inputs, camera, before, grid[step->before]);
    const CalibrationFit fit_after = fit_calibration(inputs, camera, after, grid[step->after], fit_before.delta);
    const CalibrationFit change = change_between(fit_before, fit_after);
    const double change_deg = std::sqrt(dot(change.delta.rotation, change.delta.rotation)) / kDeg;
    const double change_m = std::sqrt(dot(change.delta.translation, change.delta.translation));
    const double min_deg = s.get("min_rotation_deg"), min_m = s.get("min_translation_m");
    if (change_deg < min_deg && change_m < min_m) return;
    Flag f = make_flag(inputs, name(), "extrinsic_changed", Severity::Error, judged.frames[step->at], "",
                       "the camera's alignment with the LiDAR changed here by " + fixed(change_deg, 2) + " deg and " +
                           fixed(change_m * 100, 1) + " cm (fits on " + std::to_string(fit_before.views) +
                           " frames before and " + std::to_string(fit_after.views) +
                           " after it); corrected extrinsic: the nominal one moved by that change");
    f.sensor = camera;
    f.timestamp_us = judged.timestamps_us[step->at];
    f.metrics = correction_metrics(change);
    f.metrics["change_rotation_deg"] = change_deg;
    f.metrics["change_translation_m"] = change_m;
    f.metrics["step_statistic"] = step->statistic;
    f.metrics["frames_judged"] = double(judged.frames.size());
    f.metrics["before_frame"] = double(before.front());
    f.score = std::max(change_deg / std::max(min_deg, 1e-9), change_m / std::max(min_m, 1e-9));
    flags.push_back(std::move(f));
  }
};

}  // namespace

std::unique_ptr<Check> make_calibration_drift_check() { return std::make_unique<CalibrationDriftCheck>(); }

}  // namespace fuselabel
