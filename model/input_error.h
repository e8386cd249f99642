#pragma once
// The one exception type for bad input: it names the file and the place in it (line, field,
// record), so the CLI can print a single clear message and exit non-zero.
#include <filesystem>
#include <stdexcept>
#include <string>

namespace fuselabel {

class InputError : public std::runtime_error {
 public:
  // where: "line 12, field 'rotation_y'", "record 5031, field z", "key Tr_velo_to_cam", ...
  InputError(const std::filesystem::path& file, const std::string& where, const std::string& problem)
      : std::runtime_error(file.string() + (where.empty() ? "" : ": " + where) + ": " + problem),
        file_(file) {}
  const std::filesystem::path& file() const { return file_; }

 private:
  std::filesystem::path file_;
};

}  // namespace fuselabel
