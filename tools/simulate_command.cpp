// fuselabel simulate --out DIR [--config sim.yaml] [--seed S] [--corrupt profile.yaml]
//                    [--format native|kitti-object]
#include <chrono>
#include <cstdio>

#include "io/common/staged_folder.h"
#include "sim/corruption_profile.h"
#include "sim/kitti_object_sim.h"
#include "sim/simulate_corrupted_drive.h"
#include "tools/cli_validators.h"
#include "tools/commands.h"

namespace fuselabel::cli {
namespace {

struct SimulateOptions {
  std::string out, config, corrupt, format = "native";
  std::optional<uint64_t> seed;
  int beams = 64, azimuth_steps = 1024;  // kitti-object only
};

void simulate_kitti_frame(const SimulateOptions& opt, const std::filesystem::path& out) {
  SimKittiConfig config;
  config.seed = opt.seed.value_or(0);
  config.lidar.beams = opt.beams;
  config.lidar.azimuth_steps = opt.azimuth_steps;
  const std::filesystem::path training = out / "training";
  const SimGroundTruth truth = simulate_kitti_object(config, training, "000000");
  int labelled = 0;
  int64_t returns = 0;
  for (const SimActorTruth& a : truth.actors) {
    labelled += a.label_line > 0;
    returns += a.lidar_points;
  }
  std::printf("frame 000000: %zu actors (%d labelled, %lld LiDAR returns on actors)\n",
              truth.actors.size(), labelled, static_cast<long long>(returns));
}

void simulate_native_drive(const SimulateOptions& opt, const std::filesystem::path& out) {
  SimDriveConfig config;  // the defaults are the sample rig
  if (!opt.config.empty()) config = read_sim_drive_config(opt.config);
  if (opt.seed) config.seed = *opt.seed;
  if (opt.corrupt.empty()) {
    const SimDriveTruth truth = simulate_drive(config, out);
    std::printf("%zu LiDAR frames, %lld files, %.1f MB\n", truth.lidar_frames.size(),
                static_cast<long long>(truth.files_written), truth.bytes_written / 1e6);
    return;
  }
  const CorruptedDriveResult result = simulate_corrupted_drive(config, read_corruption_profile(opt.corrupt), out);
  std::printf("%zu LiDAR frames, %zu injected errors (label set \"corrupted\", injected_errors.json)\n",
              result.truth.lidar_frames.size(), result.errors.size());
  for (const std::string& s : result.shortfalls) std::printf("  not placed: %s\n", s.c_str());
}

}  // namespace

void add_simulate_command(CLI::App& app) {
  CLI::App* cmd = app.add_subcommand(
      "simulate", "Write a simulated drive with exact ground truth (native format, or one KITTI object frame)");
  auto opt = std::make_shared<SimulateOptions>();
  cmd->add_option("--out", opt->out,
                  "Output folder (native: drive.yaml and files; kitti-object: OUT/training/), replaced whole when "
                  "the run succeeds")
      ->required()
      ->check(kNonEmpty);
  cmd->add_option("--config", opt->config, "Simulator config (data-samples/configs/*.yaml); default: the sample rig")
      ->check(kNonEmpty);
  cmd->add_option("--seed", opt->seed, "Seed (overrides the config's); same seed, same bytes")->check(seed_value());
  cmd->add_option("--corrupt", opt->corrupt, "Corruption profile: also writes labels/corrupted.json and "
                                             "injected_errors.json (docs/corruption.md)")
      ->check(kNonEmpty);
  cmd->add_option("--format", opt->format, "native or kitti-object")->check(CLI::IsMember({"native", "kitti-object"}));
  cmd->add_option("--beams", opt->beams, "kitti-object: LiDAR beams")->check(integer_in(1, 512));
  cmd->add_option("--azimuth-steps", opt->azimuth_steps, "kitti-object: LiDAR firings per revolution")
      ->check(integer_in(8, 8192));
  cmd->callback([opt] {
    const auto start = std::chrono::steady_clock::now();
    if (opt->format == "kitti-object") {
      if (!opt->config.empty() || !opt->corrupt.empty())
        throw CLI::ValidationError("--format", "--config and --corrupt apply to --format native only");
    }
    StagedFolder out(opt->out, "simulate", {opt->config, opt->corrupt});
    if (opt->format == "kitti-object")
      simulate_kitti_frame(*opt, out.path());
    else
      simulate_native_drive(*opt, out.path());
    out.commit();
    std::printf("wrote %s\n", out.out().c_str());
    std::printf("%.2f s\n", std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count());
  });
}

}  // namespace fuselabel::cli
