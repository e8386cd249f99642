#include "fusion/check/check_registry.h"

#include <algorithm>
#include <chrono>
#include <set>
#include <stdexcept>

#include "fusion/check/label_checks.h"

namespace fuselabel {

const std::vector<std::unique_ptr<Check>>& registered_checks() {
  static const std::vector<std::unique_ptr<Check>> checks = [] {
    std::vector<std::unique_ptr<Check>> all;
    all.push_back(make_lidar_support_check());
    all.push_back(make_ground_contact_check());
    all.push_back(make_unlabeled_object_check());
    all.push_back(make_radar_velocity_check());
    all.push_back(make_radar_alignment_check());
    all.push_back(make_propagation_drift_check());
    all.push_back(make_box_2d3d_mismatch_check());
    all.push_back(make_class_mismatch_check());
    all.push_back(make_missing_2d_check());
    all.push_back(make_missing_3d_check());
    all.push_back(make_track_size_check());
    all.push_back(make_track_motion_check());
    all.push_back(make_track_identity_check());
    all.push_back(make_box_overlap_check());
    all.push_back(make_taxonomy_check());
    all.push_back(make_calibration_drift_check());
    all.push_back(make_sensor_sync_check());
    return all;
  }();
  return checks;
}

std::map<std::string, std::vector<CheckParameter>> declared_check_parameters() {
  std::map<std::string, std::vector<CheckParameter>> declared;
  for (const auto& check : registered_checks()) declared[check->name()] = check->parameters();
  return declared;
}

CheckResults run_checks(const CheckInputs& inputs, const CheckProfile& profile, const std::vector<std::string>& only,
                        Progress* progress) {
  std::set<std::string> known;
  for (const auto& check : registered_checks()) known.insert(check->name());
  for (const std::string& name : only)
    if (!known.count(name)) throw std::invalid_argument("unknown check '" + name + "'");
  CheckResults results;
  std::set<std::string> ids;
  const int64_t checks = static_cast<int64_t>(registered_checks().size());
  report_progress(progress, "checks", 0, checks, "checks");
  for (const auto& check : registered_checks()) {
    CheckRun run;
    run.check = check->name();
    const CheckSettings& settings = profile.settings(run.check);
    if (!only.empty() && std::find(only.begin(), only.end(), run.check) == only.end())
      run.skipped = "not selected";
    else if (!settings.enabled)
      run.skipped = "disabled in the profile";
    else
      run.skipped = check->unavailable(inputs);
    if (run.skipped.empty()) {
      run.notes = check->notes(inputs, settings);
      const auto start = std::chrono::steady_clock::now();
      std::vector<Flag> flags;
      check->run(inputs, settings, flags);
      run.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
      for (Flag& flag : flags) {
        flag.id = flag_id(flag);
        if (!ids.insert(flag.id).second) continue;
        (flag.severity == Severity::Error     ? run.errors
         : flag.severity == Severity::Warning ? run.warnings
                                              : run.infos)++;
        results.flags.push_back(std::move(flag));
      }
    }
    results.runs.push_back(run);
    report_progress(progress, "checks", static_cast<int64_t>(results.runs.size()), checks, "checks");
  }
  rank_flags(results.flags);
  return results;
}

}  // namespace fuselabel
