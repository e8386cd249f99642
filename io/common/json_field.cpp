#include "io/common/json_field.h"

#include <set>

#include "io/common/file_read.h"
#include "model/input_error.h"
#include "io/common/text_tokens.h"

namespace fuselabel {
namespace {

using Json = nlohmann::json;

}  // namespace

Json parse_json_file(const std::filesystem::path& file) {
  const std::string text = read_file_bytes(file);
  std::vector<std::set<std::string>> open_objects;
  const Json::parser_callback_t check_keys = [&](int, Json::parse_event_t event, Json& parsed) {
    if (event == Json::parse_event_t::object_start) open_objects.emplace_back();
    if (event == Json::parse_event_t::object_end && !open_objects.empty()) open_objects.pop_back();
    if (event == Json::parse_event_t::key && !open_objects.back().insert(parsed.get<std::string>()).second)
      throw InputError(file, "key " + quote_token(parsed.get<std::string>()), "duplicate key in one object");
    return true;
  };
  try {
    return Json::parse(text, check_keys);
  } catch (const Json::exception& e) {
    throw InputError(file, "", std::string("not valid JSON: ") + e.what());
  }
}

void JsonField::fail(const std::string& problem) const { throw InputError(file, path, problem); }

std::string JsonField::path_of(const std::string& key) const { return path.empty() ? key : path + "." + key; }

JsonField JsonField::at(const std::string& key) const { return {file, value.at(key), path_of(key)}; }

bool JsonField::has(const char* key) const { return value.contains(key); }

JsonField JsonField::required(const char* key) const {
  if (!value.contains(key)) JsonField{file, value, path_of(key)}.fail("missing");
  return at(key);
}

void JsonField::expect_object(std::initializer_list<const char*> allowed) const {
  for (const std::string& key : keys()) {
    bool known = false;
    for (const char* a : allowed) known = known || key == a;
    if (!known) at(key).fail("unknown key");
  }
}

std::vector<std::string> JsonField::keys() const {
  if (!value.is_object()) fail("expected an object");
  std::vector<std::string> keys;
  for (const auto& item : value.items()) keys.push_back(item.key());
  return keys;
}

std::vector<JsonField> JsonField::items() const {
  if (!value.is_array()) fail("expected an array");
  std::vector<JsonField> items;
  for (size_t i = 0; i < value.size(); ++i) items.push_back({file, value[i], path + "[" + std::to_string(i) + "]"});
  return items;
}

std::string JsonField::string() const {
  if (!value.is_string()) fail("expected a string");
  return value.get<std::string>();
}

std::string JsonField::text() const {
  if (!value.is_string() || value.get_ref<const std::string&>().empty()) fail("expected a non-empty string");
  return value.get<std::string>();
}

int64_t JsonField::integer() const {
  if (!value.is_number_integer()) fail("expected an integer");
  if (value.is_number_unsigned() && value.get<uint64_t>() > uint64_t(INT64_MAX)) fail("integer out of range");
  return value.get<int64_t>();
}

int64_t JsonField::integer_at_least(int64_t min) const {
  const int64_t v = integer();
  if (v < min) fail("must be >= " + std::to_string(min));
  return v;
}

double JsonField::number() const {
  if (!value.is_number()) fail("expected a number");
  return value.get<double>();
}

std::vector<double> JsonField::numbers(size_t count) const {
  if (!value.is_array() || value.size() != count) fail("expected an array of " + std::to_string(count) + " numbers");
  std::vector<double> out;
  for (const JsonField& item : items()) out.push_back(item.number());
  return out;
}

}  // namespace fuselabel
