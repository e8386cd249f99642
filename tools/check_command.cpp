// fuselabel check --drive D [SELECTORS] [--labels IN] --out OUT [--profile P] [--waivers W]
//   [--taxonomy T.yaml] [--checks a,b] [--device ...] [--force]
//   [--evidence N]
// Runs the label checks (docs/checks.md) and writes OUT/report.json, the review page
// OUT/report.html and the evidence pictures of the first N flags (OUT/evidence/). Exit 0: no error
// flag left after waivers; 1: some; 2: the run failed (bad input, or any other failure).
#include <chrono>
#include <cstdio>
#include <memory>

#include "fusion/check/check_report.h"
#include "fusion/check/evidence_pictures.h"
#include "fusion/check/review_page.h"
#include "io/common/atomic_file.h"
#include "io/common/staged_folder.h"
#include "model/input_error.h"
#include "tools/commands.h"
#include "tools/progress_output.h"
#include "tools/drive_options.h"

namespace fuselabel::cli {
namespace {

struct CheckOptions {
  std::string labels, out, profile, waivers, taxonomy, device = "auto";
  std::vector<std::string> checks;
  size_t evidence = EvidenceLimits{}.max_flags;
  bool force = false;
};

void print_summary(const CheckResults& results, const WaivedFlags& flags) {
  std::printf("%-18s %7s %8s %6s %8s\n", "check", "errors", "warnings", "infos", "seconds");
  for (const CheckRun& r : results.runs) {
    if (!r.skipped.empty()) {
      std::printf("%-18s skipped: %s\n", r.check.c_str(), r.skipped.c_str());
      continue;
    }
    std::printf("%-18s %7lld %8lld %6lld %8.3f\n", r.check.c_str(), (long long)r.errors, (long long)r.warnings,
                (long long)r.infos, r.seconds);
    for (const std::string& note : r.notes) std::printf("%-18s   %s\n", "", note.c_str());
  }
  int64_t errors = 0;
  for (const Flag& f : flags.active) errors += f.severity == Severity::Error;
  std::printf("%zu flags for review (%lld errors), %zu waived", flags.active.size(), (long long)errors,
              flags.waived.size());
  if (!flags.unmatched.empty()) std::printf(", %zu waivers match no flag", flags.unmatched.size());
  std::printf("\n");
}

int run_check(const DriveOptions& drive_options, const CheckOptions& opt, const ProgressSettings& shown) {
  std::error_code ec;
  if (!opt.force && std::filesystem::exists(opt.out, ec) && !std::filesystem::is_empty(opt.out, ec))
    throw InputError(
        opt.out, "--out",
        "not empty: check never writes into a folder that holds files (--force replaces an earlier fuselabel output)");
  std::vector<std::filesystem::path> inputs = {drive_options.path};
  const std::string labels_value = labels_argument(opt.labels);
  if (!labels_value.empty()) inputs.push_back(labels_value);
  for (const std::string& file : {opt.profile, opt.waivers, opt.taxonomy})
    if (!file.empty()) inputs.push_back(file);
  StagedFolder out(opt.out, "check", inputs);
  const CheckProfile profile = opt.profile.empty() ? default_check_profile(declared_check_parameters())
                                                   : read_check_profile(opt.profile, declared_check_parameters());
  const std::vector<Waiver> waivers = opt.waivers.empty() ? std::vector<Waiver>{} : read_waivers(opt.waivers);
  std::optional<Taxonomy> taxonomy;
  if (!opt.taxonomy.empty()) taxonomy = read_taxonomy(opt.taxonomy);
  const auto reader = open_drive(drive_options);
  const Drive& drive = reader->drive();
  const LabelSet labels = labels_value.empty() ? drive.labels : reader->read_replacement_labels(labels_value);
  const auto start = std::chrono::steady_clock::now();
  Workspace ws(parse_device(opt.device));
  CheckInputs check_inputs(*reader, labels, &ws);
  if (taxonomy) check_inputs.set_taxonomy(std::move(taxonomy));
  // A prelabel output folder brings its report: propagation_drift reads it.
  const std::filesystem::path propagation = std::filesystem::path(opt.labels) / "prelabel_report.json";
  if (!opt.labels.empty() && std::filesystem::is_regular_file(propagation, ec))
    check_inputs.set_propagation(read_prelabel_report_tracks(propagation, *reader));
  CheckRunInfo run;
  run.seconds_inputs = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  const std::unique_ptr<Progress> progress = make_progress(shown);
  const CheckResults results = run_checks(check_inputs, profile, opt.checks, progress.get());
  WaivedFlags flags = apply_waivers(results.flags, waivers);
  EvidenceLimits limits;
  limits.max_flags = opt.evidence;
  write_evidence_pictures(check_inputs, *reader, flags.active, out.path(), limits);
  run.drive = drive_options.path, run.format = drive.format;
  run.labels = labels_value.empty() ? labels.name : labels_value;
  run.profile = profile.source, run.taxonomy = labels.taxonomy, run.motion_frame = check_inputs.motion_frame();
  run.device = device_name(ws.device());
  if (const Taxonomy* t = check_inputs.taxonomy()) run.checked_taxonomy = t->name + " " + t->version;
  run.frames = int64_t(drive.frames.size()), run.cuboids = int64_t(labels.boxes.size());
  run.boxes_2d = int64_t(labels.boxes_2d.size()), run.tracks = int64_t(check_inputs.tracks().size());
  const std::string report = check_report_json(run, results, flags);
  write_file_atomic(out.path() / "report.json", report);
  write_file_atomic(out.path() / "report.html", review_page_html(report));
  out.commit();
  if (!shown.quiet) {
    print_summary(results, flags);
    std::printf("wrote %s and the review page %s\n", (out.out() / "report.json").c_str(),
                (out.out() / "report.html").c_str());
  }
  for (const Flag& f : flags.active)
    if (f.severity == Severity::Error) return 1;
  return 0;
}

}  // namespace

void add_check_command(CLI::App& app) {
  CLI::App* cmd = app.add_subcommand(
      "check", "Find label errors: cross-modality and temporal checks, ranked for review (exit 1 when errors remain)");
  auto opt = std::make_shared<CheckOptions>();
  auto drive = add_drive_options(cmd, {"labels"});
  drive->keep_timing_faults = true;  // sensor_sync reports repeated and backward sensor times
  cmd->add_option("--labels", opt->labels,
                  "Labels in place of the drive's own: as prelabel --labels, an OpenLABEL file, or a prelabel/corrupt "
                  "output folder")
      ->check(kNonEmpty);
  cmd->add_option("--out", opt->out, "Output folder (report.json, report.html, evidence/), written whole or not at all")
      ->required()
      ->check(kNonEmpty);
  cmd->add_option("--profile", opt->profile, "Thresholds (YAML, docs/checks.md); default: the documented defaults")
      ->check(kNonEmpty);
  cmd->add_option("--waivers", opt->waivers, "Reviewers' waivers (JSON): flags accepted as intended")->check(kNonEmpty);
  cmd->add_option(
         "--taxonomy", opt->taxonomy,
         "Classes, size priors and attributes (YAML, docs/checks.md); default: the built-in one the labels name")
      ->check(kNonEmpty);
  cmd->add_option("--checks", opt->checks, "Run only these checks (comma-separated)")->delimiter(',');
  cmd->add_option("--device", opt->device, "Where the LiDAR evidence is computed: auto, cpu or cuda")
      ->check(CLI::IsMember({"auto", "cpu", "cuda"}));
  cmd->add_option("--evidence", opt->evidence,
                  "Evidence pictures (camera and bird's-eye crops) for the first N ranked flags; 0: none")
      ->capture_default_str();
  cmd->add_flag("--force", opt->force, "Replace OUT when it holds an earlier fuselabel output");
  auto shown = add_progress_options(cmd);
  cmd->callback([drive, opt, shown] {
    try {
      command_exit_status() = run_check(*drive, *opt, *shown);
    } catch (const InputError&) {
      throw;
    } catch (const std::exception& e) {
      // 1 means "errors found": a failed run is 2, whatever failed.
      std::fprintf(stderr, "fuselabel: error: %s\n", e.what());
      command_exit_status() = 2;
    }
  });
}

}  // namespace fuselabel::cli
