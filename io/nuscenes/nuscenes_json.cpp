#include "io/nuscenes/nuscenes_json.h"

#include <simdjson.h>

#include <cstring>
#include <optional>
#include <string_view>
#include <vector>

#include "io/common/json_field.h"
#include "io/common/text_tokens.h"
#include "io/nuscenes/nuscenes_json_text.h"
#include "model/input_error.h"

namespace fuselabel::nuscenes {

namespace ondemand = simdjson::ondemand;

// The parser state of one table read: the text, the document being walked and the object of
// the record being visited. Structural errors (malformed JSON) are reported with the line and
// byte offset where parsing stopped; type errors with the record and field.
class JsonRecord::Cursor {
 public:
  Cursor(const std::filesystem::path& file, const JsonText& json, ondemand::document& document)
      : file_(file), json_(json), document_(document) {}

  ondemand::object object;
  bool document_ready = false;

  // "line L, column C (byte offset B)" of a pointer into the text.
  std::string position(const char* at) const {
    return text_position({json_.data(), json_.size()}, static_cast<size_t>(at - json_.data()));
  }

  // simdjson stops some errors before it has a place (a string never closed, a truncated file,
  // text after the array) or at a place that is not the error's (a stray comma reads as a
  // record of another type), and skips fields it is not asked for; nlohmann's parser names the
  // first syntax error exactly. Only run on a failure: it reads the whole text again.
  void throw_first_syntax_error() const {
    if (const std::optional<JsonSyntaxError> syntax = find_json_syntax_error({json_.data(), json_.size()}))
      throw InputError(file_, syntax->where, "malformed JSON: " + syntax->problem);
  }

  [[noreturn]] void malformed(simdjson::error_code error, const std::string& context) {
    throw_first_syntax_error();
    std::string where = context;
    const char* location = nullptr;
    // Before iterate() succeeds there is no document to ask (stage 1 rejected the whole text).
    if (document_ready && document_.current_location().get(location) == simdjson::SUCCESS && location >= json_.data() &&
        location <= json_.data() + json_.size())
      where = position(location) + (context.empty() ? "" : " (" + context + ")");
    throw InputError(file_, where, std::string("malformed JSON: ") + simdjson::error_message(error));
  }

  // Reads the record's keys once, before any field is read. A key given twice in one record is
  // refused: simdjson's lookup sees the first, other readers the last. Keys compare as written,
  // as that lookup compares them; a table's records nearly always have the keys of the record
  // before, in the same order, which were all different: then comparing with those is enough.
  // Where each value starts is kept, so a string without escapes (tokens and names, most reads)
  // is read from the text without walking the record again.
  void index_fields(const JsonRecord& record) {
    fields_.clear();
    rewound_ = false;
    bool as_before = true;
    for (auto entry : object) {
      ondemand::field field;
      const simdjson::error_code error = std::move(entry).get(field);
      if (error) malformed(error, record.where(nullptr));
      const char* key = field.key().raw();
      as_before = as_before && fields_.size() < previous_keys_.size() && is_key(key, previous_keys_[fields_.size()]);
      fields_.push_back({key, field.value().raw_json_token().data()});
    }
    if (as_before && fields_.size() == previous_keys_.size()) return;
    previous_keys_.clear();
    for (const IndexedField& indexed : fields_) {
      const std::string_view key = raw_string_at(indexed.key);
      for (const std::string_view seen : previous_keys_)
        if (seen == key)
          throw InputError(file_,
                           record.where(nullptr) + ", " + position(key.data() - 1) + ", key " + quote_token(key),
                           "duplicate key in one record (first at " + position(seen.data() - 1) + ")");
      previous_keys_.push_back(key);
    }
  }

  // Where the value of `key` starts in the text; nullptr when the record has no such key.
  const char* value_start(std::string_view key) const {
    for (const IndexedField& field : fields_)
      if (is_key(field.key, key)) return field.value;
    return nullptr;
  }

  // The value of `key` when it is a string without escapes, else nullopt (simdjson reads it).
  std::optional<std::string_view> plain_string(std::string_view key) const {
    const char* value = value_start(key);
    if (!value || *value != '"') return std::nullopt;
    const std::string_view text = raw_string_at(value + 1);
    if (text.find('\\') != std::string_view::npos) return std::nullopt;
    return text;
  }

