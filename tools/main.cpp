// fuselabel: the command-line front end of the engine.
#include <cstdio>
#include <exception>
#include <string>

#include "model/input_error.h"
#include "tools/commands.h"

int& fuselabel::cli::command_exit_status() {
  static int status = 0;
  return status;
}

int main(int argc, char** argv) {
  CLI::App app{"fuselabel: sensor-fusion labeling engine (projection, prelabel, checks, export)"};
  app.require_subcommand(1);
  fuselabel::cli::add_info_command(app);
  fuselabel::cli::add_project_command(app);
  fuselabel::cli::add_inspect_command(app);
  fuselabel::cli::add_simulate_command(app);
  fuselabel::cli::add_corrupt_command(app);
  fuselabel::cli::add_prelabel_command(app);
  fuselabel::cli::add_export_command(app);
  fuselabel::cli::add_eval_propagation_command(app);
  fuselabel::cli::add_check_command(app);
  fuselabel::cli::add_eval_checks_command(app);
  fuselabel::cli::add_bench_command(app);
  // One line per usage error, exit 2 like any other bad input (CLI11's own codes are 100+).
  app.failure_message([](const CLI::App*, const CLI::Error& e) {
    return std::string("fuselabel: usage: ") + e.what() + " (see --help)\n";
  });
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    const int code = app.exit(e);
    return code == static_cast<int>(CLI::ExitCodes::Success) ? 0 : 2;
  } catch (const fuselabel::InputError& e) {
    std::fprintf(stderr, "fuselabel: bad input: %s\n", e.what());
    return 2;
  } catch (const std::exception& e) {
    std::fprintf(stderr, "fuselabel: error: %s\n", e.what());
    return 1;
  }
  return fuselabel::cli::command_exit_status();
}
