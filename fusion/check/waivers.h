#pragma once
// Reviewers' decisions on flags (docs/checks.md, "Waivers"): a flag id accepted as intended,
// with who decided and why. Waived flags leave the review queue and the exit code in later runs
// and are listed in the report; waivers whose flag no longer appears are listed too (the label
// was fixed, or the finding changed).
#include <filesystem>
#include <string>
#include <vector>

#include "fusion/check/check_flag.h"

namespace fuselabel {

struct Waiver {
  std::string flag_id;
  std::string by;
  std::string reason;
};

// {"format": "fuselabel-waivers", "version": 1, "waivers": [{"flag", "by", "reason"}]}; every
// field required and non-empty, ids 32 hex digits, each once. InputError naming the file and
// JSON path otherwise.
std::vector<Waiver> read_waivers(const std::filesystem::path& file);

struct WaivedFlags {
  std::vector<Flag> active;                     // still for review, in their order
  std::vector<std::pair<Flag, Waiver>> waived;  // suppressed
  std::vector<Waiver> unmatched;                // no flag of this run has their id
};

WaivedFlags apply_waivers(std::vector<Flag> flags, const std::vector<Waiver>& waivers);

}  // namespace fuselabel
