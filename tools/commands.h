#pragma once
// Each subcommand registers itself on the app; the callbacks are thin wrappers over library
// calls and throw on error (main turns exceptions into one message and an exit code).
#include <CLI/CLI.hpp>

namespace fuselabel::cli {

void add_info_command(CLI::App& app);
void add_project_command(CLI::App& app);
void add_simulate_command(CLI::App& app);
void add_inspect_command(CLI::App& app);
void add_corrupt_command(CLI::App& app);
void add_prelabel_command(CLI::App& app);
void add_eval_propagation_command(CLI::App& app);
void add_export_command(CLI::App& app);
void add_check_command(CLI::App& app);
void add_eval_checks_command(CLI::App& app);
void add_bench_command(CLI::App& app);

// The exit status of a command that finished without throwing: 0 unless it sets another (check:
// 1 when error flags remain, 2 when the run failed).
int& command_exit_status();

// prelabel and eval-propagation share the option.
inline constexpr const char* kSmoothKeysHelp =
    "The keyframes are noisy (a detector's boxes, quick annotation): between keys, propagate along a "
    "cross-validated smoothing spline instead of through every key (keys are still copied exactly)";

}  // namespace fuselabel::cli
