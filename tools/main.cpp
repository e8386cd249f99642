// fuselabel: the command-line front end of the engine.
#include <cstdio>
#include <exception>

#include "model/input_error.h"
#include "tools/commands.h"

int main(int argc, char** argv) {
  CLI::App app{"fuselabel: sensor-fusion labeling engine (projection, prelabel, checks, export)"};
  app.require_subcommand(1);
  fuselabel::cli::add_info_command(app);
  fuselabel::cli::add_project_command(app);
  fuselabel::cli::add_inspect_command(app);
  fuselabel::cli::add_simulate_command(app);
  fuselabel::cli::add_corrupt_command(app);
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    return app.exit(e);
  } catch (const fuselabel::InputError& e) {
    std::fprintf(stderr, "fuselabel: bad input: %s\n", e.what());
    return 2;
  } catch (const std::exception& e) {
    std::fprintf(stderr, "fuselabel: error: %s\n", e.what());
    return 1;
  }
  return 0;
}
