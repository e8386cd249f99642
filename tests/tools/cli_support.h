#pragma once
// Runs the fuselabel program built beside the tests (FUSELABEL_CLI) as a user would.
#include <sys/wait.h>

#include <cstdio>
#include <string>

namespace fuselabel::testing {

struct CliRun {
  int exit_code = -1;  // -1 when the program did not exit normally
  std::string output;  // stdout and stderr together
};

// A shell command line, its stdout and stderr together.
inline CliRun run_shell(const std::string& command) {
  CliRun run;
  FILE* pipe = popen((command + " 2>&1").c_str(), "r");
  if (!pipe) return run;
  char buffer[4096];
  size_t n;
  while ((n = fread(buffer, 1, sizeof buffer, pipe)) > 0) run.output.append(buffer, n);
  const int status = pclose(pipe);
  run.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  return run;
}

// `fuselabel ARGS` through the shell (ARGS is pasted as is: quote paths with spaces).
inline CliRun run_cli(const std::string& args) { return run_shell(std::string(FUSELABEL_CLI) + " " + args); }

}  // namespace fuselabel::testing
