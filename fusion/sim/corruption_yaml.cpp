#include "fusion/sim/corruption_yaml.h"

#include <charconv>
#include <cmath>
#include <set>

#include "io/input_error.h"

namespace fuselabel {
namespace {

std::string child_key(const std::string& key, const std::string& name) { return key.empty() ? name : key + "." + name; }

template <typename Number>
bool parse_whole(const std::string& text, Number& value) {
  const char* end = text.data() + text.size();
  const auto [ptr, ec] = std::from_chars(text.data(), end, value);
  return ec == std::errc() && ptr == end;
}

}  // namespace

YAML::Node StrictYaml::load() const {
  try {
    return YAML::LoadFile(file_.string());
  } catch (const YAML::BadFile&) {
    throw InputError(file_, "", "cannot open file");
  } catch (const YAML::Exception& e) {
    throw InputError(file_, e.mark.is_null() ? "" : "line " + std::to_string(e.mark.line + 1), e.msg);
  }
}

void StrictYaml::fail(const YAML::Node& at, const std::string& key, const std::string& problem) const {
  const YAML::Mark mark = at.IsDefined() ? at.Mark() : YAML::Mark::null_mark();
  std::string where = mark.is_null() ? "" : "line " + std::to_string(mark.line + 1);
  if (!key.empty()) where += (where.empty() ? "key " : ", key ") + key;
  throw InputError(file_, where, problem);
}

void StrictYaml::expect_map(const YAML::Node& node, const std::string& key) const {
  if (!node.IsMap()) fail(node, key, "expected a mapping");
  // yaml-cpp keeps both entries of a repeated key; a lookup would silently see only one.
  std::set<std::string> seen;
  for (const auto& entry : node)
    if (!seen.insert(entry.first.Scalar()).second)
      fail(entry.first, child_key(key, entry.first.Scalar()), "duplicate key");
}

void StrictYaml::expect_sequence(const YAML::Node& node, const std::string& key) const {
  if (!node.IsSequence()) fail(node, key, "expected a sequence");
}

void StrictYaml::check_keys(const YAML::Node& map, const std::string& key,
                            const std::vector<std::string>& allowed) const {
  for (const auto& entry : map) {
    const std::string name = entry.first.Scalar();
    bool known = false;
    for (const std::string& a : allowed) known = known || a == name;
    if (known) continue;
    std::string expected;
    for (const std::string& a : allowed) expected += (expected.empty() ? "" : ", ") + a;
    fail(entry.first, child_key(key, name), "unknown key (expected " + (expected.empty() ? "none" : expected) + ")");
  }
}

YAML::Node StrictYaml::required(const YAML::Node& map, const std::string& key, const std::string& name) const {
  const YAML::Node node = map[name];
  if (!node) fail(map, child_key(key, name), "missing");
  return node;
}

std::string StrictYaml::scalar(const YAML::Node& node, const std::string& key, const char* expected) const {
  if (!node.IsScalar()) fail(node, key, std::string("expected ") + expected);
  return node.Scalar();
}

double StrictYaml::number(const YAML::Node& node, const std::string& key, double lo, double hi) const {
  const std::string text = scalar(node, key, "a number");
  double value = 0;
  if (!parse_whole(text, value) || !std::isfinite(value)) fail(node, key, "'" + text + "' is not a finite number");
  if (value < lo || value > hi)
    fail(node, key, text + " is outside [" + std::to_string(lo) + ", " + std::to_string(hi) + "]");
  return value;
}

int64_t StrictYaml::integer(const YAML::Node& node, const std::string& key, int64_t lo, int64_t hi) const {
  const std::string text = scalar(node, key, "an integer");
  int64_t value = 0;
  if (!parse_whole(text, value)) fail(node, key, "'" + text + "' is not an integer");
  if (value < lo || value > hi)
    fail(node, key, text + " is outside [" + std::to_string(lo) + ", " + std::to_string(hi) + "]");
  return value;
}

uint64_t StrictYaml::unsigned_integer(const YAML::Node& node, const std::string& key) const {
  const std::string text = scalar(node, key, "a non-negative integer");
  uint64_t value = 0;
  if (!parse_whole(text, value)) fail(node, key, "'" + text + "' is not a non-negative 64-bit integer");
  return value;
}

std::string StrictYaml::string(const YAML::Node& node, const std::string& key) const {
  return scalar(node, key, "a string");
}

ValueRange StrictYaml::range(const YAML::Node& node, const std::string& key, double lo, double hi) const {
  if (!node.IsSequence() || node.size() != 2) fail(node, key, "expected [min, max]");
  const ValueRange range = {number(node[0], key, lo, hi), number(node[1], key, lo, hi)};
  if (range.min > range.max) fail(node, key, "min is greater than max");
  return range;
}

IntRange StrictYaml::int_range(const YAML::Node& node, const std::string& key, int64_t lo, int64_t hi) const {
  if (!node.IsSequence() || node.size() != 2) fail(node, key, "expected [min, max]");
  const IntRange range = {integer(node[0], key, lo, hi), integer(node[1], key, lo, hi)};
  if (range.min > range.max) fail(node, key, "min is greater than max");
  return range;
}

std::vector<std::string> StrictYaml::strings(const YAML::Node& node, const std::string& key) const {
  expect_sequence(node, key);
  std::vector<std::string> values;
  for (const YAML::Node& item : node) {
    values.push_back(string(item, key));
    if (values.back().empty()) fail(item, key, "empty name");
  }
  return values;
}

}  // namespace fuselabel
