// fuselabel eval-propagation --drive D [SELECTORS] [--labels GT] --keyframe-every K [--protocol P]
//   [--keep-gap-ends] [--out report.json] [--no-refine] [--device ...]
// Keeps some frames of each ground-truth track as keyframes, propagates them (fuselabel) and
// interpolates them (the linear baseline), and scores both on the dropped frames
// (fusion/propagation_eval.h): a table on stdout, a JSON report with --out.
#include <cmath>
#include <cstdio>
#include <nlohmann/json.hpp>

#include "fusion/propagation_eval.h"
#include "io/common/atomic_file.h"
#include "tools/commands.h"
#include "tools/drive_options.h"

namespace fuselabel::cli {
namespace {

struct EvalPropagationOptions {
  std::string labels, out, protocol = "track-frames", device = "auto";
  int64_t keyframe_every = 0;
  bool keep_gap_ends = false, no_refine = false, smooth_keys = false;
  std::vector<double> keyframe_noise;  // empty, or centre sigma (m) and heading sigma (deg)
  uint64_t noise_seed = 1;
};

nlohmann::json number(double value) { return std::isfinite(value) ? nlohmann::json(value) : nlohmann::json(); }

nlohmann::json metrics_json(const PropagationMetrics& m) {
  return {{"count", m.count},
          {"missing", m.missing},
          {"mean_centre_m", number(m.mean_centre_m)},
          {"median_centre_m", number(m.median_centre_m)},
          {"mean_yaw_deg", number(m.mean_yaw_deg)},
          {"mean_bev_iou", number(m.mean_bev_iou)},
          {"mean_iou_3d", number(m.mean_iou_3d)}};
}

nlohmann::json method_json(const MethodMetrics& m) {
  return {{"overall", metrics_json(m.overall)}, {"turning", metrics_json(m.turning)}};
}

double ratio(double a, double b) { return b > 0 ? a / b : PropagationMetrics::kNone; }

nlohmann::json report_json(const DriveOptions& drive_options, const EvalPropagationOptions& opt, const Drive& drive,
                           const PropagationEvaluation& eval) {
  nlohmann::json selectors = nlohmann::json::object();
  for (const auto& [name, value] : drive_options.selectors)
    if (!value.empty()) selectors[name] = value;
  nlohmann::json motion_frames = nlohmann::json::object();  // track id -> where it was propagated
  for (const TrackPropagation& t : eval.propagation.tracks) motion_frames[t.track_id] = t.motion_frame;
  return {
      {"drive", drive_options.path.string()},
      {"format", drive.format},
      {"selectors", selectors},
      {"labels", opt.labels.empty() ? nlohmann::json(drive.labels.name) : nlohmann::json(opt.labels)},
      {"keyframe_every", eval.selection.keyframe_every},
      {"protocol", keyframe_protocol_name(eval.selection.protocol)},
      {"keep_gap_ends", eval.selection.keep_gap_ends},
      {"keyframe_noise", opt.keyframe_noise.empty() ? nlohmann::json() :
                             nlohmann::json{{"centre_sigma_m", opt.keyframe_noise[0]}, {"yaw_sigma_deg", opt.keyframe_noise[1]},
                                            {"seed", opt.noise_seed}}},
      {"refine", !opt.no_refine},
      {"smooth_keys", opt.smooth_keys},
      {"tracks", eval.tracks},
      {"turning_threshold_deg", kTurningDeg},
      {"turning_tracks", eval.turning_tracks},
      {"keyframes", eval.keyframes},
      {"dropped", eval.dropped},
      {"methods", {{"fuselabel", method_json(eval.fuselabel)}, {"linear", method_json(eval.linear)}}},
      {"ratio_centre", number(ratio(eval.fuselabel.overall.mean_centre_m, eval.linear.overall.mean_centre_m))},
      {"ratio_centre_turning", number(ratio(eval.fuselabel.turning.mean_centre_m, eval.linear.turning.mean_centre_m))},
      {"ego_estimate",
       {{"used", eval.propagation.ego_estimate.used},
        {"frames_with_too_few_static_tracks", eval.propagation.ego_estimate.frames_with_too_few_static_tracks}}},
      {"motion_frames", motion_frames},
  };
}

void print_row(const char* method, const MethodMetrics& m) {
  std::printf("%-10s", method);
  for (const PropagationMetrics* p : {&m.overall, &m.turning})
    std::printf(" | %6lld %8.3f %8.3f %7.2f %7.3f %7.3f", static_cast<long long>(p->count), p->mean_centre_m,
                p->median_centre_m, p->mean_yaw_deg, p->mean_bev_iou, p->mean_iou_3d);
  std::printf("\n");
}

void print_table(const Drive& drive, const PropagationEvaluation& eval, const EvalPropagationOptions& opt) {
  std::printf("eval-propagation: %s drive %s, K=%lld (%s%s), %lld tracks (%zu turning > %.0f deg), %lld keyframes, "
              "%lld dropped\n",
              drive.format.c_str(), drive.name.c_str(), static_cast<long long>(eval.selection.keyframe_every),
              keyframe_protocol_name(eval.selection.protocol), eval.selection.keep_gap_ends ? ", gap ends kept" : "",
              static_cast<long long>(eval.tracks), eval.turning_tracks.size(), kTurningDeg,
              static_cast<long long>(eval.keyframes), static_cast<long long>(eval.dropped));
  if (!opt.keyframe_noise.empty())
    std::printf("keyframes with noise: centre sigma %.3f m, heading sigma %.2f deg, seed %llu\n", opt.keyframe_noise[0],
                opt.keyframe_noise[1], static_cast<unsigned long long>(opt.noise_seed));
  const char* columns = " count   mean_m median_m yaw_deg bev_iou  iou_3d";  // as print_row's fields
  std::printf("%-10s | %-48s | turning\n%-10s | %s | %s\n", "", "overall", "method", columns, columns);
  print_row("fuselabel", eval.fuselabel);
  print_row("linear", eval.linear);
  std::printf("centre error fuselabel / linear: overall %.3f, turning %.3f\n",
              ratio(eval.fuselabel.overall.mean_centre_m, eval.linear.overall.mean_centre_m),
              ratio(eval.fuselabel.turning.mean_centre_m, eval.linear.turning.mean_centre_m));
  if (eval.fuselabel.overall.missing || eval.linear.overall.missing)
    std::printf("dropped cuboids without a prediction: fuselabel %lld, linear %lld\n",
                static_cast<long long>(eval.fuselabel.overall.missing),
                static_cast<long long>(eval.linear.overall.missing));
}

void run_eval_propagation(const DriveOptions& drive_options, const EvalPropagationOptions& opt) {
  const auto reader = open_drive(drive_options);
  const Drive& drive = reader->drive();
  const LabelSet ground_truth = opt.labels.empty() ? drive.labels : reader->read_replacement_labels(opt.labels);
  PropagationEvalOptions options;
  options.selection.keyframe_every = opt.keyframe_every;
  options.selection.protocol = parse_keyframe_protocol(opt.protocol);
  options.selection.keep_gap_ends = opt.keep_gap_ends;
  options.refine = !opt.no_refine;
  options.smooth_keys = opt.smooth_keys;
  options.device = parse_device(opt.device);
  if (!opt.keyframe_noise.empty()) options.noise = {opt.keyframe_noise[0], opt.keyframe_noise[1], opt.noise_seed};
  const PropagationEvaluation eval = evaluate_propagation(drive, ground_truth, options, reader.get());
  print_table(drive, eval, opt);
  if (!opt.out.empty()) {
    write_file_atomic(opt.out, report_json(drive_options, opt, drive, eval).dump(2) + "\n");
    std::printf("wrote %s\n", opt.out.c_str());
  }
}

}  // namespace

void add_eval_propagation_command(CLI::App& app) {
  CLI::App* cmd = app.add_subcommand(
      "eval-propagation", "Keep every Kth frame of each ground-truth track, propagate (fuselabel) and interpolate "
                          "(linear baseline), and score both on the dropped frames");
  auto drive = add_drive_options(cmd);
  auto opt = std::make_shared<EvalPropagationOptions>();
  // --labels is the drive selector (native: which label set), taken here as the ground truth in
  // place of the drive's own labels, as prelabel --labels: read_replacement_labels.
  cmd->get_option("--labels")->description(
      "Ground truth in place of the drive's own labels (native: a label-set name or JSON file; KITTI tracking: a "
      "label_02 file for the sequence; OpenLABEL: an OpenLABEL file for the drive's frames); default: the drive's labels");
  cmd->add_option("--keyframe-every", opt->keyframe_every, "K: keep every Kth frame of each track (and its first and last)")
      ->required()
      ->check(integer_in(2, 1000));
  cmd->add_option("--protocol", opt->protocol,
                  "Which frames are every Kth: track-frames (every Kth of the track's labelled frames from its first, "
                  "default: the issue's reference protocol), drive-frame (frame index % K == 0), track-offset ((frame - first) % K == 0)")
      ->check(CLI::IsMember({"drive-frame", "track-frames", "track-offset"}));
  cmd->add_flag("--keep-gap-ends", opt->keep_gap_ends,
                "Also keep the frames on either side of a gap in a track (nothing interpolated across gaps)");
  cmd->add_option("--out", opt->out, "JSON report, written atomically")->check(kNonEmpty);
  cmd->add_flag("--no-refine", opt->no_refine, "Propagate without LiDAR refinement");
  cmd->add_flag("--smooth-keys", opt->smooth_keys, kSmoothKeysHelp);
  cmd->add_option("--keyframe-noise", opt->keyframe_noise,
                  "M DEG: Gaussian noise on the kept keyframes (centre x and y in metres, heading in degrees), the "
                  "same for both methods, as an annotator's keyframes carry")
      ->expected(2)
      ->check(CLI::Range(0.0, 10.0));
  cmd->add_option("--noise-seed", opt->noise_seed, "Seed of --keyframe-noise (default 1)");
  cmd->add_option("--device", opt->device, "auto, cpu or cuda")->check(CLI::IsMember({"auto", "cpu", "cuda"}));
  cmd->callback([drive, opt] {
    DriveOptions drive_options = *drive;
    opt->labels = drive_options.selector("labels");
    drive_options.selectors.erase("labels");
    run_eval_propagation(drive_options, *opt);
  });
}

}  // namespace fuselabel::cli
