// fuselabel simulate --out DIR [--seed S]: a synthetic frame with exact ground truth.
#include <chrono>
#include <cstdio>

#include "fusion/sim/kitti_object_sim.h"
#include "tools/commands.h"

namespace fuselabel::cli {

void add_simulate_command(CLI::App& app) {
  CLI::App* cmd = app.add_subcommand(
      "simulate", "Write a simulated frame (ray-cast LiDAR, rendered camera, labels) in the KITTI object layout");
  struct Options {
    std::string out;
    uint64_t seed = 0;
    int beams = 64, azimuth_steps = 1024;
  };
  auto opt = std::make_shared<Options>();
  cmd->add_option("--out", opt->out, "Output folder; the frame goes to OUT/training/")->required();
  cmd->add_option("--seed", opt->seed, "Seed of the scene, LiDAR noise and dropout (same seed, same bytes)");
  cmd->add_option("--beams", opt->beams, "LiDAR beams")->check(CLI::Range(1, 512));
  cmd->add_option("--azimuth-steps", opt->azimuth_steps, "LiDAR firings per revolution")->check(CLI::Range(8, 8192));
  cmd->callback([opt] {
    SimKittiConfig config;
    config.seed = opt->seed;
    config.lidar.beams = opt->beams;
    config.lidar.azimuth_steps = opt->azimuth_steps;
    const auto start = std::chrono::steady_clock::now();
    const std::filesystem::path training = std::filesystem::path(opt->out) / "training";
    const SimGroundTruth truth = simulate_kitti_object(config, training, "000000");
    const double s = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    int labelled = 0;
    int64_t returns = 0;
    for (const SimActorTruth& a : truth.actors) {
      labelled += a.label_line > 0;
      returns += a.lidar_points;
    }
    std::printf("wrote %s: frame 000000, %zu actors (%d labelled, %lld LiDAR returns on actors), %.2f s\n",
                training.c_str(), truth.actors.size(), labelled, static_cast<long long>(returns), s);
  });
}

}  // namespace fuselabel::cli
