#include "io/common/json_field.h"

#include <cmath>
#include <iterator>
#include <map>

#include "io/common/file_read.h"
#include "io/common/text_tokens.h"
#include "model/input_error.h"

namespace fuselabel {
namespace {

using Json = nlohmann::json;

// Reads the text for nlohmann's parser while recording how far it has read, so the parse
// callback can name the place of what it was just given.
class TrackedChars {
 public:
  using iterator_category = std::input_iterator_tag;
  using value_type = char;
  using difference_type = std::ptrdiff_t;
  using pointer = const char*;
  using reference = const char&;

  TrackedChars(const char* at, const char** read_to) : at_(at), read_to_(read_to) {}
  reference operator*() const { return *at_; }
  TrackedChars& operator++() {
    *read_to_ = ++at_;
    return *this;
  }
  bool operator==(const TrackedChars& other) const { return at_ == other.at_; }
  bool operator!=(const TrackedChars& other) const { return at_ != other.at_; }

 private:
  const char* at_;
  const char** read_to_;
};

// An object or array the parser is inside of.
struct OpenValue {
  bool is_array = false;
  size_t index = 0;                      // arrays: the element being read
  std::string key;                       // objects: the key whose value is being read
  std::map<std::string, size_t> keys;    // objects: each key read so far and its byte offset
};

// "boxes[12].size": where the parser is.
std::string json_path(const std::vector<OpenValue>& open) {
  std::string path;
  for (const OpenValue& value : open)
    path += value.is_array ? "[" + std::to_string(value.index) + "]" : (path.empty() ? "" : ".") + value.key;
  return path;
}

// The byte offset of the opening quote of the string that ends just before `end`.
size_t string_start(std::string_view text, size_t end) {
  for (size_t i = end >= 2 ? end - 2 : 0; i > 0; --i) {
    if (text[i] != '"') continue;
    size_t backslashes = 0;
    while (backslashes < i && text[i - 1 - backslashes] == '\\') ++backslashes;
    if (backslashes % 2 == 0) return i;
  }
  return 0;
}

// nlohmann's "[json.exception.parse_error.101] parse error at line 1, column 4: syntax error
// ..." as the place (from the byte count read) and the part after the place.
JsonSyntaxError syntax_error(std::string_view text, size_t bytes_read, const std::string& what) {
  const size_t column = what.find("column ");
  const size_t colon = column == std::string::npos ? std::string::npos : what.find(": ", column);
  const std::string problem = colon == std::string::npos ? what : what.substr(colon + 2);
  return {text_position(text, bytes_read ? bytes_read - 1 : 0), problem};
}

// A SAX handler that keeps nothing: it only lets the parser find the first syntax error.
class SyntaxCheck : public nlohmann::json_sax<Json> {
 public:
  explicit SyntaxCheck(std::string_view text) : text_(text) {}
  std::optional<JsonSyntaxError> error;

  bool null() override { return true; }
  bool boolean(bool) override { return true; }
  bool number_integer(number_integer_t) override { return true; }
  bool number_unsigned(number_unsigned_t) override { return true; }
  bool number_float(number_float_t, const string_t&) override { return true; }
  bool string(string_t&) override { return true; }
  bool binary(binary_t&) override { return true; }
  bool start_object(std::size_t) override { return true; }
  bool key(string_t&) override { return true; }
  bool end_object() override { return true; }
  bool start_array(std::size_t) override { return true; }
  bool end_array() override { return true; }
  bool parse_error(std::size_t position, const std::string&, const nlohmann::detail::exception& e) override {
    error = syntax_error(text_, position, e.what());
    return false;
  }

 private:
  std::string_view text_;
};

}  // namespace

std::optional<JsonSyntaxError> find_json_syntax_error(std::string_view text) {
  SyntaxCheck check(text);
  Json::sax_parse(text.begin(), text.end(), &check);
  return check.error;
}

Json parse_json_file(const std::filesystem::path& file) {
  const std::string text = read_file_bytes(file);
  const char* read_to = text.data();
  std::vector<OpenValue> open;
  const auto offset = [&] { return static_cast<size_t>(read_to - text.data()); };
  const auto element_done = [&] {
    if (!open.empty() && open.back().is_array) ++open.back().index;
  };
  const Json::parser_callback_t track = [&](int, Json::parse_event_t event, Json& parsed) {
    switch (event) {
      case Json::parse_event_t::object_start: open.push_back({false, 0, {}, {}}); break;
      case Json::parse_event_t::array_start: open.push_back({true, 0, {}, {}}); break;
      case Json::parse_event_t::object_end:
      case Json::parse_event_t::array_end:
        open.pop_back();
        element_done();
        break;
      case Json::parse_event_t::value: element_done(); break;
      case Json::parse_event_t::key: {
        OpenValue& object = open.back();
        object.key = parsed.get<std::string>();
        const size_t start = string_start(text, offset());
        const auto [first, added] = object.keys.emplace(object.key, start);
        if (!added) {
          const std::string problem = "duplicate key in one object (first at " + text_position(text, first->second) + ")";
          const std::string key = ", key " + quote_token(object.key);
          open.pop_back();  // the path names the object; the key follows the place
          const std::string object_path = json_path(open);
          throw InputError(file, object_path + (object_path.empty() ? "" : ", ") + text_position(text, start) + key,
                           problem);
        }
        break;
      }
    }
    return true;
  };
  try {
    return Json::parse(TrackedChars(text.data(), &read_to), TrackedChars(text.data() + text.size(), &read_to), track);
  } catch (const Json::parse_error& e) {  // nlohmann's message names the line and column
    throw InputError(file, "", std::string("not valid JSON: ") + e.what());
  } catch (const Json::exception& e) {  // a number beyond double ("1e400"): where reading stopped
    throw InputError(file, text_position(text, offset()), std::string("not valid JSON: ") + e.what());
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
  const double number = value.get<double>();
  if (!std::isfinite(number)) fail("not a finite number");  // nlohmann reads 1e400 as infinity
  return number;
}

std::vector<double> JsonField::numbers(size_t count) const {
  return checked_numbers(count, [](double) { return std::string(); });
}

std::vector<double> JsonField::checked_numbers(size_t count, const std::function<std::string(double)>& problem) const {
  if (!value.is_array() || value.size() != count) fail("expected an array of " + std::to_string(count) + " numbers");
  std::vector<double> out;
  for (const JsonField& item : items()) {
    out.push_back(item.number());
    const std::string found = problem(out.back());
    if (!found.empty()) item.fail(found);
  }
  return out;
}

}  // namespace fuselabel
