// fuselabel prelabel --drive D [SELECTORS] --labels IN --out OUT [--extend N] [--no-refine] [--smooth-keys]
//   [--device ...]
#include <chrono>
#include <cstdio>

#include "fusion/prelabel/prelabel_outputs.h"
#include "fusion/prelabel/prelabel_report.h"
#include "fusion/propagation.h"
#include "io/common/atomic_file.h"
#include "io/common/staged_folder.h"
#include "tools/commands.h"
#include "tools/progress_output.h"
#include "tools/drive_options.h"

namespace fuselabel::cli {

void add_prelabel_command(CLI::App& app) {
  CLI::App* cmd = app.add_subcommand(
      "prelabel", "Propagate keyframe cuboids to every frame of their tracks, refined against the LiDAR");
  struct Options {
    std::string labels, out, device = "auto";
    int extend = 0;
    bool no_refine = false, smooth_keys = false;
  };
  auto drive = add_drive_options(cmd, {"labels"});
  auto opt = std::make_shared<Options>();
  cmd->add_option("--labels", opt->labels,
                  "Keyframe labels: native: a label set of drive.yaml or a label-set JSON file; KITTI tracking: a "
                  "label_02-format file of the sequence; OpenLABEL: an OpenLABEL file with labels for the drive's frames")
      ->required()
      ->check(kNonEmpty);
  cmd->add_option("--out", opt->out, "Output folder, replaced whole when the run succeeds")->required()->check(kNonEmpty);
  cmd->add_option("--extend", opt->extend, "Also propagate up to N frames before a track's first and after its last keyframe")
      ->check(integer_in(0, 100000));
  cmd->add_flag("--no-refine", opt->no_refine, "Skip the LiDAR refinement");
  cmd->add_flag("--smooth-keys", opt->smooth_keys, kSmoothKeysHelp);
  cmd->add_option("--device", opt->device, "auto, cpu or cuda")->check(CLI::IsMember({"auto", "cpu", "cuda"}));
  auto shown = add_progress_options(cmd);
  cmd->callback([drive, opt, shown] {
    const std::unique_ptr<Progress> progress = make_progress(*shown);
    const auto start = std::chrono::steady_clock::now();
    PropagationOptions options;
    options.extend = opt->extend;
    options.refine = !opt->no_refine;
    options.smooth_keys = opt->smooth_keys;
    options.device = parse_device(opt->device);
    options.progress = progress.get();
    std::vector<std::filesystem::path> inputs = {drive->path};
    if (std::filesystem::exists(opt->labels)) inputs.push_back(opt->labels);
    StagedFolder out(opt->out, "prelabel", inputs);
    const auto reader = open_drive(*drive);
    const LabelSet keyframes = reader->read_replacement_labels(opt->labels);
    PropagationResult result = propagate_labels(reader->drive(), keyframes, options, reader.get());
    Workspace ws(options.device);
    const PrelabelCounts counts = add_image_boxes_and_point_labels(*reader, ws, result, out.path(), 8, progress.get());
    write_prelabel_labels(*reader, result.labels, out.path());
    const PrelabelRunInfo run{opt->labels, opt->extend, options.refine, options.smooth_keys, device_name(options.device)};
    write_file_atomic(out.path() / "prelabel_report.json", prelabel_report_json(reader->drive(), result, run, counts));
    out.commit();
    if (shown->quiet) return;
    const double s = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    std::map<LabelSource, int64_t> sources;
    for (const CuboidLabel& c : result.labels.boxes) ++sources[c.source];
    size_t flagged = 0;
    for (const TrackPropagation& t : result.report.tracks) flagged += t.flagged_frames.size();
    std::printf("%zu tracks over %zu frames: %lld keyframe, %lld interpolated, %lld extrapolated, %lld refined cuboids; "
                "%zu frames to re-key; %.2f s (%.1f frames/s, device %s)\n",
                result.report.tracks.size(), reader->drive().frames.size(),
                static_cast<long long>(sources[LabelSource::Keyframe]), static_cast<long long>(sources[LabelSource::Interpolated]),
                static_cast<long long>(sources[LabelSource::Extrapolated]), static_cast<long long>(sources[LabelSource::Refined]),
                flagged, s, double(reader->drive().frames.size()) / s, device_name(options.device));
    std::printf("wrote %s/prelabel_report.json\n", out.out().c_str());
  });
}

}  // namespace fuselabel::cli
