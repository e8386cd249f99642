#include "fusion/check/check_profile.h"

#include <stdexcept>

#include "io/common/yaml_field.h"

namespace fuselabel {

const CheckParameter& CheckSettings::parameter(const std::string& name) const {
  for (const CheckParameter& p : parameters_)
    if (p.name == name) return p;
  throw std::invalid_argument("check parameter '" + name + "' is not declared");
}

double CheckSettings::get(const std::string& name) const {
  const CheckParameter& p = parameter(name);
  const auto all = all_.find(name);
  return all != all_.end() ? all->second : p.value;
}

double CheckSettings::get(const std::string& name, const std::string& class_name) const {
  const CheckParameter& p = parameter(name);
  const ObjectKind kind = object_kind(class_name);
  for (const std::string& key : {class_name, std::string(object_kind_name(kind))}) {
    const auto per = per_key_.find(key);
    if (per == per_key_.end()) continue;
    const auto value = per->second.find(name);
    if (value != per->second.end()) return value->second;
  }
  const auto all = all_.find(name);
  if (all != all_.end()) return all->second;
  const auto by_kind = p.by_kind.find(kind);
  return by_kind != p.by_kind.end() ? by_kind->second : p.value;
}

const CheckSettings& CheckProfile::settings(const std::string& check) const { return checks.at(check); }

CheckProfile default_check_profile(const std::map<std::string, std::vector<CheckParameter>>& declared) {
  CheckProfile profile;
  for (const auto& [name, parameters] : declared) profile.checks.emplace(name, CheckSettings(parameters));
  return profile;
}

CheckProfile read_check_profile(const std::filesystem::path& file,
                                const std::map<std::string, std::vector<CheckParameter>>& declared) {
  CheckProfile profile = default_check_profile(declared);
  profile.source = file.string();
  const YamlField root = YamlField::load_file(file);
  root.expect_keys({"version", "checks"});
  if (const auto version = root.optional("version")) version->as_int(1, 1);
  const std::optional<YamlField> checks = root.optional("checks");
  if (!checks || checks->is_null()) return profile;
  for (const std::string& check : checks->keys()) {
    const YamlField entry = checks->required(check);
    const auto known = profile.checks.find(check);
    if (known == profile.checks.end()) entry.fail("unknown check (fuselabel check --list-checks lists them)");
    CheckSettings& settings = known->second;
    if (entry.is_null()) continue;
    const auto read_values = [&](const YamlField& values, const std::string& key) {
      for (const std::string& name : values.keys()) {
        if (name == "enabled" && key.empty()) {
          const YamlField flag = values.required(name);
          const std::string text = flag.as_string();
          if (text != "true" && text != "false") flag.fail("must be true or false");
          settings.enabled = text == "true";
          continue;
        }
        if (name == "classes" && key.empty()) continue;
        const YamlField value = values.required(name);
        const CheckParameter* p = nullptr;
        for (const CheckParameter& candidate : settings.parameters())
          if (candidate.name == name) p = &candidate;
        if (!p) value.fail("unknown parameter of " + check);
        const double v = value.as_double(p->lo, p->hi);
        if (key.empty())
          settings.set(name, v);
        else
          settings.set_for(key, name, v);
      }
    };
    read_values(entry, "");
    if (const std::optional<YamlField> classes = entry.optional("classes")) {
      for (const std::string& key : classes->keys()) {
        const YamlField values = classes->required(key);
        if (values.is_null()) continue;
        read_values(values, key);
      }
    }
  }
  return profile;
}

}  // namespace fuselabel
