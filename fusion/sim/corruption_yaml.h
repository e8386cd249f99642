#pragma once
// Strict reading of a YAML (or JSON: YAML 1.2 reads JSON) document with yaml-cpp: every
// conversion checks type and domain, and every failure is an InputError naming the file, the
// line and the dotted key, e.g. "line 7, key label_errors.box_shift.distance_m".
#include <yaml-cpp/yaml.h>

#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

#include "fusion/sim/corruption_profile.h"

namespace fuselabel {

class StrictYaml {
 public:
  explicit StrictYaml(std::filesystem::path file) : file_(std::move(file)) {}

  YAML::Node load() const;
  [[noreturn]] void fail(const YAML::Node& at, const std::string& key, const std::string& problem) const;

  void expect_map(const YAML::Node& node, const std::string& key) const;  // with unique keys
  void expect_sequence(const YAML::Node& node, const std::string& key) const;
  void check_keys(const YAML::Node& map, const std::string& key, const std::vector<std::string>& allowed) const;
  // A key that must be present (fails naming key.name otherwise).
  YAML::Node required(const YAML::Node& map, const std::string& key, const std::string& name) const;

  // Numbers are parsed with std::from_chars: whole scalar, decimal, finite, within [lo, hi].
  double number(const YAML::Node& node, const std::string& key, double lo, double hi) const;
  int64_t integer(const YAML::Node& node, const std::string& key, int64_t lo, int64_t hi) const;
  uint64_t unsigned_integer(const YAML::Node& node, const std::string& key) const;
  std::string string(const YAML::Node& node, const std::string& key) const;
  // [min, max] with lo <= min <= max <= hi.
  ValueRange range(const YAML::Node& node, const std::string& key, double lo, double hi) const;
  IntRange int_range(const YAML::Node& node, const std::string& key, int64_t lo, int64_t hi) const;
  // A sequence of non-empty strings.
  std::vector<std::string> strings(const YAML::Node& node, const std::string& key) const;

 private:
  std::string scalar(const YAML::Node& node, const std::string& key, const char* expected) const;

  std::filesystem::path file_;
};

}  // namespace fuselabel
