#pragma once
// Strict reading of a YAML document (drive.yaml, simulator configs, corruption profiles): a
// node together with its path in the document ("sensors[1].model.fx"), so every error is an
// InputError naming the file, the field and its line. Every conversion checks type and domain;
// misspelt and repeated keys are errors, never silently ignored.
#include <cstdint>
#include <filesystem>
#include <initializer_list>
#include <optional>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include <yaml-cpp/yaml.h>

namespace fuselabel {

class YamlField {
 public:
  YamlField(const std::filesystem::path& file, YAML::Node node, std::string path)
      : file_(file), node_(std::move(node)), path_(std::move(path)) {}

  // Parses the whole file; syntax errors become InputError with the line and column, and a key
  // repeated in any mapping of the document is one naming the key and both lines.
  static YamlField load_file(const std::filesystem::path& file);

  const std::string& path() const { return path_; }
  const std::filesystem::path& file() const { return file_; }

  // Requires a mapping whose keys are all in `allowed`, each once: a misspelt key is an error.
  void expect_keys(std::initializer_list<const char*> allowed) const;
  YamlField required(const std::string& key) const;
  std::optional<YamlField> optional(const std::string& key) const;
  std::vector<std::string> keys() const;  // of a mapping, in document order, each once
  bool is_null() const;                   // "key:" with no value

  std::vector<YamlField> items() const;  // of a sequence
  std::string as_string() const;         // non-empty scalar
  std::vector<std::string> as_strings() const;  // sequence of non-empty scalars
  double as_double() const;                     // finite
  double as_double(double lo, double hi) const;  // finite, within [lo, hi]
  int64_t as_int() const;
  int64_t as_int(int64_t lo, int64_t hi) const;  // within [lo, hi]
  uint64_t as_uint() const;
  std::vector<double> as_doubles() const;  // sequence of finite numbers
  std::vector<double> as_doubles(size_t count) const;
  // [min, max] with lo <= min <= max <= hi.
  std::pair<double, double> as_range(double lo, double hi) const;
  std::pair<int64_t, int64_t> as_int_range(int64_t lo, int64_t hi) const;

  [[noreturn]] void fail(const std::string& problem) const;

 private:
  YamlField child(const std::string& key, YAML::Node node) const;
  // Refuses a repeated key in this node and every node below it; `checked` holds the nodes done.
  void check_mappings(std::set<std::pair<int, int>>& checked) const;
  std::string scalar(const char* expected) const;
  std::vector<YamlField> range_ends() const;

  std::filesystem::path file_;
  YAML::Node node_;
  std::string path_;
};

}  // namespace fuselabel
