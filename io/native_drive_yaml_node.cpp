#include "io/native_drive_yaml_node.h"

#include <algorithm>

#include "io/file_read.h"
#include "io/input_error.h"
#include "io/native_drive_text.h"
#include "io/text_tokens.h"

namespace fuselabel {

YamlField YamlField::load_file(const std::filesystem::path& file) {
  const std::string text = read_file_bytes(file);
  try {
    return YamlField(file, YAML::Load(text), "");
  } catch (const YAML::Exception& e) {
    throw InputError(file, "line " + std::to_string(e.mark.line + 1) + ", column " + std::to_string(e.mark.column + 1),
                     "not valid YAML: " + e.msg);
  }
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

std::vector<std::string> YamlField::keys() const {
  if (!node_.IsMap()) fail("expected a mapping of keys to values");
  std::vector<std::string> keys;
  for (const auto& entry : node_) {
    if (!entry.first.IsScalar()) fail("a key is not a plain name");
    const std::string key = entry.first.Scalar();
    if (std::find(keys.begin(), keys.end(), key) != keys.end()) child(key, entry.second).fail("duplicate key");
    keys.push_back(key);
  }
  return keys;
}

void YamlField::expect_keys(std::initializer_list<const char*> allowed) const {
  for (const std::string& key : keys()) {
    const bool known = std::any_of(allowed.begin(), allowed.end(), [&](const char* a) { return key == a; });
    if (known) continue;
    std::string list;
    for (const char* a : allowed) list += (list.empty() ? "" : ", ") + std::string(a);
    YamlField(file_, node_, path_.empty() ? key : path_ + "." + key).fail("unknown key (expected one of: " + list + ")");
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
  if (!field) YamlField(file_, node_, path_.empty() ? key : path_ + "." + key).fail("missing");
  return *field;
}

std::vector<YamlField> YamlField::items() const {
  if (!node_.IsSequence()) fail("expected a list");
  std::vector<YamlField> items;
  for (size_t i = 0; i < node_.size(); ++i)
    items.emplace_back(file_, node_[i], path_ + "[" + std::to_string(i) + "]");
  return items;
}

std::string YamlField::as_string() const {
  if (!node_.IsScalar() || node_.Scalar().empty()) fail("expected a non-empty text value");
  return node_.Scalar();
}

double YamlField::as_double() const {
  if (!node_.IsScalar()) fail("expected a number");
  const std::optional<double> v = parse_finite_double(node_.Scalar());
  if (!v) fail("not a finite number: " + quote_token(node_.Scalar()));
  return *v;
}

int64_t YamlField::as_int() const {
  if (!node_.IsScalar()) fail("expected an integer");
  const std::optional<int64_t> v = parse_int64(node_.Scalar());
  if (!v) fail("not an integer: " + quote_token(node_.Scalar()));
  return *v;
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

}  // namespace fuselabel
