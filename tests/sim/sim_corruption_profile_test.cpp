#include <gtest/gtest.h>

#include <cmath>
#include <fstream>

#include "sim/corruption.h"
#include "model/input_error.h"
#include "test_support.h"

namespace fs = std::filesystem;

namespace fuselabel {
namespace {

fs::path sample_config(const std::string& name) { return testing::source_dir() / "data-samples/configs" / name; }

fs::path write_text(const testing::TempDir& dir, const std::string& name, const std::string& text) {
  testing::write_text(dir / name, text);
  return dir / name;
}

// The message of the InputError reading `yaml` throws ("" when it does not throw).
std::string profile_error(const std::string& yaml) {
  const testing::TempDir dir;
  const fs::path file = write_text(dir, "profile.yaml", yaml);
  try {
    read_corruption_profile(file);
  } catch (const InputError& e) {
    EXPECT_EQ(e.file(), file);
    return e.what();
  }
  return "";
}

TEST(SimCorruptionProfile, ReadsTheMixedSample) {
  const CorruptionProfile p = read_corruption_profile(sample_config("corrupt-mixed.yaml"));
  EXPECT_EQ(p.seed, 7u);
  EXPECT_EQ(p.box_shift.amount.count, 3);
  EXPECT_FALSE(p.box_shift.amount.rate);
  EXPECT_EQ(p.box_shift.distance_m.min, 0.5);
  EXPECT_EQ(p.box_shift.distance_m.max, 2.0);
  EXPECT_EQ(p.class_flip.classes.size(), 5u);
  EXPECT_EQ(p.class_flip.run_frames.max, 8);
  ASSERT_TRUE(p.id_switch.max_distance_m);
  EXPECT_EQ(*p.id_switch.max_distance_m, 15);
  EXPECT_EQ(p.inconsistent_2d.max_iou, 0.3);
  EXPECT_EQ(p.camera_time_offset.offset_us.min, 20000);
  EXPECT_EQ(p.camera_extrinsic.translation_m.max, 0.05);
  // Every type is asked for at least once.
  for (const ErrorAmount* amount :
       {&p.box_shift.amount, &p.box_lift.amount, &p.yaw_flip.amount, &p.size_change.amount, &p.class_flip.amount, &p.id_switch.amount,
        &p.missing_2d.amount, &p.inconsistent_2d.amount, &p.missing_3d.amount, &p.camera_time_offset.amount,
        &p.camera_extrinsic.amount})
    EXPECT_GT(amount->planned(100), 0);
}

TEST(SimCorruptionProfile, NoneSampleAsksForNothing) {
  const CorruptionProfile p = read_corruption_profile(sample_config("corrupt-none.yaml"));
  for (const ErrorAmount* amount : {&p.box_shift.amount, &p.missing_3d.amount, &p.camera_extrinsic.amount})
    EXPECT_EQ(amount->planned(1000), 0);
}

TEST(SimCorruptionProfile, RateIsRoundedPerEligibleItem) {
  const testing::TempDir dir;
  const CorruptionProfile p =
      read_corruption_profile(write_text(dir, "p.yaml", "label_errors:\n  missing_2d: {rate: 0.25}\n"));
  ASSERT_TRUE(p.missing_2d.amount.rate);
  EXPECT_EQ(p.missing_2d.amount.planned(10), 3);  // 2.5 rounds up
  EXPECT_EQ(p.missing_2d.amount.planned(9), 2);
  EXPECT_EQ(p.seed, 0u);
}

TEST(SimCorruptionProfile, RejectsBadProfilesNamingTheKey) {
  const struct {
    const char* yaml;
    const char* expected;
  } cases[] = {
      {"seeed: 1\n", "seeed (line 1): unknown key"},
      {"seed: -3\n", "seed (line 1): must be a non-negative integer"},
      {"label_errors:\n  box_shiftt: {count: 1}\n", "label_errors.box_shiftt (line 2): unknown label_errors type"},
      {"label_errors:\n  camera_extrinsic: {count: 1}\n", "label_errors.camera_extrinsic (line 2): unknown"},
      {"label_errors:\n  box_shift: {count: 1, distance: [1, 2]}\n",
       "label_errors.box_shift.distance (line 2): unknown key"},
      {"label_errors:\n  box_shift:\n    count: 1\n    distanse_m: [1, 2]\n",
       "label_errors.box_shift.distanse_m (line 4): unknown key"},
      {"label_errors:\n  box_shift: {count: 1, rate: 0.1}\n",
       "label_errors.box_shift (line 2): give either count or rate"},
      {"label_errors:\n  yaw_flip: {}\n", "label_errors.yaw_flip (line 2): needs count"},
      {"label_errors:\n  yaw_flip: 3\n", "label_errors.yaw_flip (line 2): expected a mapping"},
      {"label_errors:\n  yaw_flip: {count: 1.5}\n", "label_errors.yaw_flip.count (line 2): not an integer: '1.5'"},
      {"label_errors:\n  yaw_flip: {count: -1}\n", "label_errors.yaw_flip.count (line 2): -1 is outside"},
      {"label_errors:\n  yaw_flip: {rate: 1.5}\n", "label_errors.yaw_flip.rate (line 2): 1.5 is outside [0, 1]"},
      {"label_errors:\n  box_shift: {count: 1, distance_m: [2, 1]}\n", "distance_m (line 2): min is greater than max"},
      {"label_errors:\n  box_shift: {count: 1, distance_m: 1}\n", "distance_m (line 2): expected [min, max]"},
      {"label_errors:\n  box_shift: {count: 1, distance_m: [1, 2, 3]}\n", "distance_m (line 2): expected [min, max]"},
      {"label_errors:\n  size_change: {count: 1, factor: [0.5, 1.5]}\n", "factor[0] (line 2): 0.5 is outside [1, inf]"},
      {"label_errors:\n  class_flip: {count: 1}\n", "label_errors.class_flip.classes (line 2): missing"},
      {"label_errors:\n  class_flip: {rate: 0.5, classes: []}\n", "label_errors.class_flip.classes (line 2): needs"},
      {"label_errors:\n  class_flip: {count: 1, classes: [Car, '']}\n", "classes[1] (line 2): expected a non-empty"},
      {"label_errors:\n  inconsistent_2d: {count: 1, max_iou: nan}\n", "max_iou (line 2): not a finite number: 'nan'"},
      {"label_errors:\n  inconsistent_2d: {count: 1, max_iou: 0}\n", "max_iou (line 2): 0 is outside [1e-06, 1]"},
      {"sensor_errors:\n  camera_time_offset: {count: 1, offset_us: [0.5, 2]}\n",
       "offset_us[0] (line 2): not an integer: '0.5'"},
      {"sensor_errors:\n  camera_extrinsic: {count: 1, rotation_deg: [1, 200]}\n",
       "rotation_deg[1] (line 2): 200 is outside [0, 180]"},
      {"sensor_errors:\n  box_shift: {count: 1}\n", "sensor_errors.box_shift (line 2): unknown sensor_errors type"},
      {"label_errors: [box_shift]\n", "label_errors (line 1): expected a mapping"},
      {"label_errors:\n  yaw_flip: {count: 1}\n  yaw_flip: {count: 2}\n",
       "label_errors.yaw_flip (line 3): duplicate key"},
      {"label_errors:\n  box_shift: {count: 1\n", "line 3"},
  };
  for (const auto& c : cases) {
    const std::string message = profile_error(c.yaml);
    EXPECT_NE(message.find(c.expected), std::string::npos) << c.yaml << "\n-> " << message;
    EXPECT_NE(message.find("profile.yaml"), std::string::npos) << message;
  }
  EXPECT_THROW(read_corruption_profile("/nonexistent/profile.yaml"), InputError);
}

TEST(SimCorruptionProfile, AcceptsEmptyGroupsAndTheWholeSeedRange) {
  EXPECT_EQ(profile_error("label_errors:\nsensor_errors: {}\n"), "");
  EXPECT_EQ(profile_error("label_errors:\n  class_flip: {count: 0, classes: []}\n"), "");
  const testing::TempDir dir;
  const CorruptionProfile p = read_corruption_profile(write_text(dir, "p.yaml", "seed: 18446744073709551615\n"));
  EXPECT_EQ(p.seed, 18446744073709551615u);
}

InjectedError sample_error() {
  InjectedError e;
  e.type = CorruptionType::ClassFlip;
  e.track = "car \"1\"";
  e.frame = 4;
  e.timestamp_us = 1400000;
  e.parameters = {{"frames", 3}, {"last_frame", 6}};
  e.text_parameters = {{"from", "Car"}, {"to", "Truck"}};
  return e;
}

TEST(SimCorruptionErrors, WritesTheDocumentedJson) {
  InjectedError offset;
  offset.type = CorruptionType::CameraTimeOffset;
  offset.sensor = "CAM_FRONT";
  offset.timestamp_us = 1000000;
  offset.parameters = {{"offset_us", 25000}};
  EXPECT_EQ(injected_errors_json({sample_error(), offset}),
            R"({
  "format": "fuselabel-injected-errors",
  "version": 1,
  "errors": [
    {
      "type": "camera_time_offset",
      "track": "",
      "second_track": "",
      "frame": 0,
      "timestamp_us": 1000000,
      "sensor": "CAM_FRONT",
      "parameters": {
        "offset_us": 25000
      },
      "text_parameters": {}
    },
    {
      "type": "class_flip",
      "track": "car \"1\"",
      "second_track": "",
      "frame": 4,
      "timestamp_us": 1400000,
      "sensor": "",
      "parameters": {
        "frames": 3,
        "last_frame": 6
      },
      "text_parameters": {
        "from": "Car",
        "to": "Truck"
      }
    }
  ]
}
)");
  EXPECT_EQ(injected_errors_json({}),
            "{\n  \"format\": \"fuselabel-injected-errors\",\n  \"version\": 1,\n  \"errors\": []\n}\n");
}

TEST(SimCorruptionErrors, RoundTripsThroughTheFile) {
  const testing::TempDir dir;
  std::vector<InjectedError> errors = {sample_error()};
  InjectedError shift;
  shift.type = CorruptionType::IdSwitch;
  shift.track = "a";
  shift.second_track = "b\\c\t/";
  shift.frame = 9;
  shift.timestamp_us = -5;
  shift.parameters = {{"distance_m", 0.1 + 0.2}, {"tiny", 1e-300}, {"negative", -3.25e17}, {"zero", -0.0}};
  errors.push_back(shift);
  write_injected_errors(dir / "out/injected_errors.json", errors);
  const std::vector<InjectedError> back = read_injected_errors(dir / "out/injected_errors.json");
  ASSERT_EQ(back.size(), 2u);
  EXPECT_EQ(injected_errors_json(back), injected_errors_json(errors));
  EXPECT_EQ(back[0].track, "car \"1\"");
  EXPECT_EQ(back[1].second_track, "b\\c\t/");
  EXPECT_EQ(back[1].parameters.at("distance_m"), 0.1 + 0.2);  // shortest form still round-trips exactly
  EXPECT_EQ(back[1].parameters.at("tiny"), 1e-300);
  EXPECT_EQ(back[1].parameters.at("negative"), -3.25e17);
  EXPECT_TRUE(std::signbit(back[1].parameters.at("zero")));
  EXPECT_EQ(back[1].timestamp_us, -5);
}

TEST(SimCorruptionErrors, ReaderRejectsInvalidRecords) {
  const testing::TempDir dir;
  std::string good = injected_errors_json({sample_error()});
  const auto replaced = [&](const std::string& from, const std::string& to) {
    std::string text = good;
    const size_t at = text.find(from);
    EXPECT_NE(at, std::string::npos) << from;
    return text.replace(at, from.size(), to);
  };
  const struct {
    std::string json;
    const char* expected;
  } cases[] = {
      {replaced("fuselabel-injected-errors", "other"), ": format: expected \"fuselabel-injected-errors\""},
      {replaced("\"version\": 1", "\"version\": 2"), ": version: unsupported version 2"},
      {replaced("\"version\": 1", "\"version\": \"1\""), ": version: expected an integer"},
      {replaced("\"class_flip\"", "\"class_flop\""), ": errors[0].type: unknown error type 'class_flop'"},
      {replaced("\"frame\": 4", "\"frame\": \"4\""), ": errors[0].frame: expected an integer"},
      {replaced("\"frame\": 4", "\"frame\": 4.5"), ": errors[0].frame: expected an integer"},
      {replaced("\"frame\": 4", "\"frame\": -4"), ": errors[0].frame: must be >= 0"},
      {replaced("\"frame\": 4", "\"frame\": 4, \"frame\": 5"), "'frame': duplicate key"},
      {replaced("\"track\": \"car \\\"1\\\"\"", "\"track\": \"\""), ": errors[0].track: missing track id"},
      {replaced("\"track\": \"car \\\"1\\\"\"", "\"track\": 1"), ": errors[0].track: expected a string"},
      {replaced("\"second_track\": \"\"", "\"second_track\": \"x\""), ": errors[0].second_track: only ID switches"},
      {replaced("\"sensor\": \"\"", "\"sensor\": \"CAM\""), ": errors[0].sensor: must be empty for a 3D error"},
      {replaced("\"frames\": 3", "\"frames\": \"3\""), ": errors[0].parameters.frames: expected a number"},
      {replaced("\"to\": \"Truck\"", "\"to\": 5"), ": errors[0].text_parameters.to: expected a string"},
      {replaced(",\n      \"text_parameters\": {\n        \"from\": \"Car\",\n        \"to\": \"Truck\"\n      }", ""),
       ": errors[0].text_parameters: missing"},
      {replaced("\"frame\": 4", "\"frame\": 4, \"extra\": 1"), ": errors[0].extra: unknown key"},
      {replaced("\"version\": 1,", "\"version\": 1"), 
       "not valid JSON: [json.exception.parse_error.101] parse error at line 4"},
  };
  for (const auto& c : cases) {
    const fs::path file = write_text(dir, "injected_errors.json", c.json);
    try {
      read_injected_errors(file);
      ADD_FAILURE() << "accepted:\n" << c.json;
    } catch (const InputError& e) {
      EXPECT_NE(std::string(e.what()).find(c.expected), std::string::npos) << e.what();
      EXPECT_EQ(e.file(), file);
    }
  }
}

}  // namespace
}  // namespace fuselabel
