#pragma once
// How far a long job has got (frames refined, frames inspected, checks run), for whoever runs
// it: the command line draws a bar or writes JSON lines (tools/progress_output.h). Jobs call it
// from their own thread, in order: a stage starts at done = 0 and ends at done = total.
#include <cstdint>
#include <string>

namespace fuselabel {

class Progress {
 public:
  virtual ~Progress() = default;
  virtual void update(const std::string& stage, int64_t done, int64_t total, const std::string& unit) = 0;
};

// progress->update, where there is a progress to tell.
inline void report_progress(Progress* progress, const std::string& stage, int64_t done, int64_t total,
                            const std::string& unit) {
  if (progress) progress->update(stage, done, total, unit);
}

}  // namespace fuselabel
