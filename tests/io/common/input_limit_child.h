#pragma once
// Limits (io/common/input_limits.h) are read from the environment once per process, so a test of
// a lowered limit runs its call in a fresh copy of the test program: a "threadsafe" death test
// re-executes the binary, sets the variable there and checks the InputError in that process.
#include <gtest/gtest.h>
#include <stdlib.h>
#include <unistd.h>

#include <cstdio>
#include <functional>
#include <string>
#include <vector>

#include "model/input_error.h"
#include "test_support.h"

namespace fuselabel::testing {

// Expects `call`, run with environment variable `variable` = `value` in a child process, to throw
// an InputError whose message contains every string of `mentions`.
inline void expect_input_error_under_limit(const char* variable, const char* value, const std::function<void()>& call,
                                           const std::vector<std::string>& mentions) {
  GTEST_FLAG_SET(death_test_style, "threadsafe");
  const auto run = [&] {
    ::setenv(variable, value, 1);
    // _exit runs no destructor: the child's temporary folders are removed before it.
    const auto exit_with = [](int code) {
      remove_live_temp_dirs();
      ::_exit(code);
    };
    try {
      call();
      std::fprintf(stderr, "no InputError\n");
    } catch (const InputError& e) {
      const std::string message = e.what();
      for (const std::string& m : mentions)
        if (message.find(m) == std::string::npos) {
          std::fprintf(stderr, "'%s' not in: %s\n", m.c_str(), e.what());
          exit_with(2);
        }
      exit_with(0);
    } catch (const std::exception& e) {
      std::fprintf(stderr, "another exception: %s\n", e.what());
    }
    exit_with(3);
  };
  EXPECT_EXIT(run(), ::testing::ExitedWithCode(0), "");
}

}  // namespace fuselabel::testing
