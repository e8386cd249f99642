// fuselabel project --drive DIR --frame ID --out OUT [--device auto|cpu|cuda]
#include <chrono>
#include <cstdio>

#include "fusion/frame_projection.h"
#include "fusion/projection_outputs.h"
#include "io/common/staged_folder.h"
#include "io/drive_reader.h"
#include "tools/commands.h"
#include "tools/drive_options.h"

namespace fuselabel::cli {

void add_project_command(CLI::App& app) {
  CLI::App* cmd = app.add_subcommand("project", "Project LiDAR (and radar) into every camera of one frame");
  struct Options {
    std::string frame, out, device = "auto";
  };
  auto drive = add_drive_options(cmd);
  auto opt = std::make_shared<Options>();
  cmd->add_option("--frame", opt->frame,
                  "Frame id: KITTI object file stem (000008); KITTI tracking and native drives: frame "
                  "number; nuScenes: sample index, sample token or sweep:N")
      ->required()
      ->check(kNonEmpty);
  cmd->add_option("--out", opt->out, "Output folder, replaced whole when the run succeeds")->required()->check(kNonEmpty);
  cmd->add_option("--device", opt->device, "auto, cpu or cuda")->check(CLI::IsMember({"auto", "cpu", "cuda"}));
  cmd->callback([drive, opt] {
    const Device device = parse_device(opt->device);
    const auto start = std::chrono::steady_clock::now();
    StagedFolder out(opt->out, "project", {drive->path});
    const FrameData frame = open_drive(*drive)->load_frame(opt->frame);
    const std::vector<CameraProjection> projections = project_frame(device, frame);
    const auto summaries = write_projection_outputs(out.path(), frame, projections);
    out.commit();
    const double ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count();
    std::printf("frame %s: %lld LiDAR points, %zu cuboids, device %s, %.1f ms\n", frame.id.c_str(),
                static_cast<long long>(frame.lidar ? frame.lidar->size() : 0), frame.cuboids.size(),
                device_name(device), ms);
    for (const ProjectionOutputSummary& s : summaries) {
      std::printf("  %-12s %lld points in image, %lld depth pixels", s.camera.c_str(),
                  static_cast<long long>(s.points_in_image), static_cast<long long>(s.depth_pixels));
      if (s.saturated_depth_pixels > 0)
        std::printf(" (%lld beyond 65.535 m, saturated)", static_cast<long long>(s.saturated_depth_pixels));
      if (s.radar_points_in_image > 0) std::printf(", %lld radar points", static_cast<long long>(s.radar_points_in_image));
      std::printf("\n");
    }
    std::printf("wrote %s\n", out.out().c_str());
  });
}

}  // namespace fuselabel::cli
