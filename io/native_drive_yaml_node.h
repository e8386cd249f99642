#pragma once
// Strict reading of drive.yaml (internal to io/): a node together with its path in the document
// ("sensors[1].model.fx"), so every error names the file, the field and its line.
#include <cstdint>
#include <filesystem>
#include <initializer_list>
#include <optional>
#include <string>
#include <vector>

#include <yaml-cpp/yaml.h>

namespace fuselabel {

class YamlField {
 public:
  YamlField(const std::filesystem::path& file, YAML::Node node, std::string path)
      : file_(file), node_(std::move(node)), path_(std::move(path)) {}

  // Parses the whole file; syntax errors become InputError with the line and column.
  static YamlField load_file(const std::filesystem::path& file);

  const std::string& path() const { return path_; }
  const std::filesystem::path& file() const { return file_; }

  // Requires a mapping whose keys are all in `allowed`, each once: a misspelt key is an error.
  void expect_keys(std::initializer_list<const char*> allowed) const;
  YamlField required(const std::string& key) const;
  std::optional<YamlField> optional(const std::string& key) const;
  std::vector<std::string> keys() const;  // of a mapping, in document order

  std::vector<YamlField> items() const;  // of a sequence
  std::string as_string() const;         // non-empty scalar
  double as_double() const;              // finite
  int64_t as_int() const;
  std::vector<double> as_doubles() const;  // sequence of finite numbers
  std::vector<double> as_doubles(size_t count) const;

  [[noreturn]] void fail(const std::string& problem) const;

 private:
  YamlField child(const std::string& key, YAML::Node node) const;

  std::filesystem::path file_;
  YAML::Node node_;
  std::string path_;
};

}  // namespace fuselabel
