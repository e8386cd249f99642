#pragma once
// Shared by the prelabel / eval-propagation CLI tests: the sample drive, the prelabel command
// line, JSON reading and the exit check.
#include <gtest/gtest.h>

#include <filesystem>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "cli_process.h"
#include "test_support.h"

namespace fuselabel::prelabel_cli {

namespace fs = std::filesystem;
using nlohmann::json;

inline fs::path sample_drive() { return testing::source_dir() / "data-samples/drive"; }

inline json read_json(const fs::path& file) {
  const std::string text = testing::read_text(file);
  EXPECT_FALSE(text.empty()) << file;
  return json::parse(text);
}

inline std::vector<std::string> prelabel(const fs::path& drive, const std::string& labels, const fs::path& out,
                                  const std::vector<std::string>& more = {}) {
  std::vector<std::string> args = {"prelabel", "--drive", drive.string(), "--labels", labels,
                                   "--out",    out.string(), "--no-refine", "--device", "cpu"};
  args.insert(args.end(), more.begin(), more.end());
  return args;
}

inline void expect_ran(const testing::CliProcess& run) {
  ASSERT_EQ(run.exit_code, 0) << run.stderr_text << run.stdout_text;
}

}  // namespace fuselabel::prelabel_cli
