#include "io/nuscenes/nuscenes_json.h"

#include <simdjson.h>

#include <algorithm>
#include <vector>

#include "model/input_error.h"
#include "io/nuscenes/nuscenes_json_text.h"

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

  [[noreturn]] void malformed(simdjson::error_code error, const std::string& context) {
    std::string where = context;
    const char* location = nullptr;
    // Before iterate() succeeds there is no document to ask (stage 1 rejected the whole text).
    if (document_ready && document_.current_location().get(location) == simdjson::SUCCESS && location >= json_.data() &&
        location <= json_.data() + json_.size()) {
      const size_t offset = static_cast<size_t>(location - json_.data());
      const int64_t line = 1 + std::count(json_.data(), location, '\n');
      where = "line " + std::to_string(line) + ", byte offset " + std::to_string(offset) +
              (context.empty() ? "" : " (" + context + ")");
    }
    throw InputError(file_, where, std::string("malformed JSON: ") + simdjson::error_message(error));
  }

  // True for errors that say the value has another type or is missing, as opposed to the text
  // not being JSON at all.
  static bool is_value_error(simdjson::error_code error) {
    return error == simdjson::NO_SUCH_FIELD || error == simdjson::INCORRECT_TYPE || error == simdjson::NUMBER_ERROR ||
           error == simdjson::NUMBER_OUT_OF_RANGE;
  }

 private:
  const std::filesystem::path& file_;
  const JsonText& json_;
  ondemand::document& document_;
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
  const simdjson::error_code error = cursor.object.find_field_unordered(field).get(value);
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
  token_ = text("token");
}

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
    if (error == simdjson::INCORRECT_TYPE) throw InputError(file, "", "expected a JSON array of records");
    cursor.malformed(error, "");
  }
  int64_t index = 0;
  for (auto element : records) {
    if ((error = element.get_object().get(cursor.object))) {
      if (error == simdjson::INCORRECT_TYPE)
        throw InputError(file, "record " + std::to_string(index), "expected a JSON object");
      cursor.malformed(error, "record " + std::to_string(index));
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
