#pragma once
// Every label check, in report order, and running a profile's enabled checks over a drive:
// flags ranked, each check's counts and time, the checks skipped with the reason.
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "fusion/check/check.h"
#include "fusion/progress.h"

namespace fuselabel {

const std::vector<std::unique_ptr<Check>>& registered_checks();
// Each registered check's parameters, for reading profiles.
std::map<std::string, std::vector<CheckParameter>> declared_check_parameters();

struct CheckRun {
  std::string check;
  std::string skipped;  // why it did not run (disabled, a modality missing); empty when it ran
  std::vector<std::string> notes;  // when it ran: the parts of the drive it could not judge, with why
  int64_t errors = 0, warnings = 0, infos = 0;
  double seconds = 0;
};

struct CheckResults {
  std::vector<Flag> flags;     // ranked (rank_flags), ids set, each finding once
  std::vector<CheckRun> runs;  // per registered check, in registry order
};

// `only`: run just these checks (empty: every enabled one); std::invalid_argument for an unknown
// name. `progress` is told of the registered checks, run or skipped ("checks").
CheckResults run_checks(const CheckInputs& inputs, const CheckProfile& profile,
                        const std::vector<std::string>& only = {}, Progress* progress = nullptr);

}  // namespace fuselabel
