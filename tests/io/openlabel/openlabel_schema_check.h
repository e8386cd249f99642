#pragma once
// Runs tests/io/openlabel/validate_openlabel.py on a file: the official OpenLABEL 1.0 schema
// (../shared/data/openlabel) through Debian's python3-jsonschema, plus what the schema cannot
// express. Skips the calling test when the schema or the jsonschema module is absent.
#include <gtest/gtest.h>

#include <sys/wait.h>

#include <cstdio>
#include <filesystem>
#include <string>

#include "test_support.h"

namespace fuselabel::testing {

inline const char* kOpenLabelSchema = "openlabel/openlabel_json_schema-v1.0.0.json";

// Debian's interpreter, which is where scripts/install-deps.sh puts jsonschema.
inline std::string python_for_schema() {
  return std::filesystem::exists("/usr/bin/python3") ? "/usr/bin/python3" : "python3";
}

// "" when valid, else the validator's report; "skip" when it cannot run.
inline std::string openlabel_problems(const std::filesystem::path& file) {
  if (!std::filesystem::exists(shared_data(kOpenLabelSchema))) return "skip";
  const std::string command = python_for_schema() + " " +
                              (source_dir() / "tests/io/openlabel/validate_openlabel.py").string() + " " +
                              shared_data(kOpenLabelSchema).string() + " " + file.string() + " 2>&1";
  FILE* pipe = popen(command.c_str(), "r");
  if (!pipe) return "skip";
  std::string out;
  char buffer[4096];
  while (size_t n = fread(buffer, 1, sizeof buffer, pipe)) out.append(buffer, n);
  const int status = pclose(pipe);
  const int rc = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  if (rc == 3) return "skip";
  return rc == 0 ? "" : "exit " + std::to_string(rc) + ": " + out;
}

#define FL_EXPECT_VALID_OPENLABEL(file)                                                        \
  do {                                                                                         \
    const std::string problems = ::fuselabel::testing::openlabel_problems(file);              \
    if (problems == "skip") GTEST_SKIP() << "OpenLABEL schema or python3-jsonschema absent";   \
    EXPECT_EQ(problems, "") << (file);                                                         \
  } while (0)

}  // namespace fuselabel::testing
