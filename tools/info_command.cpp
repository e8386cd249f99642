// fuselabel info --drive DIR [--json]: what a drive holds.
#include <cstdio>
#include <nlohmann/json.hpp>

#include "io/drive_reader.h"
#include "tools/commands.h"
#include "tools/drive_options.h"

namespace fuselabel::cli {
namespace {

nlohmann::json summary_json(const DriveSummary& s) {
  nlohmann::json sensors = nlohmann::json::array();
  for (const SensorInfo& sensor : s.sensors) sensors.push_back({{"name", sensor.name}, {"kind", sensor.kind}});
  return {{"format", s.format},
          {"root", s.root.string()},
          {"sensors", sensors},
          {"frames", s.frame_ids.size()},
          {"frame_ids", s.frame_ids},
          {"labels", {{"cuboids", s.cuboid_labels}, {"image_boxes", s.image_box_labels}, {"tracks", s.tracks}}},
          {"labels_per_class", s.labels_per_class}};
}

void print_text(const DriveSummary& s) {
  std::printf("drive:   %s (%s)\n", s.root.c_str(), s.format.c_str());
  std::printf("sensors:");
  for (const SensorInfo& sensor : s.sensors) std::printf(" %s (%s)", sensor.name.c_str(), sensor.kind.c_str());
  std::printf("\nframes:  %zu", s.frame_ids.size());
  if (!s.frame_ids.empty()) std::printf(" (%s .. %s)", s.frame_ids.front().c_str(), s.frame_ids.back().c_str());
  std::printf("\nlabels:  %lld cuboids, %lld image boxes", static_cast<long long>(s.cuboid_labels),
              static_cast<long long>(s.image_box_labels));
  if (s.tracks > 0) std::printf(", %lld tracks", static_cast<long long>(s.tracks));
  std::printf("\n");
  for (const auto& [cls, count] : s.labels_per_class) std::printf("  %-16s %lld\n", cls.c_str(), static_cast<long long>(count));
}

}  // namespace

void add_info_command(CLI::App& app) {
  CLI::App* cmd = app.add_subcommand("info", "Sensors, frames and labels found in a drive");
  auto drive = add_drive_options(cmd);
  auto json = std::make_shared<bool>(false);
  cmd->add_flag("--json", *json, "Print JSON instead of text");
  cmd->callback([drive, json] {
    const DriveSummary summary = open_drive(*drive)->summarize();
    if (*json)
      std::printf("%s\n", summary_json(summary).dump(2).c_str());
    else
      print_text(summary);
  });
}

}  // namespace fuselabel::cli
