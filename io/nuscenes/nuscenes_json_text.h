#pragma once
// The text of a JSON table as simdjson's parser wants it: followed by `padding` readable bytes.
// Large tables are mapped rather than copied: on the machines this runs on, first-touching
// fresh memory (page faults) costs more than parsing, so a gigabyte table read into a new
// buffer spends most of its time faulting pages in.
#include <cstddef>
#include <filesystem>
#include <vector>

namespace fuselabel::nuscenes {

class JsonText {
 public:
  // Maps `file` when its last page has room for the padding (bytes past the end of a mapped
  // file read as zeros), else reads it into `buffer` (kept by the caller for reuse). Throws
  // InputError naming the file when it is missing or unreadable.
  JsonText(const std::filesystem::path& file, size_t padding, std::vector<char>& buffer);
  ~JsonText();
  JsonText(const JsonText&) = delete;
  JsonText& operator=(const JsonText&) = delete;

  const char* data() const { return data_; }
  size_t size() const { return size_; }
  size_t capacity() const { return capacity_; }  // size + at least the padding

 private:
  const char* data_ = nullptr;
  size_t size_ = 0, capacity_ = 0;
  void* mapping_ = nullptr;
  size_t mapping_size_ = 0;
};

}  // namespace fuselabel::nuscenes
