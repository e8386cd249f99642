#pragma once
// The options every subcommand that reads a drive shares: --drive plus one option per selector
// that some layout takes (io/drive_reader.h drive_selectors()).
#include <CLI/CLI.hpp>
#include <filesystem>
#include <memory>
#include <set>
#include <string>

#include "io/drive_reader.h"
#include "io/openlabel/openlabel_writer.h"
#include "model/input_error.h"
#include "tools/cli_validators.h"

namespace fuselabel::cli {

// `own`: selector names the command defines itself with another meaning (prelabel's --labels
// reads keyframe labels in place of the drive's, where opening a native drive picks a set).
inline std::shared_ptr<DriveOptions> add_drive_options(CLI::App* cmd, const std::set<std::string>& own = {}) {
  auto options = std::make_shared<DriveOptions>();
  cmd->add_option("--drive", options->path,
                  "Drive: KITTI object training/testing folder, KITTI tracking training folder, nuScenes "
                  "dataroot, native drive folder (drive.yaml), or an ASAM OpenLABEL 1.0 JSON file")
      ->required()
      ->check(kNonEmpty);
  for (const DriveSelector& s : drive_selectors()) {
    if (own.count(s.name)) continue;
    std::string* value = &options->selectors[s.name];
    cmd->add_option("--" + s.name, *value, s.help)->check(kNonEmpty);
  }
  return options;
}

// A folder `prelabel` or `corrupt` wrote stands for the labels in it.
inline std::string labels_argument(const std::string& value) {
  std::error_code ec;
  if (value.empty() || !std::filesystem::is_directory(value, ec)) return value;
  const std::filesystem::path dir = value;
  for (const std::filesystem::path& candidate :
       {dir / kOpenLabelFileName, dir / "labels" / "prelabel.json", dir / "labels" / "corrupted.json"})
    if (std::filesystem::is_regular_file(candidate, ec)) return candidate.string();
  if (std::filesystem::is_directory(dir / "label_02", ec))
    for (const auto& entry : std::filesystem::directory_iterator(dir / "label_02"))
      if (entry.path().extension() == ".txt") return entry.path().string();
  throw InputError(dir, "--labels",
                   "a folder without labels fuselabel wrote (openlabel.json, labels/prelabel.json, "
                   "labels/corrupted.json or label_02/SSSS.txt)");
}

}  // namespace fuselabel::cli
