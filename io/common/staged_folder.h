#pragma once
// A command's output folder, written all-or-nothing. Files go into a sibling `OUT.partial-PID`;
// commit() writes the manifest (fuselabel-output.json: the command and every file with its
// size) last and swaps the folder into place, so OUT is always absent, the previous complete
// result, or the new complete one, whatever kills the run. Without commit() the staging folder
// is removed on destruction. Leftovers of killed runs (`OUT.partial-PID`, `OUT.previous-PID` of
// processes that no longer exist) are removed when the next run on OUT starts.
#include <filesystem>
#include <string>
#include <vector>

namespace fuselabel {

// The manifest's name inside every committed output folder.
constexpr const char* kOutputManifest = "fuselabel-output.json";

class StagedFolder {
 public:
  // Throws std::invalid_argument (a usage error) for an empty `out`, and std::runtime_error
  // (exit 1) when `out` exists but is not a folder fuselabel wrote (no manifest, not empty), or
  // when it is or contains one of `inputs` (replacing it would delete what the run reads).
  StagedFolder(const std::filesystem::path& out, std::string command,
               const std::vector<std::filesystem::path>& inputs = {});
  ~StagedFolder();
  StagedFolder(const StagedFolder&) = delete;
  StagedFolder& operator=(const StagedFolder&) = delete;

  // Where the command writes its files.
  const std::filesystem::path& path() const { return staged_; }
  // The final place.
  const std::filesystem::path& out() const { return out_; }
  // Writes the manifest and puts the folder in place of `out`.
  void commit();

 private:
  std::filesystem::path out_, staged_;
  std::string command_;
  bool committed_ = false;
};

// Whether `dir` holds a manifest whose files are all present with their listed sizes and
// nothing else: what commit() leaves.
bool is_complete_output_folder(const std::filesystem::path& dir);

}  // namespace fuselabel
