#pragma once
// Strict checks on option values, so a usage error is CLI11's message and exit 2, never a
// silently clamped or wrapped number ("--seed -1" is not 2^64 - 1) or an empty path.
#include <CLI/CLI.hpp>
#include <cstdint>
#include <string>

#include "io/common/text_tokens.h"

namespace fuselabel::cli {

// A value that is not empty: paths, frame ids.
inline const CLI::Validator kNonEmpty(
    [](std::string& value) { return value.empty() ? std::string("must not be empty") : std::string(); }, "NONEMPTY");

// A decimal integer in [lo, hi], spelled in full: no sign wrap-around, no overflow, no "3x".
inline CLI::Validator integer_in(uint64_t lo, uint64_t hi) {
  return CLI::Validator(
      [lo, hi](std::string& value) {
        const auto number = parse_integer<uint64_t>(value);
        if (number && *number >= lo && *number <= hi && value.find_first_of("+-") == std::string::npos)
          return std::string();
        return "expected an integer in [" + std::to_string(lo) + ", " + std::to_string(hi) + "], got '" + value + "'";
      },
      "INT in [" + std::to_string(lo) + ", " + std::to_string(hi) + "]");
}

// Seeds take every uint64.
inline CLI::Validator seed_value() { return integer_in(0, UINT64_MAX); }

}  // namespace fuselabel::cli
