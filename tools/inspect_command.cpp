// fuselabel inspect --drive ... --frame ID --out OUT [--device ...]
#include <chrono>
#include <cstdio>

#include "fusion/frame_inspection.h"
#include "tools/commands.h"
#include "tools/drive_options.h"

namespace fuselabel::cli {

void add_inspect_command(CLI::App& app) {
  CLI::App* cmd = app.add_subcommand(
      "inspect", "Per labelled cuboid: LiDAR/radar point counts, 2D box and visible fraction in every camera");
  struct Options {
    std::string frame, out, device = "auto";
  };
  auto drive = add_drive_options(cmd);
  auto opt = std::make_shared<Options>();
  cmd->add_option("--frame", opt->frame, "Frame id (as for project)")->required();
  cmd->add_option("--out", opt->out, "Output folder: boxes.json and CAM_boxes.jpg")->required();
  cmd->add_option("--device", opt->device, "auto, cpu or cuda")->check(CLI::IsMember({"auto", "cpu", "cuda"}));
  cmd->callback([drive, opt] {
    const Device device = parse_device(opt->device);
    const auto start = std::chrono::steady_clock::now();
    const FrameData frame = open_drive(*drive)->load_frame(opt->frame);
    const FrameInspection inspection = inspect_frame(device, frame);
    write_inspection_outputs(opt->out, frame, inspection);
    const double ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count();
    std::printf("frame %s: %zu cuboids, %zu cameras, device %s, %.1f ms\n", frame.id.c_str(), frame.cuboids.size(),
                frame.cameras.size(), device_name(device), ms);
    for (size_t b = 0; b < frame.cuboids.size(); ++b) {
      int cameras = 0;
      for (const auto& c : inspection.cuboids[b].cameras) cameras += c.has_value();
      std::printf("  %-24s %-12s %6d lidar pts %4d radar pts, visible in %d camera(s)\n", frame.cuboids[b].id.c_str(),
                  frame.cuboids[b].class_name.c_str(), inspection.cuboids[b].num_lidar_pts,
                  inspection.cuboids[b].num_radar_pts, cameras);
    }
    std::printf("wrote %s/boxes.json\n", opt->out.c_str());
  });
}

}  // namespace fuselabel::cli