  // The record's object for simdjson's lookups: rewound after index_fields, once per record.
  ondemand::object& lookup_object(const JsonRecord& record) {
    if (!rewound_) {
      bool at_start = false;
      if (const simdjson::error_code error = object.reset().get(at_start)) malformed(error, record.where(nullptr));
      rewound_ = true;
    }
    return object;
  }

  // True for errors that say the value has another type or is missing, as opposed to the text
  // not being JSON at all.
  static bool is_value_error(simdjson::error_code error) {
    return error == simdjson::NO_SUCH_FIELD || error == simdjson::INCORRECT_TYPE || error == simdjson::NUMBER_ERROR ||
           error == simdjson::NUMBER_OUT_OF_RANGE;
  }

 private:
  // The text of the string whose first character is at `start`: up to the closing quote
  // (simdjson has checked that there is one).
  static std::string_view raw_string_at(const char* start) {
    const char* end = start;
    while (*end != '"') end += *end == '\\' ? 2 : 1;
    return {start, static_cast<size_t>(end - start)};
  }

  // Whether the key whose text starts at `raw` is `key` as written; the comparison may read
  // past the key's closing quote, which the text's padding allows.
  static bool is_key(const char* raw, std::string_view key) {
    return std::memcmp(raw, key.data(), key.size()) == 0 && raw[key.size()] == '"';
  }

  struct IndexedField {
    const char* key;    // the first character of the key as written, after its quote
    const char* value;  // the first character of its value
  };

