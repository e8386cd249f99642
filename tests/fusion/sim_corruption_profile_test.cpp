#include <gtest/gtest.h>

#include <fstream>

#include "fusion/sim/corruption.h"
#include "io/input_error.h"
#include "test_support.h"

namespace fs = std::filesystem;

namespace fuselabel {
namespace {

fs::path sample_config(const std::string& name) { return testing::source_dir() / "data-samples/configs" / name; }

fs::path write_text(const testing::TempDir& dir, const std::string& name, const std::string& text) {
  std::ofstream(dir / name) << text;
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
       {&p.box_shift.amount, &p.yaw_flip.amount, &p.size_change.amount, &p.class_flip.amount, &p.id_switch.amount,
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
      {"seeed: 1\n", "line 1, key seeed: unknown key"},
      {"seed: -3\n", "key seed: '-3' is not a non-negative"},
      {"label_errors:\n  box_shiftt: {count: 1}\n", "line 2, key label_errors.box_shiftt: unknown label_errors type"},
      {"label_errors:\n  camera_extrinsic: {count: 1}\n", "key label_errors.camera_extrinsic: unknown"},
      {"label_errors:\n  box_shift: {count: 1, distance: [1, 2]}\n",
       "key label_errors.box_shift.distance: unknown key"},
      {"label_errors:\n  box_shift: {count: 1, rate: 0.1}\n", "key label_errors.box_shift: give either count or rate"},
      {"label_errors:\n  yaw_flip: {}\n", "key label_errors.yaw_flip: needs count"},
      {"label_errors:\n  yaw_flip: {count: 1.5}\n", "key label_errors.yaw_flip.count: '1.5' is not an integer"},
      {"label_errors:\n  yaw_flip: {count: -1}\n", "key label_errors.yaw_flip.count: -1 is outside"},
      {"label_errors:\n  yaw_flip: {rate: 1.5}\n", "key label_errors.yaw_flip.rate: 1.5 is outside"},
      {"label_errors:\n  box_shift: {count: 1, distance_m: [2, 1]}\n", "distance_m: min is greater than max"},
      {"label_errors:\n  box_shift: {count: 1, distance_m: 1}\n", "distance_m: expected [min, max]"},
      {"label_errors:\n  size_change: {count: 1, factor: [0.5, 1.5]}\n", "factor: 0.5 is outside"},
      {"label_errors:\n  class_flip: {count: 1}\n", "key label_errors.class_flip.classes: required"},
      {"label_errors:\n  inconsistent_2d: {count: 1, max_iou: nan}\n", "max_iou: 'nan' is not a finite number"},
      {"sensor_errors:\n  camera_time_offset: {count: 1, offset_us: [0.5, 2]}\n", "offset_us: '0.5' is not an integer"},
      {"sensor_errors:\n  camera_extrinsic: {count: 1, rotation_deg: [1, 200]}\n", "rotation_deg: 200 is outside"},
      {"sensor_errors:\n  box_shift: {count: 1}\n", "key sensor_errors.box_shift: unknown sensor_errors type"},
      {"label_errors: [box_shift]\n", "key label_errors: expected a mapping"},
      {"label_errors:\n  yaw_flip: {count: 1}\n  yaw_flip: {count: 2}\n", "line 3, key label_errors.yaw_flip: duplicate key"},
      {"label_errors:\n  box_shift: {count: 1\n", "line 3"},
  };
  for (const auto& c : cases) {
    const std::string message = profile_error(c.yaml);
    EXPECT_NE(message.find(c.expected), std::string::npos) << c.yaml << "\n-> " << message;
    EXPECT_NE(message.find("profile.yaml"), std::string::npos) << message;
  }
  EXPECT_THROW(read_corruption_profile("/nonexistent/profile.yaml"), InputError);
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
            "{\n  \"format\": \"fuselabel-injected-errors\",\n  \"version\": 1,\n  \"errors\": [\n"
            "    {\"type\": \"camera_time_offset\", \"track\": \"\", \"second_track\": \"\", \"frame\": 0, "
            "\"timestamp_us\": 1000000, \"sensor\": \"CAM_FRONT\",\n"
            "     \"parameters\": {\"offset_us\": 25000}, \"text_parameters\": {}},\n"
            "    {\"type\": \"class_flip\", \"track\": \"car \\\"1\\\"\", \"second_track\": \"\", \"frame\": 4, "
            "\"timestamp_us\": 1400000, \"sensor\": \"\",\n"
            "     \"parameters\": {\"frames\": 3, \"last_frame\": 6}, \"text_parameters\": {\"from\": \"Car\", \"to\": "
            "\"Truck\"}}\n  ]\n}\n");
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
  shift.parameters = {{"distance_m", 0.1 + 0.2}, {"tiny", 1e-300}, {"negative", -3.25e17}};
  errors.push_back(shift);
  write_injected_errors(dir / "out/injected_errors.json", errors);
  const std::vector<InjectedError> back = read_injected_errors(dir / "out/injected_errors.json");
  ASSERT_EQ(back.size(), 2u);
  EXPECT_EQ(injected_errors_json(back), injected_errors_json(errors));
  EXPECT_EQ(back[0].track, "car \"1\"");
  EXPECT_EQ(back[1].second_track, "b\\c\t/");
  EXPECT_EQ(back[1].parameters.at("distance_m"), 0.1 + 0.2);  // shortest form still round-trips exactly
  EXPECT_EQ(back[1].parameters.at("tiny"), 1e-300);
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
      {replaced("fuselabel-injected-errors", "other"), "key format: expected"},
      {replaced("\"version\": 1", "\"version\": 2"), "key version: 2 is outside"},
      {replaced("\"class_flip\"", "\"class_flop\""), "key errors[0].type: unknown error type"},
      {replaced("\"frame\": 4", "\"frame\": \"4\""), "key errors[0].frame: expected a JSON number"},
      {replaced("\"frame\": 4", "\"frame\": -4"), "key errors[0].frame: -4 is outside"},
      {replaced("\"track\": \"car \\\"1\\\"\"", "\"track\": \"\""), "key errors[0].track: missing track id"},
      {replaced("\"second_track\": \"\"", "\"second_track\": \"x\""), "key errors[0].second_track: only ID switches"},
      {replaced("\"sensor\": \"\"", "\"sensor\": \"CAM\""), "key errors[0].sensor: must be empty for a 3D error"},
      {replaced("\"frames\": 3", "\"frames\": \"3\""), "key errors[0].parameters.frames: expected a JSON number"},
      {replaced("\"to\": \"Truck\"", "\"to\": 5"), "key errors[0].text_parameters.to: expected a JSON string"},
      {replaced(", \"text_parameters\": {\"from\": \"Car\", \"to\": \"Truck\"}", ""),
       "key errors[0].text_parameters: missing"},
      {replaced("\"frame\": 4", "\"frame\": 4, \"extra\": 1"), "key errors[0].extra: unknown key"},
      {replaced("}}\n  ]", "}\n  ]"), "injected_errors.json: line"},
  };
  for (const auto& c : cases) {
    const fs::path file = write_text(dir, "injected_errors.json", c.json);
    try {
      read_injected_errors(file);
      ADD_FAILURE() << "accepted:\n" << c.json;
    } catch (const InputError& e) {
      EXPECT_NE(std::string(e.what()).find(c.expected), std::string::npos) << e.what();
    }
  }
}

}  // namespace
}  // namespace fuselabel
