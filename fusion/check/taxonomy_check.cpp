// taxonomy: a class or attribute the taxonomy does not have, a cuboid whose size is outside its
// class's prior, and labels made under another taxonomy than the one they are checked against.
// Each finding once per track (at its first frame) or per untracked label.
#include <set>

#include "fusion/check/label_checks.h"

namespace fuselabel {
namespace {

std::string text(const Vec3<double>& s) { return fixed(s.x, 2) + " x " + fixed(s.y, 2) + " x " + fixed(s.z, 2); }

class TaxonomyCheck : public Check {
 public:
  std::string name() const override { return "taxonomy"; }
  std::string summary() const override {
    return "a class or attribute not in the taxonomy, a size outside its class's prior, labels of another taxonomy";
  }
  std::vector<CheckParameter> parameters() const override { return {}; }
  std::string unavailable(const CheckInputs& inputs) const override {
    return inputs.taxonomy()
               ? ""
               : "no taxonomy: '" + inputs.labels().taxonomy + "' is not built in (give one with --taxonomy)";
  }
  void run(const CheckInputs& inputs, const CheckSettings&, std::vector<Flag>& flags) const override {
    const Taxonomy& t = *inputs.taxonomy();
    const LabelSet& labels = inputs.labels();
    if (labels.taxonomy != t.name) {
      Flag f = make_flag(
          inputs, name(), "other_taxonomy", Severity::Info, -1, "",
          "the labels were made under '" + labels.taxonomy + "', checked against '" + t.name + "' " + t.version);
      flags.push_back(std::move(f));
    }
    std::set<std::string> seen;  // "kind|track or label|detail": each finding once
    const auto once = [&](const std::string& key) { return seen.insert(key).second; };
    for (const CuboidLabel& b : labels.boxes) {
      const std::string cls = labels.class_of(b);
      const std::string who = b.track_id.empty() ? "label " + b.id : b.track_id;
      const auto flag = [&](const std::string& kind, Severity severity, const std::string& message) {
        Flag f = make_flag(inputs, name(), kind, severity, b.frame, b.track_id, message);
        if (b.track_id.empty()) f.label_id = b.id;
        return f;
      };
      const TaxonomyClass* c = t.find(cls);
      if (!c) {
        if (once("class|" + who + "|" + cls))
          flags.push_back(flag("unknown_class", Severity::Error, "class '" + cls + "' is not in taxonomy " + t.name));
        continue;
      }
      if (const auto prior = t.size_prior(cls)) {
        const Vec3<double>& s = b.box.size;
        const bool outside = s.x < prior->first.x || s.y < prior->first.y || s.z < prior->first.z ||
                             s.x > prior->second.x || s.y > prior->second.y || s.z > prior->second.z;
        if (outside && once("size|" + who)) {
          Flag f = flag("size_prior", Severity::Warning,
                        "size " + text(s) + " m is outside the " + cls + " prior " + text(prior->first) + " to " +
                            text(prior->second) + " m");
          f.metrics = {{"l_m", s.x}, {"w_m", s.y}, {"h_m", s.z}};
          flags.push_back(std::move(f));
        }
      }
      const auto allowed = t.allowed_attributes(cls);
      if (!allowed) continue;
      std::map<std::string, std::string> attributes = b.attributes;
      if (const Track* track = labels.track(b.track_id))
        attributes.insert(track->attributes.begin(), track->attributes.end());
      for (const auto& [key, value] : attributes) {
        const auto a = allowed->find(key);
        const bool ok = a != allowed->end() && (a->second.empty() || a->second.count(value));
        if (!ok && once("attribute|" + who + "|" + key + "=" + value))
          flags.push_back(flag("attribute", Severity::Error,
                               a == allowed->end() ? "attribute '" + key + "' is not allowed for " + cls
                                                   : "'" + value + "' is not a value of " + cls + "'s '" + key + "'"));
      }
    }
  }
};

}  // namespace

std::unique_ptr<Check> make_taxonomy_check() { return std::make_unique<TaxonomyCheck>(); }

}  // namespace fuselabel
