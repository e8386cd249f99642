// Check profiles: documented defaults per kind of object, overrides for all classes, a kind or
// one class, and strict reading (file, line and key in every error).
#include <gtest/gtest.h>

#include <algorithm>

#include "fusion/check/check_registry.h"
#include "model/input_error.h"
#include "test_support.h"

namespace fuselabel {
namespace {

std::string read_error(const std::string& yaml) {
  testing::TempDir dir;
  const auto file = dir.path() / "checks.yaml";
  testing::write_text(file, yaml);
  try {
    read_check_profile(file, declared_check_parameters());
  } catch (const InputError& e) {
    return e.what();
  }
  return "";
}

TEST(CheckProfile, KindsOfObjectFromClassNamesOfEveryTaxonomy) {
  EXPECT_EQ(object_kind("Car"), ObjectKind::Vehicle);
  EXPECT_EQ(object_kind("vehicle.bus.rigid"), ObjectKind::Vehicle);
  EXPECT_EQ(object_kind("Cyclist"), ObjectKind::Cyclist);
  EXPECT_EQ(object_kind("vehicle.bicycle"), ObjectKind::Cyclist);
  EXPECT_EQ(object_kind("Person_sitting"), ObjectKind::Pedestrian);
  EXPECT_EQ(object_kind("human.pedestrian.adult"), ObjectKind::Pedestrian);
  EXPECT_EQ(object_kind("barrier"), ObjectKind::Other);
}

TEST(CheckProfile, DefaultsDependOnTheKindOfObject) {
  const CheckProfile p = default_check_profile(declared_check_parameters());
  const CheckSettings& size = p.settings("track_size");
  EXPECT_DOUBLE_EQ(size.get("footprint_tolerance", "Car"), 0.1);
  EXPECT_DOUBLE_EQ(size.get("footprint_tolerance", "Pedestrian"), 0.6);
  EXPECT_TRUE(size.enabled);
  EXPECT_THROW(size.get("no_such_parameter"), std::invalid_argument);
}

TEST(CheckProfile, OverridesForAllAKindAndOneClass) {
  testing::TempDir dir;
  const auto file = dir.path() / "checks.yaml";
  testing::write_text(file,
                      "version: 1\n"
                      "checks:\n"
                      "  track_size:\n"
                      "    footprint_tolerance: 0.2\n"
                      "    classes:\n"
                      "      pedestrian: {footprint_tolerance: 0.8}\n"
                      "      Van: {footprint_tolerance: 0.05}\n"
                      "  box_overlap: {enabled: false}\n");
  const CheckProfile p = read_check_profile(file, declared_check_parameters());
  const CheckSettings& size = p.settings("track_size");
  EXPECT_DOUBLE_EQ(size.get("footprint_tolerance", "Car"), 0.2);
  EXPECT_DOUBLE_EQ(size.get("footprint_tolerance", "Pedestrian"), 0.8);
  EXPECT_DOUBLE_EQ(size.get("footprint_tolerance", "Van"), 0.05);
  EXPECT_DOUBLE_EQ(size.get("height_tolerance", "Car"), 0.1);  // untouched: the default
  EXPECT_FALSE(p.settings("box_overlap").enabled);
  EXPECT_EQ(p.source, file.string());
}

TEST(CheckProfile, StrictReading) {
  EXPECT_NE(read_error("checks:\n  track_sise: {}\n").find("unknown check"), std::string::npos);
  EXPECT_NE(read_error("checks:\n  track_size: {tolerance: 1}\n").find("unknown parameter"), std::string::npos);
  const std::string range = read_error("checks:\n  track_size:\n    footprint_tolerance: -1\n");
  EXPECT_NE(range.find("checks.track_size.footprint_tolerance"), std::string::npos) << range;
  EXPECT_NE(range.find("line 3"), std::string::npos) << range;
  EXPECT_NE(read_error("checks:\n  box_overlap: {enabled: maybe}\n").find("true or false"), std::string::npos);
  EXPECT_NE(read_error("version: 2\n").find("version"), std::string::npos);
  EXPECT_NE(read_error("checks:\n  track_size: {window: 3, window: 4}\n"), "");
}

// docs/checks.md lists every check's parameters with their defaults: the table stays true.
TEST(CheckProfile, DocumentedDefaultsAreTheCodes) {
  const std::string docs = testing::read_text(testing::source_dir() / "docs/checks.md");
  for (const auto& [check, parameters] : declared_check_parameters()) {
    const size_t section = docs.find("### `" + check + "`");
    ASSERT_NE(section, std::string::npos) << check;
    const size_t end = std::min(docs.find("\n### ", section + 1), docs.find("\n## ", section + 1));
    const std::string text = docs.substr(section, end - section);
    for (const CheckParameter& p : parameters) {
      const std::string row = "| `" + p.name + "` | ";
      const size_t at = text.find(row);
      ASSERT_NE(at, std::string::npos) << check << "." << p.name;
      EXPECT_DOUBLE_EQ(std::stod(text.substr(at + row.size())), p.value) << check << "." << p.name;
      for (const auto& [kind, value] : p.by_kind) {
        const std::string line = text.substr(at, text.find('\n', at) - at);
        const std::string key = std::string(object_kind_name(kind)) + " ";
        const size_t k = line.find(key);
        ASSERT_NE(k, std::string::npos) << line;
        EXPECT_DOUBLE_EQ(std::stod(line.substr(k + key.size())), value) << line;
      }
    }
  }
}

}  // namespace
}  // namespace fuselabel
