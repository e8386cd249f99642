// JSON read through parse_json_file (native label sets, injected_errors.json): a repeated key
// names the JSON path and the places of both keys; a syntax error names its line and column;
// find_json_syntax_error locates the first syntax error of a text without building it.
#include <gtest/gtest.h>

#include <cmath>

#include "io/common/json_field.h"
#include "io/io_test_support.h"

namespace fuselabel {
namespace {

using testing::expect_input_error;

class JsonFileErrors : public ::testing::Test {
 protected:
  void expect_refused(const std::string& text, const std::vector<std::string>& mentions) {
    testing::write_text(dir_ / "labels.json", text);
    std::vector<std::string> all = mentions;
    all.push_back((dir_ / "labels.json").string());
    expect_input_error([&] { parse_json_file(dir_ / "labels.json"); }, all);
  }
  testing::TempDir dir_;
};

TEST_F(JsonFileErrors, DuplicateKeyNamesPathAndBothPlaces) {
  expect_refused("{\"taxonomy\": \"t\",\n \"taxonomy\": \"u\"}",
                 {"labels.json: line 2, column 2 (byte offset 19), key 'taxonomy': duplicate key in one object",
                  "(first at line 1, column 2 (byte offset 1))"});
  expect_refused("{\"tracks\": [],\n"
                 " \"boxes\": [{\"size\": [1, 2, 3]},\n"
                 "   {\"frame\": 0, \"size\": [1, 2, 3],\n"
                 "    \"size\": [4, 5, 6]}]}",
                 {"boxes[1], line 4, column 5 (byte offset 86), key 'size'", "first at line 3, column 17"});
  expect_refused("[[1, {\"a\": {\"b\": 1, \"c\": [{}, {\"d\": 1, \"d\": 2}]}}]]", {"[0][1].a.c[1], line 1, column 40 (byte offset 39), key 'd'"});
}

TEST_F(JsonFileErrors, EscapedKeysAreComparedUnescaped) {
  expect_refused("{\"a\\\"b\": 1, \"a\\u0022b\": 2}", {"byte offset 12), key 'a\"b': duplicate key"});
}

TEST_F(JsonFileErrors, SameKeyInDifferentObjectsIsFine) {
  testing::write_text(dir_ / "labels.json", "{\"a\": {\"x\": 1}, \"b\": {\"x\": 1}, \"c\": [{\"x\": 1}, {\"x\": 2}]}");
  EXPECT_EQ(parse_json_file(dir_ / "labels.json")["c"][1]["x"], 2);
}

TEST_F(JsonFileErrors, SyntaxErrorsNameLineAndColumn) {
  expect_refused("{\"boxes\": [1, 2,]}", {"not valid JSON", "line 1, column 17", "unexpected ']'"});
  expect_refused("{\"boxes\": [\n  1,\n  2", {"line 3, column 4", "unexpected end of input"});
  expect_refused("{\"a\": 1}\n{", {"line 2, column 1", "expected end of input"});
}

TEST_F(JsonFileErrors, NumbersBeyondDoubleNameTheirPlace) {
  expect_refused("{\"v\": [1,\n 1e400]}", {"line 2, column ", "not valid JSON", "number overflow parsing '1e400'"});
}

TEST(JsonField, InfinityIsNotAFiniteNumber) {
  const nlohmann::json json = {{"v", {1.0, HUGE_VAL}}};
  const std::filesystem::path file = "labels.json";
  const JsonField doc{file, json, ""};
  expect_input_error([&] { doc.required("v").numbers(2); }, {"v[1]", "not a finite number"});
}

TEST(FindJsonSyntaxError, NamesTheFirstErrorOrNone) {
  EXPECT_FALSE(find_json_syntax_error("[{\"token\": \"a\"}, {\"token\": \"b\"}]"));
  const auto stray_comma = find_json_syntax_error("[\n{\"token\": \"a\"},,\n{}]");
  ASSERT_TRUE(stray_comma);
  EXPECT_EQ(stray_comma->where, "line 2, column 16 (byte offset 17)");
  EXPECT_NE(stray_comma->problem.find("unexpected ','"), std::string::npos) << stray_comma->problem;
  const auto unclosed = find_json_syntax_error("[{\"token\": \"a}]");
  ASSERT_TRUE(unclosed);
  EXPECT_NE(unclosed->where.find("line 1"), std::string::npos);
}

}  // namespace
}  // namespace fuselabel
