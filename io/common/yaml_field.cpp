#include "io/common/yaml_field.h"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <set>

#include "io/common/file_read.h"
#include "model/input_error.h"
#include "io/native/native_drive_text.h"
#include "io/common/text_tokens.h"

namespace fuselabel {
namespace {

std::string bound_text(double value) {
  if (std::isfinite(value)) return format_double(value);
  return value > 0 ? "inf" : "-inf";
}

std::string bound_text(int64_t value) { return std::to_string(value); }

// The number `parse` reads from the whole scalar `text`; else fails with `problem` and the text.
template <typename Number, typename Parse>
Number parsed(const YamlField& field, const std::string& text, Parse parse, const char* problem) {
  const std::optional<Number> value = parse(text);
  if (!value) field.fail(problem + quote_token(text));
  return *value;
}

template <typename Number>
Number within(const YamlField& field, Number value, Number lo, Number hi) {
  if (value < lo || value > hi)
    field.fail(bound_text(value) + " is outside [" + bound_text(lo) + ", " + bound_text(hi) + "]");
  return value;
}

template <typename Number>
std::pair<Number, Number> ordered(const YamlField& field, std::pair<Number, Number> range) {
  if (range.first > range.second) field.fail("min is greater than max");
  return range;
}

}  // namespace

YamlField YamlField::load_file(const std::filesystem::path& file) {
  const std::string text = read_file_bytes(file);
  YAML::Node document;
  try {
    document = YAML::Load(text);
  } catch (const YAML::Exception& e) {
    throw InputError(file, "line " + std::to_string(e.mark.line + 1) + ", column " + std::to_string(e.mark.column + 1),
                     "not valid YAML: " + e.msg);
  }
  const YamlField root(file, document, "");
  std::set<std::pair<int, int>> checked;
  root.check_mappings(checked);
  return root;
}

// yaml-cpp accepts a repeated key silently, so every mapping is checked (keys() refuses one),
// also those no reader asks for. Each node once, by its place in the text: an alias is the node
// it names, and following every alias again would take exponential time on a hostile document.
void YamlField::check_mappings(std::set<std::pair<int, int>>& checked) const {
  if (!node_.IsMap() && !node_.IsSequence()) return;
  if (!checked.emplace(node_.Mark().pos, static_cast<int>(node_.Type())).second) return;
  if (node_.IsSequence()) {
    for (const YamlField& item : items()) item.check_mappings(checked);
    return;
  }
  keys();
  for (const auto& entry : node_) child(entry.first.Scalar(), entry.second).check_mappings(checked);
}

void YamlField::fail(const std::string& problem) const {
  std::string where = path_.empty() ? "top level" : path_;
  const YAML::Mark mark = node_.Mark();
  if (mark.line >= 0) where += " (line " + std::to_string(mark.line + 1) + ")";
  throw InputError(file_, where, problem);
}

YamlField YamlField::child(const std::string& key, YAML::Node node) const {
  return YamlField(file_, std::move(node), path_.empty() ? key : path_ + "." + key);
}

// Problems with a key itself (repeated, unknown) are reported at the key's line.
std::vector<std::string> YamlField::keys() const {
  if (!node_.IsMap()) fail("expected a mapping of keys to values");
  std::vector<std::string> keys;
  std::vector<int> lines;  // of keys[i]
  for (const auto& entry : node_) {
    if (!entry.first.IsScalar()) fail("a key is not a plain name");
    const std::string key = entry.first.Scalar();
    // yaml-cpp keeps both entries of a repeated key; a lookup would silently see only one.
    const auto first = std::find(keys.begin(), keys.end(), key);
    if (first != keys.end()) {
      const int first_line = lines[size_t(first - keys.begin())] + 1;
      child(key, entry.first).fail("duplicate key '" + key + "' (first at line " + std::to_string(first_line) + ")");
    }
    keys.push_back(key);
    lines.push_back(entry.first.Mark().line);
  }
  return keys;
}

void YamlField::expect_keys(std::initializer_list<const char*> allowed) const {
  keys();
  for (const auto& entry : node_) {
    const std::string key = entry.first.Scalar();
    const bool known = std::any_of(allowed.begin(), allowed.end(), [&](const char* a) { return key == a; });
    if (known) continue;
    std::string list;
    for (const char* a : allowed) list += (list.empty() ? "" : ", ") + std::string(a);
    child(key, entry.first).fail("unknown key (expected one of: " + list + ")");
  }
}

std::optional<YamlField> YamlField::optional(const std::string& key) const {
  if (!node_.IsMap()) fail("expected a mapping of keys to values");
  for (const auto& entry : node_)
    if (entry.first.IsScalar() && entry.first.Scalar() == key) return child(key, entry.second);
  return std::nullopt;
}

YamlField YamlField::required(const std::string& key) const {
  std::optional<YamlField> field = optional(key);
  if (!field) child(key, node_).fail("missing");
  return *field;
}

bool YamlField::is_null() const { return node_.IsNull(); }

std::vector<YamlField> YamlField::items() const {
  if (!node_.IsSequence()) fail("expected a list");
  std::vector<YamlField> items;
  for (size_t i = 0; i < node_.size(); ++i)
    items.emplace_back(file_, node_[i], path_ + "[" + std::to_string(i) + "]");
  return items;
}

std::string YamlField::scalar(const char* expected) const {
  if (!node_.IsScalar()) fail(std::string("expected ") + expected);
  return node_.Scalar();
}

std::string YamlField::as_string() const {
  if (!node_.IsScalar() || node_.Scalar().empty()) fail("expected a non-empty text value");
  return node_.Scalar();
}

std::vector<std::string> YamlField::as_strings() const {
  std::vector<std::string> values;
  for (const YamlField& item : items()) values.push_back(item.as_string());
  return values;
}

double YamlField::as_double() const {
  return parsed<double>(*this, scalar("a number"), parse_finite_double, "not a finite number: ");
}

double YamlField::as_double(double lo, double hi) const { return within(*this, as_double(), lo, hi); }

int64_t YamlField::as_int() const {
  return parsed<int64_t>(*this, scalar("an integer"), parse_integer<int64_t>, "not an integer: ");
}

int64_t YamlField::as_int(int64_t lo, int64_t hi) const { return within(*this, as_int(), lo, hi); }

uint64_t YamlField::as_uint() const {
  return parsed<uint64_t>(*this, scalar("a non-negative integer"), parse_integer<uint64_t>,
                          "must be a non-negative integer, found ");
}

std::vector<double> YamlField::as_doubles() const {
  std::vector<double> values;
  for (const YamlField& item : items()) values.push_back(item.as_double());
  return values;
}

std::vector<double> YamlField::as_doubles(size_t count) const {
  const std::vector<double> values = as_doubles();
  if (values.size() != count)
    fail("expected " + std::to_string(count) + " numbers, found " + std::to_string(values.size()));
  return values;
}

std::vector<YamlField> YamlField::range_ends() const {
  if (!node_.IsSequence() || node_.size() != 2) fail("expected [min, max]");
  return items();
}

std::pair<double, double> YamlField::as_range(double lo, double hi) const {
  const std::vector<YamlField> ends = range_ends();
  return ordered(*this, std::make_pair(ends[0].as_double(lo, hi), ends[1].as_double(lo, hi)));
}

std::pair<int64_t, int64_t> YamlField::as_int_range(int64_t lo, int64_t hi) const {
  const std::vector<YamlField> ends = range_ends();
  return ordered(*this, std::make_pair(ends[0].as_int(lo, hi), ends[1].as_int(lo, hi)));
}

}  // namespace fuselabel
