#pragma once
// Progress of long commands on stderr: `--progress bar` redraws one line with the stage, a bar,
// done/total, the rate and the time left; `--progress json` writes one JSON object per line at
// most once per second per stage, and always a stage's first and last update; `--progress none`
// and `--quiet` write nothing (`--quiet` also drops the command's summary on stdout). The
// default, auto, is the bar when stderr is a terminal, else nothing.
#include <CLI/CLI.hpp>
#include <memory>
#include <string>

#include "fusion/progress.h"

namespace fuselabel::cli {

struct ProgressSettings {
  std::string mode = "auto";  // auto, bar, json, none
  bool quiet = false;
};

std::shared_ptr<ProgressSettings> add_progress_options(CLI::App* cmd);
// nullptr when nothing is to be shown.
std::unique_ptr<Progress> make_progress(const ProgressSettings& settings);

}  // namespace fuselabel::cli
