#include "io/common/drive_path.h"

#include <filesystem>

namespace fuselabel {

std::string drive_path_problem(std::string_view path) {
  if (path.empty()) return "empty file name";
  for (const char c : path)
    if (static_cast<unsigned char>(c) < 0x20 || c == 0x7f) return "file name contains a control character";
  const std::filesystem::path file(path);
  if (file.is_absolute() || file.has_root_directory()) return "must be relative to the drive root, not absolute";
  const std::filesystem::path normal = file.lexically_normal();
  if (normal.empty() || normal == ".") return "names the drive root, not a file in it";
  if (*normal.begin() == "..") return "leaves the drive root (paths must stay inside the drive)";
  return "";
}

}  // namespace fuselabel
