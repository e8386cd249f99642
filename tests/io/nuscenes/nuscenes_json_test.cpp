// The table reader under the nuScenes tables (simdjson on demand) and the conversions of
// nuScenes conventions: typed fields in any order, errors naming record, token, field, line.
#include "io/nuscenes/nuscenes_json.h"

#include <gtest/gtest.h>

#include <cmath>
#include <stdexcept>

#include "io/nuscenes/nuscenes_conversions.h"
#include "io/io_test_support.h"

namespace fuselabel::nuscenes {
namespace {

using fuselabel::testing::expect_input_error;
using fuselabel::testing::TempDir;
using fuselabel::testing::write_text;

TEST(NuscenesJson, ReadsTypedFieldsInAnyOrder) {
  TempDir dir;
  write_text(dir / "t.json",
             R"([{"timestamp": 1531883530449377, "token": "a", "ok": true, "name": "CAM \"FRONT\"",
                  "values": [1, 2.5, -3e2], "names": ["x", "y"], "K": [[1, 0], [0.5]], "empty": []},
                 {"token": "b", "timestamp": -4, "ok": false, "name": "", "values": [], "names": [], "K": []}])");
  std::vector<std::string> tokens;
  for_each_record(dir / "t.json", [&](JsonRecord& r) {
    tokens.push_back(r.token());
    if (r.index() == 1) {
      EXPECT_EQ(r.integer("timestamp"), -4);
      EXPECT_FALSE(r.boolean("ok"));
      EXPECT_TRUE(r.numbers("values").empty());
      EXPECT_TRUE(r.number_rows("K").empty());
      return;
    }
    EXPECT_EQ(r.texts("names"), (std::vector<std::string>{"x", "y"}));
    EXPECT_EQ(r.number_rows("K"), (std::vector<std::vector<double>>{{1, 0}, {0.5}}));
    EXPECT_EQ(r.numbers("values"), (std::vector<double>{1, 2.5, -300}));
    EXPECT_EQ(r.text("name"), "CAM \"FRONT\"");
    EXPECT_TRUE(r.boolean("ok"));
    EXPECT_EQ(r.integer("timestamp"), 1531883530449377);
    EXPECT_EQ(r.number("timestamp"), 1531883530449377.0);
    EXPECT_TRUE(r.numbers("empty").empty());
  });
  EXPECT_EQ(tokens, (std::vector<std::string>{"a", "b"}));
}

TEST(NuscenesJson, FieldErrorsNameRecordTokenAndField) {
  TempDir dir;
  write_text(dir / "t.json", R"([{"token": "a", "n": 1}, {"token": "b", "n": "one", "v": [1, "x"]}])");
  auto visit_second = [&](const std::function<void(JsonRecord&)>& read) {
    for_each_record(dir / "t.json", [&](JsonRecord& r) {
      if (r.index() == 1) read(r);
    });
  };
  expect_input_error([&] { visit_second([](JsonRecord& r) { r.integer("n"); }); },
                     {"t.json", "record 1 (token b), field 'n'", "expected an integer"});
  expect_input_error([&] { visit_second([](JsonRecord& r) { r.text("missing"); }); }, {"field 'missing'", "missing"});
  expect_input_error([&] { visit_second([](JsonRecord& r) { r.numbers("v"); }); },
                     {"field 'v'", "expected an array of numbers"});
  expect_input_error([&] { visit_second([](JsonRecord& r) { r.boolean("n"); }); }, {"expected true or false"});
  write_text(dir / "u.json", R"([{"token": 7}])");
  expect_input_error([&] { for_each_record(dir / "u.json", [](JsonRecord&) {}); },
                     {"u.json", "record 0, field 'token'", "expected a string"});
}

TEST(NuscenesJson, StructuralErrors) {
  TempDir dir;
  auto expect_error = [&](const std::string& text, const std::vector<std::string>& mentions) {
    write_text(dir / "t.json", text);
    expect_input_error([&] { for_each_record(dir / "t.json", [](JsonRecord& r) { r.text("x"); }); }, mentions);
  };
  expect_error("[\n{\"token\": \"a\", \"x\": \"1\"},\n{\"token\": \"b\" \"x\": \"2\"}\n]",
               {"t.json", "line 3", "malformed JSON"});
  expect_error("[{\"token\": \"a\", \"x\": \"1\"}, {\"tok", {"malformed JSON"});
  expect_error("[{\"token\": \"a\", \"x\": \"1\"}]]", {"line 1, column 27", "expected end of input"});
  expect_error("[{\"token\": \"a\", \"x\": \"1\"}, 5]", {"record 1", "expected a JSON object"});
  expect_error("{\"token\": \"a\"}", {"expected a JSON array of records"});
  expect_error("", {"malformed JSON"});
  expect_input_error([&] { for_each_record(dir / "absent.json", [](JsonRecord&) {}); },
                     {"absent.json", "missing table"});
}

TEST(NuscenesConversions, QuaternionsMustBeUnit) {
  const Quat<double> q =
      unit_quaternion({0.4998015430569128, -0.5030316162024876, 0.4997798114386805, -0.49737083824542755});
  EXPECT_NEAR(q.norm(), 1.0, 1e-15);
  const Quat<double> slightly_off = unit_quaternion({1.0005, 0, 0, 0});  // printed with few digits
  EXPECT_EQ(slightly_off.w, 1.0);
  EXPECT_THROW(unit_quaternion({1.002, 0, 0, 0}), std::invalid_argument);
  EXPECT_THROW(unit_quaternion({0, 0, 0, 0}), std::invalid_argument);
  EXPECT_THROW(unit_quaternion({1, 0, 0}), std::invalid_argument);
  EXPECT_THROW(unit_quaternion({NAN, 0, 0, 1}), std::invalid_argument);
}

TEST(NuscenesConversions, SizesAndIntrinsics) {
  const Vec3<double> lwh = size_wlh_to_lwh({1.9, 4.6, 1.7});
  EXPECT_EQ(lwh.x, 4.6);
  EXPECT_EQ(lwh.y, 1.9);
  EXPECT_EQ(lwh.z, 1.7);
  EXPECT_THROW(size_wlh_to_lwh({0, 4.6, 1.7}), std::invalid_argument);
  const CameraModeld camera = pinhole_camera({{1266.4, 0, 816.3}, {0, 1266.5, 491.5}, {0, 0, 1}}, 1600, 900);
  EXPECT_EQ(camera.type, CameraModelType::Pinhole);
  EXPECT_EQ(camera.fx, 1266.4);
  EXPECT_EQ(camera.fy, 1266.5);
  EXPECT_EQ(camera.cx, 816.3);
  EXPECT_EQ(camera.cy, 491.5);
  EXPECT_EQ(camera.width, 1600);
  EXPECT_THROW(pinhole_camera({}, 1600, 900), std::invalid_argument);
  EXPECT_THROW(pinhole_camera({{1266.4, 0, 816.3}, {0, 1266.5, 491.5}, {0, 0, 2}}, 1600, 900), std::invalid_argument);
  EXPECT_EQ(attribute_entry("cycle.with_rider"), (std::pair<std::string, std::string>{"cycle", "with_rider"}));
  EXPECT_EQ(attribute_entry("parked"), (std::pair<std::string, std::string>{"parked", ""}));
}

}  // namespace
}  // namespace fuselabel::nuscenes
