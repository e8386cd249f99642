// Every mapping of every YAML file the engine reads refuses a repeated key, naming the file, the
// key's path, its line and the line of the first one; yaml-cpp alone keeps both silently.
#include <gtest/gtest.h>

#include <chrono>

#include "io/common/yaml_field.h"
#include "io/io_test_support.h"

namespace fuselabel {
namespace {

using testing::expect_input_error;

class YamlDuplicateKeys : public ::testing::Test {
 protected:
  void expect_refused(const std::string& text, const std::vector<std::string>& mentions) {
    testing::write_text(dir_ / "config.yaml", text);
    std::vector<std::string> all = mentions;
    all.push_back((dir_ / "config.yaml").string());
    all.push_back("duplicate key");
    expect_input_error([&] { YamlField::load_file(dir_ / "config.yaml"); }, all);
  }
  testing::TempDir dir_;
};

TEST_F(YamlDuplicateKeys, AtTheTopLevel) {
  expect_refused("name: a\nversion: 1\nname: b\n", {"name (line 3)", "'name' (first at line 1)"});
}

TEST_F(YamlDuplicateKeys, InANestedMappingNoReaderAsksFor) {
  expect_refused("a:\n  b:\n    c: 1\n    d: 2\n    c: 3\n", {"a.b.c (line 5)", "'c' (first at line 3)"});
}

TEST_F(YamlDuplicateKeys, InAListItemAndInAFlowMapping) {
  expect_refused("sensors:\n  - name: x\n  - name: y\n    kind: lidar\n    name: z\n",
                 {"sensors[1].name (line 5)", "(first at line 3)"});
  expect_refused("T: {translation: [0, 0, 0], rotation: [1, 0, 0, 0], translation: [1, 1, 1]}\n",
                 {"T.translation (line 1)", "'translation'"});
}

TEST_F(YamlDuplicateKeys, DistinctKeysAndEqualValuesAreFine) {
  testing::write_text(dir_ / "config.yaml", "a: 1\nb: 1\nc: {a: 1, b: [1, {a: 2}]}\n");
  const YamlField doc = YamlField::load_file(dir_ / "config.yaml");
  EXPECT_EQ(doc.keys(), (std::vector<std::string>{"a", "b", "c"}));
}

// Nested aliases name each node many times over; each node is checked once, so a hostile
// document of 10^9 aliased paths loads at once (and a repeated key inside it is still found).
TEST_F(YamlDuplicateKeys, AliasesAreCheckedOnceEach) {
  std::string text = "l0: &l0 {k: 1}\n";
  for (int level = 1; level <= 9; ++level) {
    const std::string up = "*l" + std::to_string(level - 1);
    text += "l" + std::to_string(level) + ": &l" + std::to_string(level) + " [";
    for (int i = 0; i < 10; ++i) text += (i ? ", " : "") + up;
    text += "]\n";
  }
  testing::write_text(dir_ / "config.yaml", text);
  const auto start = std::chrono::steady_clock::now();
  EXPECT_NO_THROW(YamlField::load_file(dir_ / "config.yaml"));
  EXPECT_LT(std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count(), 2.0);
  text.replace(text.find("{k: 1}"), 6, "{k: 1, k: 2}");
  expect_refused(text, {"l0.k (line 1)"});
}

}  // namespace
}  // namespace fuselabel