  const std::filesystem::path& file_;
  const JsonText& json_;
  ondemand::document& document_;
  std::vector<IndexedField> fields_;           // of the record being visited
  bool rewound_ = false;                       // whether its object was rewound for lookups
  std::vector<std::string_view> previous_keys_;  // of the last record compared key by key
};

namespace {

using Cursor = JsonRecord::Cursor;

// Turns a simdjson error on `field` of `record` into the matching InputError.
[[noreturn]] void raise(const JsonRecord& record, Cursor& cursor, const char* field, simdjson::error_code error,
                        const char* expected) {
  if (error == simdjson::NO_SUCH_FIELD) record.fail(field, "missing");
  if (Cursor::is_value_error(error)) record.fail(field, std::string("expected ") + expected);
  cursor.malformed(error, record.where(field));
}

ondemand::value field_value(const JsonRecord& record, Cursor& cursor, const char* field, const char* expected) {
  ondemand::value value;
  const simdjson::error_code error = cursor.lookup_object(record).find_field_unordered(field).get(value);
  if (error) raise(record, cursor, field, error, expected);
  return value;
}

// Every element of the array `field`, converted by get(element, out) -> error_code.
template <typename T, typename Get>
std::vector<T> array_of(const JsonRecord& record, Cursor& cursor, const char* field, const char* expected, Get get) {
  ondemand::array array;
  simdjson::error_code error = field_value(record, cursor, field, expected).get_array().get(array);
  if (error) raise(record, cursor, field, error, expected);
  std::vector<T> out;
  for (auto element : array) {
    ondemand::value value;
    T item;
    if ((error = element.get(value)) || (error = get(value, item))) raise(record, cursor, field, error, expected);
    out.push_back(std::move(item));
  }
  return out;
}

}  // namespace

JsonRecord::JsonRecord(const std::filesystem::path& file, int64_t index, Cursor& cursor)
    : file_(file), index_(index), cursor_(cursor) {
  cursor_.index_fields(*this);
  token_ = text("token");
  token_at_ = cursor_.value_start("token");
}

std::string JsonRecord::token_position() const { return cursor_.position(token_at_); }

std::string JsonRecord::where(const char* field) const {
  std::string out = "record " + std::to_string(index_);
  if (!token_.empty()) out += " (token " + token_ + ")";
  if (field) out += ", field '" + std::string(field) + "'";
  return out;
}

void JsonRecord::fail(const char* field, const std::string& problem) const {
  throw InputError(file_, where(field), problem);
}

std::string JsonRecord::text(const char* field) {
  if (const std::optional<std::string_view> plain = cursor_.plain_string(field)) return std::string(*plain);
  std::string_view value;
  const simdjson::error_code error = field_value(*this, cursor_, field, "a string").get_string().get(value);
  if (error) raise(*this, cursor_, field, error, "a string");
  return std::string(value);
}

int64_t JsonRecord::integer(const char* field) {
  int64_t value = 0;
  const simdjson::error_code error = field_value(*this, cursor_, field, "an integer").get_int64().get(value);
  if (error) raise(*this, cursor_, field, error, "an integer");
  return value;
}

double JsonRecord::number(const char* field) {
  double value = 0;
  const simdjson::error_code error = field_value(*this, cursor_, field, "a number").get_double().get(value);
  if (error) raise(*this, cursor_, field, error, "a number");
  return value;
}

bool JsonRecord::boolean(const char* field) {
  bool value = false;
  const simdjson::error_code error = field_value(*this, cursor_, field, "true or false").get_bool().get(value);
  if (error) raise(*this, cursor_, field, error, "true or false");
  return value;
}

std::vector<double> JsonRecord::numbers(const char* field) {
  return array_of<double>(*this, cursor_, field, "an array of numbers",
                          [](ondemand::value& v, double& out) { return v.get_double().get(out); });
}

std::vector<std::string> JsonRecord::texts(const char* field) {
  return array_of<std::string>(*this, cursor_, field, "an array of strings", [](ondemand::value& v, std::string& out) {
    std::string_view s;
    const simdjson::error_code error = v.get_string().get(s);
    if (!error) out.assign(s);
    return error;
  });
}

std::vector<std::vector<double>> JsonRecord::number_rows(const char* field) {
  return array_of<std::vector<double>>(*this, cursor_, field, "an array of number arrays",
                                       [](ondemand::value& v, std::vector<double>& out) {
                                         ondemand::array row;
                                         simdjson::error_code error = v.get_array().get(row);
                                         if (error) return error;
                                         for (auto element : row) {
                                           double x = 0;
                                           if ((error = element.get_double().get(x))) return error;
                                           out.push_back(x);
                                         }
                                         return simdjson::SUCCESS;
                                       });
}

struct TableReader::Buffers {
  ondemand::parser parser;
  std::vector<char> text;  // tables that cannot be mapped with their padding
};

TableReader::TableReader() : buffers_(std::make_unique<Buffers>()) {}
TableReader::~TableReader() = default;

void for_each_record(const std::filesystem::path& file, const std::function<void(JsonRecord&)>& visit) {
  TableReader().for_each_record(file, visit);
}

void TableReader::for_each_record(const std::filesystem::path& file, const std::function<void(JsonRecord&)>& visit) {
  const JsonText json(file, simdjson::SIMDJSON_PADDING, buffers_->text);
  ondemand::parser& parser = buffers_->parser;
  ondemand::document document;
  Cursor cursor(file, json, document);
  simdjson::error_code error =
      parser.iterate(simdjson::padded_string_view(json.data(), json.size(), json.capacity())).get(document);
  if (error) cursor.malformed(error, "");
  cursor.document_ready = true;
  ondemand::array records;
  if ((error = document.get_array().get(records))) {
    if (error != simdjson::INCORRECT_TYPE) cursor.malformed(error, "");
    cursor.throw_first_syntax_error();
    throw InputError(file, "", "expected a JSON array of records");
  }
  int64_t index = 0;
  for (auto element : records) {
    if ((error = element.get_object().get(cursor.object))) {
      if (error != simdjson::INCORRECT_TYPE) cursor.malformed(error, "record " + std::to_string(index));
      cursor.throw_first_syntax_error();
      throw InputError(file, "record " + std::to_string(index), "expected a JSON object");
    }
    JsonRecord record(file, index, cursor);
    visit(record);
    ++index;
  }
  // Anything after the closing bracket leaves the document with a current location.
  const char* rest = nullptr;
  if (document.current_location().get(rest) == simdjson::SUCCESS)
    cursor.malformed(simdjson::TRAILING_CONTENT, "after the array of " + std::to_string(index) + " records");
}

}  // namespace fuselabel::nuscenes
