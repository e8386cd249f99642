#include "io/common/staged_folder.h"

#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <nlohmann/json.hpp>
#include <optional>
#include <stdexcept>
#include <system_error>

#include "io/common/atomic_file.h"
#include "io/common/file_read.h"

namespace fuselabel {
namespace {

namespace fs = std::filesystem;

[[noreturn]] void fail(const fs::path& out, const std::string& what) {
  throw std::runtime_error("output folder " + out.string() + ": " + what);
}

// The pid in "OUT.partial-PID" or "OUT.previous-PID", when `name` is such a leftover of `out`.
std::optional<pid_t> leftover_pid(const std::string& name, const std::string& out_name, const std::string& kind) {
  const std::string prefix = out_name + "." + kind + "-";
  if (name.size() <= prefix.size() || name.compare(0, prefix.size(), prefix) != 0) return std::nullopt;
  const std::string digits = name.substr(prefix.size());
  if (digits.size() > 9 || digits.find_first_not_of("0123456789") != std::string::npos) return std::nullopt;
  return static_cast<pid_t>(std::stol(digits));
}

bool process_exists(pid_t pid) { return ::kill(pid, 0) == 0 || errno == EPERM; }

// Removes what killed runs on `out` left: staging folders, and the previous result moved aside
// by a run killed between its two renames, which is put back when `out` is missing.
void clean_leftovers(const fs::path& out) {
  std::error_code ec;
  for (const fs::directory_entry& entry : fs::directory_iterator(out.parent_path(), ec)) {
    const std::string name = entry.path().filename().string();
    for (const char* kind : {"partial", "previous"}) {
      const std::optional<pid_t> pid = leftover_pid(name, out.filename().string(), kind);
      if (!pid || process_exists(*pid)) continue;
      std::error_code ignored;
      if (std::string(kind) == "previous" && !fs::exists(fs::symlink_status(out, ignored)))
        fs::rename(entry.path(), out, ignored);
      else
        fs::remove_all(entry.path(), ignored);
    }
  }
}

bool overlaps(const fs::path& a, const fs::path& b) {
  auto within = [](const fs::path& inner, const fs::path& outer) {
    auto [o, i] = std::mismatch(outer.begin(), outer.end(), inner.begin(), inner.end());
    return o == outer.end();
  };
  return within(a, b) || within(b, a);
}

void check_replaceable(const fs::path& out, const std::vector<fs::path>& inputs) {
  std::error_code ec;
  const fs::path real_out = fs::weakly_canonical(out, ec);
  for (const fs::path& input : inputs) {
    if (input.empty()) continue;  // an option not given
    const fs::path real_input = fs::weakly_canonical(input, ec);
    if (overlaps(real_out, real_input))
      fail(out, "overlaps the input " + input.string() + "; write the output somewhere else");
  }
  const fs::file_status status = fs::symlink_status(out, ec);
  if (!fs::exists(status)) return;
  if (!fs::is_directory(status)) fail(out, "exists and is not a folder");
  if (fs::exists(out / kOutputManifest) || fs::is_empty(out, ec)) return;
  fail(out, std::string("exists and was not written by fuselabel (no ") + kOutputManifest +
                "); remove it or choose another folder");
}

std::vector<std::pair<std::string, uintmax_t>> files_below(const fs::path& dir) {
  std::vector<std::pair<std::string, uintmax_t>> files;
  for (const fs::directory_entry& entry : fs::recursive_directory_iterator(dir))
    if (entry.is_regular_file()) files.emplace_back(entry.path().lexically_relative(dir).generic_string(), entry.file_size());
  std::sort(files.begin(), files.end());
  return files;
}

void sync_folder(const fs::path& dir) {
  const int fd = ::open(dir.c_str(), O_RDONLY | O_DIRECTORY);
  if (fd < 0) return;
  ::fsync(fd);
  ::close(fd);
}

// Atomically swaps two existing paths (Linux renameat2 RENAME_EXCHANGE); false where the file
// system does not support it.
bool exchange(const fs::path& a, const fs::path& b) {
  return ::renameat2(AT_FDCWD, a.c_str(), AT_FDCWD, b.c_str(), RENAME_EXCHANGE) == 0;
}

}  // namespace

StagedFolder::StagedFolder(const fs::path& out, std::string command, const std::vector<fs::path>& inputs)
    : command_(std::move(command)) {
  if (out.empty()) throw std::invalid_argument("--out is empty");
  out_ = fs::absolute(out).lexically_normal();
  if (out_.filename().empty()) out_ = out_.parent_path();  // "dir/" names dir
  if (out_ == out_.root_path()) throw std::invalid_argument("--out " + out.string() + " is the root folder");
  check_replaceable(out_, inputs);
  std::error_code ec;
  fs::create_directories(out_.parent_path(), ec);
  if (ec) fail(out_, "cannot create its parent folder: " + ec.message());
  clean_leftovers(out_);
  staged_ = out_.string() + ".partial-" + std::to_string(::getpid());
  fs::remove_all(staged_, ec);
  if (!fs::create_directory(staged_, ec)) fail(out_, "cannot create " + staged_.string() + ": " + ec.message());
}

StagedFolder::~StagedFolder() {
  if (committed_) return;
  std::error_code ec;
  fs::remove_all(staged_, ec);
}

void StagedFolder::commit() {
  nlohmann::ordered_json files = nlohmann::ordered_json::array();
  for (const auto& [name, bytes] : files_below(staged_)) files.push_back({{"path", name}, {"bytes", bytes}});
  const nlohmann::ordered_json manifest = {{"command", command_}, {"files", files}};
  write_file_atomic(staged_ / kOutputManifest, manifest.dump(2) + "\n");
  std::error_code ec;
  const bool replacing = fs::exists(fs::symlink_status(out_, ec));
  if (!replacing) {
    if (std::rename(staged_.c_str(), out_.c_str()) != 0) fail(out_, std::string("rename: ") + std::strerror(errno));
  } else if (exchange(staged_, out_)) {
    fs::remove_all(staged_, ec);  // the previous result, now under the staging name
  } else {
    const fs::path previous = out_.string() + ".previous-" + std::to_string(::getpid());
    if (std::rename(out_.c_str(), previous.c_str()) != 0 || std::rename(staged_.c_str(), out_.c_str()) != 0)
      fail(out_, std::string("rename: ") + std::strerror(errno));
    fs::remove_all(previous, ec);
  }
  committed_ = true;
  sync_folder(out_.parent_path());
}

bool is_complete_output_folder(const fs::path& dir) {
  std::error_code ec;
  if (!fs::is_regular_file(dir / kOutputManifest, ec)) return false;
  try {
    const nlohmann::json manifest = nlohmann::json::parse(read_file_bytes(dir / kOutputManifest));
    std::vector<std::pair<std::string, uintmax_t>> listed;
    for (const nlohmann::json& f : manifest.at("files")) listed.emplace_back(f.at("path"), f.at("bytes"));
    listed.emplace_back(kOutputManifest, fs::file_size(dir / kOutputManifest));
    std::sort(listed.begin(), listed.end());
    return listed == files_below(dir);
  } catch (const std::exception&) {
    return false;
  }
}

}  // namespace fuselabel
