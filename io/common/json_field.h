#pragma once
// Strict reading of a JSON document (label sets, injected_errors.json): a value together with
// its path in the document ("boxes[12].size"), so every error is an InputError naming the file
// and the field. Every conversion checks the JSON type: a string is never read as a number,
// nor the reverse.
#include <cstdint>
#include <filesystem>
#include <functional>
#include <initializer_list>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

namespace fuselabel {

// Parses the whole file. A syntax error names its line and column. nlohmann keeps the last of
// duplicate keys silently; a document with two "size" keys in one object is ambiguous, so the
// parse refuses it, naming the JSON path and the place of both keys.
nlohmann::json parse_json_file(const std::filesystem::path& file);

struct JsonSyntaxError {
  std::string where;    // "line L, column C (byte offset B)"
  std::string problem;  // "syntax error while parsing value - unexpected ']'; ..."
};
// The first syntax error of `text` as strict JSON, nullopt when there is none. It builds no
// document: it names the place of an error another parser found without one (the nuScenes
// tables' simdjson stops some errors before it has a position).
std::optional<JsonSyntaxError> find_json_syntax_error(std::string_view text);

// Refers to the file and the document it reads: both must outlive it.
struct JsonField {
  const std::filesystem::path& file;
  const nlohmann::json& value;
  std::string path;

  [[noreturn]] void fail(const std::string& problem) const;

  std::string path_of(const std::string& key) const;
  JsonField at(const std::string& key) const;  // a key known to be present
  bool has(const char* key) const;
  JsonField required(const char* key) const;
  // Requires an object whose keys are all in `allowed`: a misspelt key is an error.
  void expect_object(std::initializer_list<const char*> allowed) const;
  std::vector<std::string> keys() const;  // of an object
  std::vector<JsonField> items() const;   // of an array

  std::string string() const;  // any string, "" included
  std::string text() const;    // non-empty string
  int64_t integer() const;
  int64_t integer_at_least(int64_t min) const;
  double number() const;  // finite
  std::vector<double> numbers(size_t count) const;
  // `count` numbers, each of which problem(number) finds no problem with ("" when fine); a
  // problem fails at the element ("boxes[3].size[1]").
  std::vector<double> checked_numbers(size_t count, const std::function<std::string(double)>& problem) const;
};

}  // namespace fuselabel
