#pragma once
// Runs the fuselabel program (FUSELABEL_CLI) as a child process without a shell, keeping its
// stderr apart and measuring what it cost: what the hostile-input and kill tests need.
#include <fcntl.h>
#include <signal.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <filesystem>
#include <string>
#include <vector>

#include "test_support.h"

namespace fuselabel::testing {

struct CliProcess {
  int exit_code = -1;     // -1 when it did not exit normally (killed, crashed)
  int signal = 0;         // the signal that ended it, if any
  std::string stdout_text, stderr_text;
  double seconds = 0;
  long max_rss_kib = 0;  // peak resident memory
};

// Starts `fuselabel ARGS` with stdout and stderr into the given files; returns its pid.
inline pid_t spawn_cli(const std::vector<std::string>& args, const std::filesystem::path& out_file,
                       const std::filesystem::path& err_file) {
  const pid_t pid = ::fork();
  if (pid != 0) return pid;
  const int out = ::open(out_file.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
  const int err = ::open(err_file.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
  ::dup2(out, 1);
  ::dup2(err, 2);
  std::vector<char*> argv{const_cast<char*>(FUSELABEL_CLI)};
  for (const std::string& a : args) argv.push_back(const_cast<char*>(a.c_str()));
  argv.push_back(nullptr);
  ::execv(FUSELABEL_CLI, argv.data());
  ::_exit(127);
}

// Waits for `pid` and fills the exit status and resource use.
inline void wait_cli(pid_t pid, CliProcess& run) {
  int status = 0;
  rusage usage{};
  ::wait4(pid, &status, 0, &usage);
  run.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  run.signal = WIFSIGNALED(status) ? WTERMSIG(status) : 0;
  run.max_rss_kib = usage.ru_maxrss;
}

// `fuselabel ARGS`, run to its end.
inline CliProcess run_cli_process(const std::vector<std::string>& args) {
  const TempDir logs;
  const auto start = std::chrono::steady_clock::now();
  CliProcess run;
  wait_cli(spawn_cli(args, logs / "stdout", logs / "stderr"), run);
  run.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  run.stdout_text = read_text(logs / "stdout");
  run.stderr_text = read_text(logs / "stderr");
  return run;
}

}  // namespace fuselabel::testing
