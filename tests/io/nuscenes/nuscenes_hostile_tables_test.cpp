// Hostile nuScenes tables: repeated keys and tokens, syntax errors, paths leaving the dataroot,
// absurd numbers and too many annotations are each one InputError naming the table, the record
// or the place in the text, and the field.
#include <gtest/gtest.h>

#include <algorithm>

#include "io/common/input_limit_child.h"
#include "io/io_test_support.h"
#include "io/nuscenes/nuscenes_drive.h"
#include "io/nuscenes/nuscenes_json.h"
#include "nuscenes_fixture.h"

namespace fuselabel {
namespace {

using testing::expect_input_error;
using testing::json;

// "line L" of byte `offset` of `text`.
std::string line_at(const std::string& text, size_t offset) {
  return "line " + std::to_string(1 + std::count(text.begin(), text.begin() + std::ptrdiff_t(offset), '\n'));
}

// "line L" of the `occurrence`-th (0-based) place of `what` in `text`.
std::string line_of(const std::string& text, const std::string& what, int occurrence = 0) {
  size_t at = text.find(what);
  for (int i = 0; i < occurrence; ++i) at = text.find(what, at + 1);
  return line_at(text, at);
}

class NuscenesHostileTables : public ::testing::Test {
 protected:
  void SetUp() override {
    f.root = dir.path();
    testing::write_nuscenes_fixture(f);
  }
  void expect_open_error(const std::vector<std::string>& mentions) {
    expect_input_error([&] { NuscenesDrive drive(f.scene_options()); }, mentions);
  }
  // The table as the fixture writes it, with the first `from` replaced by `to`.
  std::string edited_table(const std::string& table, const std::string& from, const std::string& to) {
    std::string text = f.tables.at(table).dump(1);
    const size_t at = text.find(from);
    EXPECT_NE(at, std::string::npos) << from;
    return text.replace(at, from.size(), to);
  }
  json& scene_annotation(size_t i) {
    return *f.rows_where("sample_annotation", "sample_token", f.sample_token(0, 0)).at(i);
  }

