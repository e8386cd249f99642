// fuselabel eval-checks --drive D [SELECTORS] --labels CORRUPTED --injected injected_errors.json
//   [--profile P] [--min-severity error|warning|info] [--out scores.json] [--device ...]
// Runs the label checks on labels with known errors and scores them (fusion/check/check_scoring.h):
// recall per injected error type, precision over the flags, as a table and as JSON.
#include <cstdio>
#include <nlohmann/json.hpp>

#include "fusion/check/check_registry.h"
#include "fusion/check/check_scoring.h"
#include "io/common/atomic_file.h"
#include "sim/corruption_errors.h"
#include "tools/commands.h"
#include "tools/drive_options.h"

namespace fuselabel::cli {
namespace {

struct EvalChecksOptions {
  std::string labels, injected, profile, out, min_severity = "warning", device = "auto";
};

std::vector<KnownError> known_errors(const std::vector<InjectedError>& injected) {
  std::vector<KnownError> known;
  for (const InjectedError& e : injected) {
    KnownError k;
    k.type = corruption_type_name(e.type);
    k.track = e.track, k.second_track = e.second_track, k.frame = e.frame, k.sensor = e.sensor;
    const auto last = e.parameters.find("last_frame");
    if (e.type == CorruptionType::ClassFlip && last != e.parameters.end()) k.last_frame = int64_t(last->second);
    known.push_back(k);
  }
  return known;
}

nlohmann::ordered_json scores_json(const CheckScores& s, const EvalChecksOptions& opt,
                                   const std::vector<KnownError>& errors, const std::vector<Flag>& flags) {
  nlohmann::ordered_json missed = nlohmann::ordered_json::array(), false_flags = nlohmann::ordered_json::array();
  for (size_t i : s.missed) {
    const KnownError& e = errors[i];
    missed.push_back({{"type", e.type},
                      {"track", e.track},
                      {"second_track", e.second_track},
                      {"frame", e.frame},
                      {"sensor", e.sensor}});
  }
  for (size_t i : s.false_flags) {
    const Flag& f = flags[i];
    false_flags.push_back({{"id", f.id},
                           {"check", f.check},
                           {"kind", f.kind},
                           {"severity", severity_name(f.severity)},
                           {"frame_index", f.frame},
                           {"track_id", f.track_id},
                           {"other_track_id", f.other_track_id},
                           {"sensor", f.sensor},
                           {"message", f.message}});
  }
  nlohmann::ordered_json types = nlohmann::ordered_json::object();
  for (const auto& [type, t] : s.by_type)
    types[type] = {{"injected", t.injected}, {"found", t.found}, {"recall", t.recall()}};
  nlohmann::ordered_json checks = nlohmann::ordered_json::object();
  for (const auto& [check, counts] : s.by_check)
    checks[check] = {{"flags", counts.first}, {"true_flags", counts.second}};
  return {{"labels", opt.labels},
          {"injected", opt.injected},
          {"min_severity", opt.min_severity},
          {"recall", s.recall()},
          {"precision", s.precision()},
          {"errors", {{"injected", s.injected}, {"found", s.found}}},
          {"flags", {{"scored", s.flags}, {"true", s.true_flags}}},
          {"by_type", types},
          {"by_check", checks},
          {"not_scored", s.not_scored},
          {"missed", missed},
          {"false_flags", false_flags}};
}

void print_scores(const CheckScores& s) {
  std::printf("%-16s %8s %6s %7s\n", "error type", "injected", "found", "recall");
  for (const auto& [type, t] : s.by_type)
    std::printf("%-16s %8lld %6lld %7.3f\n", type.c_str(), (long long)t.injected, (long long)t.found, t.recall());
  std::printf("%-16s %8lld %6lld %7.3f\n", "all", (long long)s.injected, (long long)s.found, s.recall());
  std::printf("\n%-18s %6s %6s\n", "check", "flags", "true");
  for (const auto& [check, counts] : s.by_check)
    std::printf("%-18s %6lld %6lld\n", check.c_str(), (long long)counts.first, (long long)counts.second);
  std::printf("precision %.3f (%lld of %lld flags find an injected error)\n", s.precision(), (long long)s.true_flags,
              (long long)s.flags);
  for (const std::string& line : s.not_scored)
    std::printf("not scored (no label check looks for it): %s\n", line.c_str());
}

}  // namespace

void add_eval_checks_command(CLI::App& app) {
  CLI::App* cmd =
      app.add_subcommand("eval-checks", "Precision and recall of the checks on labels with injected errors");
  auto opt = std::make_shared<EvalChecksOptions>();
  auto drive = add_drive_options(cmd, {"labels"});
  cmd->add_option("--labels", opt->labels, "The corrupted labels (a label set, file, or corrupt output folder)")
      ->required()
      ->check(kNonEmpty);
  cmd->add_option("--injected", opt->injected, "injected_errors.json of those labels")->required()->check(kNonEmpty);
  cmd->add_option("--profile", opt->profile, "Check thresholds (YAML); default: the documented defaults")
      ->check(kNonEmpty);
  cmd->add_option("--min-severity", opt->min_severity, "Least severe flag scored: error, warning (default) or info")
      ->check(CLI::IsMember({"error", "warning", "info"}));
  cmd->add_option("--out", opt->out, "Also write the scores as JSON")->check(kNonEmpty);
  cmd->add_option("--device", opt->device, "auto, cpu or cuda")->check(CLI::IsMember({"auto", "cpu", "cuda"}));
  cmd->callback([drive, opt] {
    const std::vector<InjectedError> injected = read_injected_errors(opt->injected);
    const CheckProfile profile = opt->profile.empty() ? default_check_profile(declared_check_parameters())
                                                      : read_check_profile(opt->profile, declared_check_parameters());
    const auto reader = open_drive(*drive);
    const LabelSet labels = reader->read_replacement_labels(labels_argument(opt->labels));
    Workspace ws(parse_device(opt->device));
    const CheckInputs inputs(*reader, labels, &ws);
    const CheckResults results = run_checks(inputs, profile);
    const Severity min = opt->min_severity == "error"  ? Severity::Error
                         : opt->min_severity == "info" ? Severity::Info
                                                       : Severity::Warning;
    const std::vector<KnownError> errors = known_errors(injected);
    const CheckScores scores = score_checks(results.flags, errors, min);
    print_scores(scores);
    if (!opt->out.empty()) write_file_atomic(opt->out, scores_json(scores, *opt, errors, results.flags).dump(2) + "\n");
  });
}

}  // namespace fuselabel::cli
