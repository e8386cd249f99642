// fuselabel inspect --drive ... (--frame ID | --frames A:B) --out OUT [--device ...] [--batch N]
#include <chrono>
#include <cstdio>
#include <stdexcept>

#include "fusion/frame_inspection.h"
#include "io/common/staged_folder.h"
#include "tools/commands.h"
#include "tools/drive_options.h"

namespace fuselabel::cli {
namespace {

// "A:B": positions A, A+1, ..., B-1 of the drive's frame list (half-open, as a slice).
void parse_range(const std::string& text, size_t frames, size_t& first, size_t& end) {
  const size_t colon = text.find(':');
  auto number = [&](const std::string& s) {
    if (s.empty() || s.find_first_not_of("0123456789") != std::string::npos || s.size() > 9)
      throw CLI::ValidationError("--frames", text + ": expected A:B with 0 <= A < B, frame positions");
    return static_cast<size_t>(std::stoul(s));
  };
  if (colon == std::string::npos) number("");
  first = number(text.substr(0, colon));
  end = number(text.substr(colon + 1));
  if (first >= end) number("");
  if (end > frames)
    throw CLI::ValidationError("--frames", text + ": the drive has " + std::to_string(frames) + " frames");
}

void print_frame(const FrameData& frame, const FrameInspection& inspection, const char* device, double ms) {
  std::printf("frame %s: %zu cuboids, %zu cameras, device %s, %.1f ms\n", frame.id.c_str(), frame.cuboids.size(),
              frame.cameras.size(), device, ms);
  for (size_t b = 0; b < frame.cuboids.size(); ++b) {
    int cameras = 0;
    for (const auto& c : inspection.cuboids[b].cameras) cameras += c.has_value();
    std::printf("  %-24s %-12s %6d lidar pts %4d radar pts, visible in %d camera(s)\n", frame.cuboids[b].id.c_str(),
                frame.cuboids[b].class_name.c_str(), inspection.cuboids[b].num_lidar_pts,
                inspection.cuboids[b].num_radar_pts, cameras);
  }
}

}  // namespace

void add_inspect_command(CLI::App& app) {
  CLI::App* cmd = app.add_subcommand(
      "inspect", "Per labelled cuboid: LiDAR/radar point counts, 2D box and visible fraction in every camera");
  struct Options {
    std::string frame, frames, out, device = "auto";
    size_t batch = 8;
  };
  auto drive = add_drive_options(cmd);
  auto opt = std::make_shared<Options>();
  auto* one = cmd->add_option("--frame", opt->frame, "Frame id (as for project)")->check(kNonEmpty);
  auto* range = cmd->add_option("--frames", opt->frames, "Frame positions A:B (A included, B not): OUT/FRAME/ per frame")
                    ->check(kNonEmpty);
  one->excludes(range);
  cmd->add_option("--out", opt->out, "Output folder (boxes.json, CAM_boxes.jpg), replaced whole when the run succeeds")
      ->required()
      ->check(kNonEmpty);
  cmd->add_option("--device", opt->device, "auto, cpu or cuda")->check(CLI::IsMember({"auto", "cpu", "cuda"}));
  cmd->add_option("--batch", opt->batch, "--frames: frames inspected per batched call (default 8)")
      ->check(integer_in(1, 4096));
  cmd->callback([drive, opt] {
    if (opt->frame.empty() == opt->frames.empty()) throw CLI::RequiredError("--frame or --frames");
    const Device device = parse_device(opt->device);
    const auto start = std::chrono::steady_clock::now();
    StagedFolder out(opt->out, "inspect", {drive->path});
    const auto reader = open_drive(*drive);
    Workspace ws(device);
    if (!opt->frame.empty()) {
      const FrameData frame = reader->load_frame(opt->frame);
      const FrameInspection inspection = std::move(inspect_frames(ws, {&frame}).front());
      write_inspection_outputs(out.path(), frame, inspection);
      out.commit();
      const double ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count();
      print_frame(frame, inspection, device_name(device), ms);
      std::printf("wrote %s/boxes.json\n", out.out().c_str());
      return;
    }
    const std::vector<std::string> ids = reader->frame_ids();
    size_t first = 0, end = 0;
    parse_range(opt->frames, ids.size(), first, end);
    for (size_t begin = first; begin < end; begin += opt->batch) {
      std::vector<FrameData> frames;
      for (size_t i = begin; i < std::min(end, begin + opt->batch); ++i) frames.push_back(reader->load_frame(ids[i]));
      std::vector<const FrameData*> views;
      for (const FrameData& frame : frames) views.push_back(&frame);
      const std::vector<FrameInspection> inspections = inspect_frames(ws, views);
      for (size_t f = 0; f < frames.size(); ++f) {
        const std::filesystem::path dir = out.path() / frames[f].id;
        std::filesystem::create_directories(dir);
        write_inspection_outputs(dir, frames[f], inspections[f]);
      }
    }
    out.commit();
    const double ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count();
    const Workspace::Transfers& t = ws.transfers();
    std::printf("frames %s (%zu): device %s, %.1f ms, %.1f ms/frame, %lld host-device transfers (%.1f per frame)\n",
                opt->frames.c_str(), end - first, device_name(device), ms, ms / (end - first),
                static_cast<long long>(t.uploads + t.downloads), double(t.uploads + t.downloads) / (end - first));
    std::printf("wrote %s/FRAME/boxes.json for frames %s to %s\n", out.out().c_str(), ids[first].c_str(),
                ids[end - 1].c_str());
  });
}

}  // namespace fuselabel::cli
