// fuselabel corrupt --drive DIR [SELECTORS] --profile P [--seed S] --out OUT
// Applies a corruption profile's label errors to the labels of any drive and writes the
// corrupted labels in the drive's own format plus injected_errors.json (docs/corruption.md).
#include <cstdio>
#include <system_error>
#include <unistd.h>

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

// The folder is written beside its final place and renamed there once complete, so OUT is
// either the previous one or the whole result.
void replace_folder(const std::filesystem::path& staged, const std::filesystem::path& out) {
  std::error_code ec;
  const std::filesystem::path previous = out.string() + ".previous-" + std::to_string(getpid());
  const bool existed = std::filesystem::exists(out, ec);
  if (existed) std::filesystem::rename(out, previous);
  std::filesystem::rename(staged, out);
  if (existed) std::filesystem::remove_all(previous, ec);
}

void run_corrupt(const DriveOptions& drive_options, const CorruptOptions& opt) {
  if (opt.out.empty()) throw std::invalid_argument("--out is empty");
  const CorruptionProfile profile = read_corruption_profile(opt.profile);
  if (profile.camera_time_offset.amount.count || profile.camera_time_offset.amount.rate ||
      profile.camera_extrinsic.amount.count || profile.camera_extrinsic.amount.rate)
    throw InputError(opt.profile, "sensor_errors",
                     "sensor errors are rendered by the simulator (fuselabel simulate --corrupt); "
                     "fuselabel corrupt applies label errors only");
  const auto reader = open_drive(drive_options);
  const Drive& drive = reader->drive();
  CorruptionResult result = corrupt_labels(drive.labels, drive, profile, opt.seed.value_or(profile.seed));
  result.labels.name = "corrupted";

  const std::filesystem::path out = std::filesystem::absolute(opt.out).lexically_normal();
  const std::filesystem::path staged = out.string() + ".partial-" + std::to_string(getpid());
  std::error_code ec;
  std::filesystem::remove_all(staged, ec);
  try {
    reader->write_labels(result.labels, staged);
  } catch (const std::invalid_argument& e) {
    std::filesystem::remove_all(staged, ec);
    throw InputError(opt.profile, "label_errors",
                     std::string(e.what()) + ": remove that error type from the profile for a " + drive.format + " drive");
  }
  write_injected_errors(staged / "injected_errors.json", result.errors);
  replace_folder(staged, out);
  std::printf("wrote %s: %zu injected errors into %zu 3D and %zu 2D labels of the %s drive\n", out.c_str(),
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
  cmd->add_option("--profile", opt->profile, "Corruption profile (docs/corruption.md), label errors only")->required();
  cmd->add_option("--seed", opt->seed, "Seed (overrides the profile's)");
  cmd->add_option("--out", opt->out, "Output folder: the corrupted label files at their drive paths, injected_errors.json")
      ->required();
  cmd->callback([drive, opt] { run_corrupt(*drive, *opt); });
}

}  // namespace fuselabel::cli
