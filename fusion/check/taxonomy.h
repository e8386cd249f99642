#pragma once
// A label taxonomy: the classes labels may use (with parents: a Van is a Car where the
// taxonomy says so), their size priors and allowed attributes, and its name and version, which
// a label set names as LabelSet::taxonomy. Read from YAML (docs/checks.md, "Taxonomy"), or one
// of the built-in taxonomies of the formats fuselabel reads (KITTI, the simulator's).
#include <filesystem>
#include <map>
#include <optional>
#include <set>
#include <string>

#include "projection/linalg.h"

namespace fuselabel {

struct TaxonomyClass {
  std::string parent;                              // empty for a root class
  std::optional<Vec3<double>> size_min, size_max;  // l w h, metres
  // Allowed values per attribute key (an empty set: any value). A class that declares no
  // attributes (nor its parents) is not checked for them.
  std::map<std::string, std::set<std::string>> attributes;
};

struct Taxonomy {
  std::string name;  // as label sets name it, e.g. "kitti"
  std::string version;
  std::map<std::string, TaxonomyClass> classes;

  // The class's own size prior, else its nearest ancestor's.
  const TaxonomyClass* find(const std::string& class_name) const;
  std::optional<std::pair<Vec3<double>, Vec3<double>>> size_prior(const std::string& class_name) const;
  // The attributes allowed for the class and its ancestors; nullopt where none declares any.
  std::optional<std::map<std::string, std::set<std::string>>> allowed_attributes(const std::string& class_name) const;
};

// Strict: unknown keys, a parent that is not a class, a cycle of parents, size_min above
// size_max: InputError naming the file, line and key.
Taxonomy read_taxonomy(const std::filesystem::path& file);
// "kitti" and "fuselabel-sim-v1"; nullopt for other names.
std::optional<Taxonomy> builtin_taxonomy(const std::string& name);

}  // namespace fuselabel
