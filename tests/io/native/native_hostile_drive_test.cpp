// Hostile native drives: file references leaving the drive, repeated keys in drive.yaml and the
// label JSON, numbers beyond the coordinate and size ranges, and more labels than the limit are
// each one InputError naming the file and the line, field or JSON path.
#include <gtest/gtest.h>

#include <algorithm>

#include "io/common/input_limit_child.h"
#include "io/common/json_field.h"
#include "io/io_test_support.h"
#include "io/native/native_drive.h"
#include "io/native/native_drive_reader.h"
#include "native_drive_fixture.h"

namespace fuselabel {
namespace {

using testing::expect_input_error;

class NativeHostileDrive : public ::testing::Test {
 protected:
  void SetUp() override { testing::write_sample_drive(dir_.path()); }

  // Replaces the first occurrence of `from` in a drive file (which must contain it).
  std::string edit(const std::string& file, const std::string& from, const std::string& to) {
    std::string text = testing::read_text(dir_ / file);
    const size_t at = text.find(from);
    EXPECT_NE(at, std::string::npos) << "'" << from << "' not in " << file;
    if (at != std::string::npos) testing::write_text(dir_ / file, text.replace(at, from.size(), to));
    return text;
  }
  // Rewrites the ground truth label set after `change` edited its JSON.
  void edit_labels(const std::function<void(nlohmann::json&)>& change) {
    const std::filesystem::path file = dir_ / "labels/ground_truth.json";
    nlohmann::json json = parse_json_file(file);
    change(json);
    testing::write_text(file, json.dump(1));
  }
  void expect_reader_error(const std::vector<std::string>& mentions) {
    expect_input_error([&] { NativeDriveReader reader(dir_.path()); }, mentions);
  }
  std::string line_of(const std::string& file, const std::string& what) {
    const std::string text = testing::read_text(dir_ / file);
    return "line " + std::to_string(1 + std::count(text.begin(), text.begin() + std::ptrdiff_t(text.find(what)), '\n'));
  }

  testing::TempDir dir_;
};

TEST_F(NativeHostileDrive, IndexRowsStayInsideTheDrive) {
  const std::string index = "sensors/LIDAR_TOP/index.csv";
  const std::string text = testing::read_text(dir_ / index);
  const size_t comma = text.find(',', text.find('\n'));
  const std::string first_file = text.substr(comma + 1, text.find('\n', comma) - comma - 1);
  edit(index, first_file, "../../etc/hostname");
  expect_reader_error({index, "line 2, column file", "leaves the drive root", "'../../etc/hostname'"});
  edit(index, "../../etc/hostname", "/etc/hostname");
  expect_reader_error({index, "line 2, column file", "must be relative to the drive root, not absolute"});
  edit(index, "/etc/hostname", "sensors/../" + first_file);  // inside the drive after all
  EXPECT_NO_THROW(NativeDriveReader reader(dir_.path()));
}

TEST_F(NativeHostileDrive, DriveYamlReferencesStayInsideTheDrive) {
  edit("drive.yaml", "labels/ground_truth.json", "labels/../../ground_truth.json");
  expect_reader_error({"drive.yaml", "label_sets.ground_truth (" + line_of("drive.yaml", "ground_truth.json") + ")",
                       "leaves the drive root"});
}

TEST_F(NativeHostileDrive, RepeatedKeyInDriveYamlNamesKeyAndBothLines) {
  const std::string text = testing::read_text(dir_ / "drive.yaml");
  testing::write_text(dir_ / "drive.yaml", text + "name: another\n");
  const auto lines = std::count(text.begin(), text.end(), '\n');
  expect_reader_error({"drive.yaml", "name (line " + std::to_string(lines + 1) + ")",
                       "duplicate key 'name' (first at " + line_of("drive.yaml", "name:") + ")"});
}

TEST_F(NativeHostileDrive, RepeatedKeyInALabelSetNamesPathAndBothPlaces) {
  edit("labels/ground_truth.json", "\"size\": [4.5, 1.9, 1.6]", "\"size\": [4.5, 1.9, 1.6], \"size\": [1, 1, 1]");
  expect_reader_error({"ground_truth.json: boxes[0], " + line_of("labels/ground_truth.json", "\"size\""),
                       "key 'size': duplicate key in one object (first at " +
                           line_of("labels/ground_truth.json", "\"size\"")});
}

TEST_F(NativeHostileDrive, BoxNumbersLieInTheCoordinateAndSizeRanges) {
  edit_labels([](nlohmann::json& j) { j["boxes"][0]["center"][1] = 1e300; });
  expect_reader_error(
      {"ground_truth.json", "boxes[0].center[1]", "1e+300 is out of range: coordinates lie within +-100000000 m"});
  testing::write_sample_drive(dir_.path());
  edit_labels([](nlohmann::json& j) { j["boxes"][1]["size"][2] = 1e5; });
  expect_reader_error({"ground_truth.json", "boxes[1].size[2]", "100000 is not a box size: sizes lie in (0, 10000] m"});
  testing::write_sample_drive(dir_.path());
  edit_labels([](nlohmann::json& j) { j["boxes_2d"][0]["box"][3] = 1e300; });
  expect_reader_error({"ground_truth.json", "boxes_2d[0].box[3]", "out of range"});
}

TEST_F(NativeHostileDrive, PoseAndExtrinsicTranslationsLieInTheCoordinateRange) {
  const std::string poses = testing::read_text(dir_ / "ego_poses.csv");
  const size_t row = poses.find('\n') + 1;
  const size_t x = poses.find(',', row) + 1;
  testing::write_text(dir_ / "ego_poses.csv", poses.substr(0, x) + "1e300" + poses.substr(poses.find(',', x)));
  expect_reader_error({"ego_poses.csv", "line 2, column x", "1e+300 is out of range"});
  testing::write_sample_drive(dir_.path());
  edit("drive.yaml", "T_ego_sensor: {translation: [", "T_ego_sensor: {translation: [-1e300, ");
  const std::string text = testing::read_text(dir_ / "drive.yaml");
  const size_t open = text.find("translation: [-1e300, ") + 22;
  testing::write_text(dir_ / "drive.yaml", text.substr(0, open) + text.substr(text.find(',', open) + 2));
  expect_reader_error({"drive.yaml", "sensors[0].T_ego_sensor.translation[0]", "-1e+300 is out of range"});
}

TEST_F(NativeHostileDrive, LabelsBeyondTheLimit) {
  testing::expect_input_error_under_limit(
      "FUSELABEL_MAX_LABELS_PER_FILE", "2", [&] { NativeDriveReader reader(dir_.path()); },
      {"ground_truth.json: boxes: labels ", "exceeds the limit of 2 (raise it with FUSELABEL_MAX_LABELS_PER_FILE)"});
}

}  // namespace
}  // namespace fuselabel
