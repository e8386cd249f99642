#pragma once
// The hostile-input suite's harness: each case writes a bad input (generated, never committed),
// runs the fuselabel program on it and expects one line on stderr naming file and field, the
// exit code of bad input (2), no output folder, bounded memory, and no hang.
#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <string>
#include <vector>

#include "cli_process.h"

namespace fuselabel::testing {

// What every rejected hostile input must respect (issue 10's acceptance: 1 GB and 2 s in a
// Release build; the time bound here only catches hangs, since sanitizers slow runs 10x).
constexpr long kMaxRssKib = 1024 * 1024;
constexpr double kHangSeconds = 20;

inline std::filesystem::path copy_of(const std::filesystem::path& from, const std::filesystem::path& to) {
  std::filesystem::create_directories(to.parent_path());
  std::filesystem::copy(from, to, std::filesystem::copy_options::recursive);
  return to;
}

inline std::filesystem::path copy_of_sample_drive(const TempDir& scratch) {
  return copy_of(source_dir() / "data-samples/drive", scratch / "drive");
}

// Replaces the first occurrence of `from` in the file with `to` (the test fails if absent).
inline void replace_in_file(const std::filesystem::path& file, const std::string& from, const std::string& to) {
  std::string text = read_text(file);
  const size_t at = text.find(from);
  ASSERT_NE(at, std::string::npos) << from << " not in " << file;
  text.replace(at, from.size(), to);
  write_text(file, text);
}

// Runs `args` and checks the run was refused as bad input: exit `exit_code`, exactly one line
// on stderr holding every string of `expected`, within memory, and (when `out` is given) no
// output folder left behind.
inline void expect_refused(const std::vector<std::string>& args, const std::vector<std::string>& expected,
                           const std::filesystem::path& out = {}, int exit_code = 2) {
  const CliProcess run = run_cli_process(args);
  std::string command;
  for (const std::string& a : args) command += a + " ";
  SCOPED_TRACE(command);
  EXPECT_EQ(run.exit_code, exit_code) << run.stderr_text << run.stdout_text;
  EXPECT_EQ(std::count(run.stderr_text.begin(), run.stderr_text.end(), '\n'), 1) << run.stderr_text;
  for (const std::string& e : expected) EXPECT_NE(run.stderr_text.find(e), std::string::npos) << e << " in " << run.stderr_text;
  EXPECT_LT(run.max_rss_kib, kMaxRssKib);
  EXPECT_LT(run.seconds, kHangSeconds);
  if (!out.empty()) {
    EXPECT_FALSE(std::filesystem::exists(out)) << out;
    for (const auto& e : std::filesystem::directory_iterator(out.parent_path()))
      EXPECT_EQ(e.path().filename().string().find(out.filename().string() + "."), std::string::npos) << e.path();
  }
  std::printf("  %-60.60s %6.2f s %7ld KiB  %s", command.c_str(), run.seconds, run.max_rss_kib, run.stderr_text.c_str());
}

}  // namespace fuselabel::testing
