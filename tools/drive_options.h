#pragma once
// The options every subcommand that reads a drive shares: --drive plus the selectors some
// layouts need (nuScenes version and scene, KITTI tracking sequence, native label set).
#include <CLI/CLI.hpp>
#include <memory>

#include "io/drive_reader.h"

namespace fuselabel::cli {

inline std::shared_ptr<DriveOptions> add_drive_options(CLI::App* cmd) {
  auto options = std::make_shared<DriveOptions>();
  cmd->add_option("--drive", options->path,
                  "Drive folder: KITTI object training/testing folder, KITTI tracking training folder, "
                  "nuScenes dataroot, or a native drive (drive.yaml)")
      ->required();
  cmd->add_option("--version", options->nuscenes_version, "nuScenes version folder, e.g. v1.0-mini");
  cmd->add_option("--scene", options->scene, "nuScenes scene name, e.g. scene-0061");
  cmd->add_option("--sequence", options->sequence, "KITTI tracking sequence, e.g. 0005");
  cmd->add_option("--labels", options->label_set, "Native drives: label set to read (default ground_truth)");
  return options;
}

}  // namespace fuselabel::cli
