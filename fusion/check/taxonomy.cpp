#include "fusion/check/taxonomy.h"

#include "io/common/yaml_field.h"

namespace fuselabel {
namespace {

TaxonomyClass sized(const std::string& parent, Vec3<double> lo, Vec3<double> hi) {
  TaxonomyClass c;
  c.parent = parent, c.size_min = lo, c.size_max = hi;
  return c;
}

// KITTI's classes with priors wide enough for every label of its tracking training set
// (docs/QUALITY.md); DontCare marks image regions, not objects.
Taxonomy kitti() {
  Taxonomy t{"kitti", "1", {}};
  t.classes["Car"] = sized("", {2.0, 1.0, 1.0}, {7.0, 2.6, 2.5});
  t.classes["Van"] = sized("", {3.0, 1.3, 1.5}, {8.0, 2.8, 3.5});
  t.classes["Truck"] = sized("", {4.0, 1.5, 2.0}, {20.0, 3.2, 4.5});
  t.classes["Tram"] = sized("", {8.0, 2.0, 2.5}, {40.0, 3.2, 4.5});
  t.classes["Pedestrian"] = sized("", {0.2, 0.2, 0.9}, {1.6, 1.4, 2.3});
  t.classes["Person_sitting"] = sized("Pedestrian", {0.3, 0.3, 0.6}, {1.8, 1.4, 1.8});
  t.classes["Cyclist"] = sized("", {0.8, 0.3, 1.0}, {2.6, 1.2, 2.3});
  t.classes["Misc"] = TaxonomyClass{};
  t.classes["DontCare"] = TaxonomyClass{};
  return t;
}

// The simulator's classes and the size ranges it draws from (sim/traffic_builder.cpp), 10% wider.
Taxonomy simulator() {
  Taxonomy t{"fuselabel-sim-v1", "1", {}};
  const auto add = [&](const char* name, Vec3<double> lo, Vec3<double> hi) {
    t.classes[name] = sized("", 0.9 * lo, 1.1 * hi);
  };
  add("car", {3.9, 1.70, 1.40}, {4.9, 1.95, 1.70});
  add("truck", {6.5, 2.30, 2.80}, {10.0, 2.55, 3.80});
  add("bus", {10.5, 2.50, 3.00}, {12.5, 2.55, 3.40});
  add("pedestrian", {0.50, 0.50, 1.55}, {0.80, 0.75, 1.95});
  add("cyclist", {1.60, 0.55, 1.60}, {1.90, 0.75, 1.90});
  add("barrier", {1.80, 0.40, 0.80}, {2.20, 0.60, 1.10});
  return t;
}

}  // namespace

const TaxonomyClass* Taxonomy::find(const std::string& class_name) const {
  const auto c = classes.find(class_name);
  return c == classes.end() ? nullptr : &c->second;
}

std::optional<std::pair<Vec3<double>, Vec3<double>>> Taxonomy::size_prior(const std::string& class_name) const {
  // Parents are acyclic (read_taxonomy), so the walk ends.
  for (const TaxonomyClass* c = find(class_name); c; c = c->parent.empty() ? nullptr : find(c->parent))
    if (c->size_min && c->size_max) return std::make_pair(*c->size_min, *c->size_max);
  return std::nullopt;
}

std::optional<std::map<std::string, std::set<std::string>>> Taxonomy::allowed_attributes(
    const std::string& class_name) const {
  std::optional<std::map<std::string, std::set<std::string>>> allowed;
  for (const TaxonomyClass* c = find(class_name); c; c = c->parent.empty() ? nullptr : find(c->parent))
    if (!c->attributes.empty()) {
      if (!allowed) allowed.emplace();
      allowed->insert(c->attributes.begin(), c->attributes.end());
    }
  return allowed;
}

Taxonomy read_taxonomy(const std::filesystem::path& file) {
  const YamlField root = YamlField::load_file(file);
  root.expect_keys({"name", "version", "classes"});
  Taxonomy t;
  t.name = root.required("name").as_string();
  t.version = root.required("version").as_string();
  const YamlField classes = root.required("classes");
  std::map<std::string, YamlField> fields;
  for (const std::string& name : classes.keys()) {
    const YamlField c = classes.required(name);
    fields.emplace(name, c);
    TaxonomyClass& out = t.classes[name];
    if (c.is_null()) continue;
    c.expect_keys({"parent", "size_min", "size_max", "attributes"});
    if (const auto parent = c.optional("parent")) out.parent = parent->as_string();
    const auto size = [&](const char* key) -> std::optional<Vec3<double>> {
      const auto f = c.optional(key);
      if (!f) return std::nullopt;
      const std::vector<double> v = f->as_doubles(3);
      for (double x : v)
        if (x < 0) f->fail("sizes are lengths in metres, >= 0");
      return Vec3<double>{v[0], v[1], v[2]};
    };
    out.size_min = size("size_min"), out.size_max = size("size_max");
    if (out.size_min.has_value() != out.size_max.has_value()) c.fail("give both size_min and size_max, or neither");
    if (out.size_min &&
        (out.size_min->x > out.size_max->x || out.size_min->y > out.size_max->y || out.size_min->z > out.size_max->z))
      c.required("size_min").fail("is above size_max");
    if (const auto attributes = c.optional("attributes"))
      for (const std::string& key : attributes->keys()) {
        const YamlField values = attributes->required(key);
        std::set<std::string>& allowed = out.attributes[key];
        if (!values.is_null())
          for (const std::string& v : values.as_strings()) allowed.insert(v);
      }
  }
  for (const auto& [name, c] : t.classes) {
    if (!c.parent.empty() && !t.classes.count(c.parent))
      fields.at(name).required("parent").fail("is not a class of the taxonomy");
    std::set<std::string> seen = {name};
    for (std::string p = c.parent; !p.empty(); p = t.classes.at(p).parent)
      if (!seen.insert(p).second) fields.at(name).required("parent").fail("makes a cycle of parents");
  }
  return t;
}

std::optional<Taxonomy> builtin_taxonomy(const std::string& name) {
  if (name == "kitti") return kitti();
  if (name == "fuselabel-sim-v1") return simulator();
  return std::nullopt;
}

}  // namespace fuselabel
