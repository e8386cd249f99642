#pragma once
// Thresholds of the checks: every check declares its parameters with documented defaults (per
// kind of object where it matters, e.g. a pedestrian's size varies with its gait, a car's does
// not); a YAML profile overrides them for all classes, per kind, or per class name
// (docs/checks.md). Reading is strict: an unknown check, parameter or class key, a value outside
// its domain, is an InputError naming the file, line and key.
#include <filesystem>
#include <map>
#include <string>
#include <vector>

#include "model/object_kind.h"

namespace fuselabel {

struct CheckParameter {
  std::string name;  // with its unit: "jump_m", "min_iou"
  std::string help;
  double lo = 0, hi = 0;  // the domain a profile value must be in
  double value = 0;       // the default for every kind without its own
  std::map<ObjectKind, double> by_kind;
};

// One check's resolved thresholds: the profile's per-class value, else its per-kind value, else
// its all-class value, else the default of the kind, else the default.
class CheckSettings {
 public:
  CheckSettings() = default;
  explicit CheckSettings(std::vector<CheckParameter> parameters) : parameters_(std::move(parameters)) {}

  bool enabled = true;
  // std::invalid_argument for a name the check did not declare (a programming error).
  double get(const std::string& name) const;
  double get(const std::string& name, const std::string& class_name) const;

  const std::vector<CheckParameter>& parameters() const { return parameters_; }
  void set(const std::string& name, double value) { all_[name] = value; }
  // `key`: a class name or a kind name.
  void set_for(const std::string& key, const std::string& name, double value) { per_key_[key][name] = value; }

 private:
  const CheckParameter& parameter(const std::string& name) const;

  std::vector<CheckParameter> parameters_;
  std::map<std::string, double> all_;
  std::map<std::string, std::map<std::string, double>> per_key_;
};

struct CheckProfile {
  std::string source = "defaults";              // the file read, or "defaults"
  std::map<std::string, CheckSettings> checks;  // by check name

  const CheckSettings& settings(const std::string& check) const;  // std::out_of_range when unknown
};

// `declared`: every registered check with its parameters (check_registry.h).
CheckProfile default_check_profile(const std::map<std::string, std::vector<CheckParameter>>& declared);
CheckProfile read_check_profile(const std::filesystem::path& file,
                                const std::map<std::string, std::vector<CheckParameter>>& declared);

}  // namespace fuselabel
