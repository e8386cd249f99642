// fuselabel corrupt --drive DIR [SELECTORS] --profile P [--seed S] --out OUT
// Applies a corruption profile's label errors to the labels of any drive and writes the
// corrupted labels in the drive's own format plus injected_errors.json (docs/corruption.md).
#include <cstdio>

#include "io/common/staged_folder.h"
#include "io/drive_reader.h"
#include "model/input_error.h"
#include "sim/corruption.h"
#include "tools/commands.h"
#include "tools/drive_options.h"

namespace fuselabel::cli {
namespace {

struct CorruptOptions {
  std::string profile, out;
  std::optional<uint64_t> seed;
};

void run_corrupt(const DriveOptions& drive_options, const CorruptOptions& opt) {
  StagedFolder out(opt.out, "corrupt", {drive_options.path, opt.profile});
  const CorruptionProfile profile = read_corruption_profile(opt.profile);
  if (asks_for_sensor_errors(profile))
    throw InputError(opt.profile, "sensor_errors",
                     "sensor errors are rendered by the simulator (fuselabel simulate --corrupt); "
                     "fuselabel corrupt applies label errors only");
  const auto reader = open_drive(drive_options);
  const Drive& drive = reader->drive();
  CorruptionResult result = corrupt_labels(drive.labels, drive, profile, opt.seed.value_or(profile.seed));
  result.labels.name = "corrupted";
  try {
    reader->write_labels(result.labels, out.path());
  } catch (const std::invalid_argument& e) {
    throw InputError(opt.profile, "label_errors",
                     std::string(e.what()) + ": remove that error type from the profile for a " + drive.format + " drive");
  }
  write_injected_errors(out.path() / "injected_errors.json", result.errors);
  out.commit();
  std::printf("wrote %s: %zu injected errors into %zu 3D and %zu 2D labels of the %s drive\n", out.out().c_str(),
              result.errors.size(), result.labels.boxes.size(), result.labels.boxes_2d.size(), drive.format.c_str());
  for (const std::string& s : result.shortfalls) std::printf("  not placed: %s\n", s.c_str());
}

}  // namespace

void add_corrupt_command(CLI::App& app) {
  CLI::App* cmd = app.add_subcommand(
      "corrupt", "Inject a profile's label errors into any drive's labels (written in the drive's format) "
                 "plus injected_errors.json");
  auto drive = add_drive_options(cmd);
  auto opt = std::make_shared<CorruptOptions>();
  cmd->add_option("--profile", opt->profile, "Corruption profile (docs/corruption.md), label errors only")
      ->required()
      ->check(kNonEmpty);
  cmd->add_option("--seed", opt->seed, "Seed (overrides the profile's)")->check(seed_value());
  cmd->add_option("--out", opt->out, "Output folder: the corrupted label files at their drive paths, injected_errors.json; "
                                    "replaced whole when the run succeeds")
      ->required()
      ->check(kNonEmpty);
  cmd->callback([drive, opt] { run_corrupt(*drive, *opt); });
}

}  // namespace fuselabel::cli