  testing::TempDir dir;
  testing::NuscenesFixture f;
};

TEST_F(NuscenesHostileTables, RepeatedKeyInARecordNamesRecordKeyAndBothLines) {
  const std::string text =
      edited_table("sample_data", "\"is_key_frame\": true", "\"is_key_frame\": true,\n  \"is_key_frame\": false");
  testing::write_text(f.table_path("sample_data"), text);
  expect_open_error({"sample_data.json: record ", ", " + line_of(text, "\"is_key_frame\"", 1) + ", column 3",
                     "key 'is_key_frame': duplicate key in one record (first at " +
                         line_of(text, "\"is_key_frame\"", 0) + ", column 3"});
}

TEST_F(NuscenesHostileTables, RepeatedKeyInARowOfAnotherSceneToo) {
  // scene-0103's keyframe: not kept when opening scene-0061, still a refused record.
  json& row = *f.rows_where("sample_data", "sample_token", f.sample_token(1, 0)).front();
  const std::string filename = row["filename"];
  const std::string text =
      edited_table("sample_data", "\"filename\": \"" + filename + "\"",
                   "\"filename\": \"" + filename + "\",\n  \"sample_token\": \"" + f.sample_token(0, 0) + "\"");
  testing::write_text(f.table_path("sample_data"), text);
  expect_open_error({"sample_data.json", "key 'sample_token'", "duplicate key in one record"});
}

TEST_F(NuscenesHostileTables, KeysCompareAsWrittenInEveryRecordOrder) {
  testing::TempDir scratch;
  testing::write_text(scratch / "t.json",
                      "[{\"token\": \"a\", \"x\": 1},\n"
                      " {\"x\": 2, \"token\": \"b\"},\n"
                      " {\"token\": \"c\", \"x\": 3, \"x\": 4}]");
  std::vector<std::string> tokens;
  const auto read = [&] {
    nuscenes::for_each_record(scratch / "t.json", [&](nuscenes::JsonRecord& r) { tokens.push_back(r.token()); });
  };
  expect_input_error(read,
                     {"t.json: record 2, line 3, column 25 (byte offset 74), key 'x': duplicate key", "first at line 3, column 17"});
  EXPECT_EQ(tokens, (std::vector<std::string>{"a", "b"}));
}

TEST_F(NuscenesHostileTables, RepeatedTokenNamesBothRecords) {
  f.tables["category"][1]["token"] = f.tables["category"][0]["token"];
  f.write_table("category");
  const std::string token = f.tables["category"][0]["token"];
  const std::string text = f.tables["category"].dump(1);
  expect_open_error({"category.json: record 1 (token " + token + "), field 'token', " + line_of(text, token, 1),
                     "duplicate token: record 0 at " + line_of(text, token, 0), "has the same token"});
}

TEST_F(NuscenesHostileTables, RepeatedAnnotationTokenNamesBothRecords) {
  const std::string token = scene_annotation(0)["token"];
  scene_annotation(1)["token"] = token;
  f.write_table("sample_annotation");
  expect_open_error({"sample_annotation.json: record ", "(token " + token + "), field 'token', line ",
                     "duplicate token: record ", "has the same token"});
}

TEST_F(NuscenesHostileTables, SyntaxErrorsNameLineAndColumn) {
  const std::string text = f.tables.at("sample_data").dump(1);
  testing::write_text(f.table_path("sample_data"), text.substr(0, text.size() / 2));
  expect_open_error({"sample_data.json: " + line_at(text, text.size() / 2) + ", column ", "malformed JSON"});
  testing::write_text(f.table_path("sample_data"), edited_table("sample_data", "},\n {", "},,\n {"));
  expect_open_error({"sample_data.json: " + line_of(text, "},\n {") + ", column 4", "unexpected ','"});
  testing::write_text(f.table_path("sample_data"), edited_table("sample_data", "\n }\n]", "\n },\n]"));
  expect_open_error({"sample_data.json: line ", ", column 1 (byte offset ", "unexpected ']'"});
  testing::write_text(f.table_path("sample_data"), edited_table("sample_data", "\"is_key_frame\": ", "\"is_key_frame\" "));
  expect_open_error({"sample_data.json: " + line_of(text, "\"is_key_frame\""), "expected ':'"});
}

TEST_F(NuscenesHostileTables, FilenamesStayInsideTheDataroot) {
  json& row = *f.channel_rows("LIDAR_TOP").front();
  for (const auto& [filename, problem] : std::vector<std::pair<std::string, std::string>>{
           {"../../etc/hostname", "leaves the drive root"},
           {"samples/../../../etc/hostname", "leaves the drive root"},
           {"/etc/hostname", "not absolute"},
           {"", "empty file name"}}) {
    row["filename"] = filename;
    f.write_table("sample_data");
    expect_open_error({"sample_data.json: record ", "(token " + row["token"].get<std::string>() + "), field 'filename'",
                       problem});
  }
}

TEST_F(NuscenesHostileTables, NumbersBeyondTheCoordinateAndSizeRanges) {
  scene_annotation(0)["translation"] = {1e300, 0.0, 0.0};
  f.write_table("sample_annotation");
  expect_open_error({"sample_annotation.json", "field 'translation'",
                     "value 0: 1e+300 is out of range: coordinates lie within +-100000000 m"});
  scene_annotation(0)["translation"] = {1.0, 2.0, 3.0};
  const json size = scene_annotation(0)["size"];
  scene_annotation(0)["size"] = {1.0, 20000.0, 1.5};
  f.write_table("sample_annotation");
  expect_open_error({"sample_annotation.json", "field 'size'",
                     "size value 1: 20000 is not a box size: sizes lie in (0, 10000] m"});
  scene_annotation(0)["size"] = size;
  f.write_table("sample_annotation");
  const std::string pose = (*f.channel_rows("LIDAR_TOP").front())["ego_pose_token"];
  f.row("ego_pose", pose)["translation"] = {0.0, -3e9, 0.0};
  f.write_table("ego_pose");
  expect_open_error({"ego_pose.json", "(token " + pose + "), field 'translation'", "value 1: -3e+09 is out of range"});
}

TEST_F(NuscenesHostileTables, AnnotationsBeyondTheLabelLimit) {
  testing::expect_input_error_under_limit(
      "FUSELABEL_MAX_LABELS_PER_FILE", "1", [&] { NuscenesDrive drive(f.scene_options()); },
      {"sample_annotation.json: record ", "labels 2 exceeds the limit of 1 (raise it with FUSELABEL_MAX_LABELS_PER_FILE)"});
}

}  // namespace
}  // namespace fuselabel
