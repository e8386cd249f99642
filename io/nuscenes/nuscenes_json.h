#pragma once
// nuScenes tables are JSON arrays of flat records, one file per table (v1.0-*/sample.json, ...).
// One reader serves all of them: simdjson's on-demand parser walks the array once without
// building a document tree (trainval's sample_annotation.json and sample_data.json are hundreds
// of MB), and every problem becomes an InputError naming the table file, the record (index and
// token) and the field. simdjson stays inside the .cpp files; this header is plain C++.
#include <cstdint>
#include <filesystem>
#include <functional>
#include <memory>
#include <string>
#include <vector>

namespace fuselabel::nuscenes {

// One record of a table while it is being visited: a JSON object whose keys are all different,
// with a string "token". Fields may be read in any order; each read validates the JSON type and
// throws InputError("FILE: record N (token T), field 'F': ...").
class JsonRecord {
 public:
  class Cursor;  // the parser state behind the record (defined in nuscenes_json.cpp)
  JsonRecord(const std::filesystem::path& file, int64_t index, Cursor& cursor);

  const std::string& token() const { return token_; }
  int64_t index() const { return index_; }
  const std::filesystem::path& file() const { return file_; }
  // "line L, column C (byte offset B)" of the record's token (counted when asked: for errors).
  std::string token_position() const;

  std::string text(const char* field);
  int64_t integer(const char* field);
  double number(const char* field);
  bool boolean(const char* field);
  std::vector<double> numbers(const char* field);                   // an array of numbers, any length
  std::vector<std::string> texts(const char* field);                // an array of strings
  std::vector<std::vector<double>> number_rows(const char* field);  // an array of number arrays

  // "record N (token T), field 'F'": the place an error about this record names.
  std::string where(const char* field) const;
  [[noreturn]] void fail(const char* field, const std::string& problem) const;

 private:
  const std::filesystem::path& file_;
  int64_t index_;
  Cursor& cursor_;
  std::string token_;
  const char* token_at_ = nullptr;  // in the table's text
};

// Reads tables one after another with one parser. Its buffers grow to the largest table and
// are reused: touching fresh memory is a large part of the cost of a gigabyte table, so a scene
// reads all its tables through one reader, the largest first.
class TableReader {
 public:
  TableReader();
  ~TableReader();
  TableReader(const TableReader&) = delete;
  TableReader& operator=(const TableReader&) = delete;

  // Reads `file` (a JSON array of objects, each with a string "token") and calls visit(record)
  // for each, in file order. Throws InputError when the table is missing ("missing table"), is
  // not valid JSON (naming the line and byte offset where parsing stopped), or a record is bad.
  void for_each_record(const std::filesystem::path& file, const std::function<void(JsonRecord&)>& visit);

 private:
  struct Buffers;
  std::unique_ptr<Buffers> buffers_;
};

// One table through a reader of its own.
void for_each_record(const std::filesystem::path& file, const std::function<void(JsonRecord&)>& visit);

}  // namespace fuselabel::nuscenes
