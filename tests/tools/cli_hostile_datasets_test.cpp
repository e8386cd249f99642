// Hostile input in KITTI object, KITTI tracking and nuScenes folders: one message naming file
// and field, exit 2, nothing written (issue 10). Inputs are generated from the committed KITTI
// sample and the test fixtures, then broken one way each.
#include "cli_hostile_support.h"
#include "io/kitti/kitti_tracking_test_fixture.h"
#include "io/nuscenes/nuscenes_fixture.h"

namespace fuselabel {
namespace {

namespace fs = std::filesystem;
using testing::expect_refused;
using nlohmann::json;

fs::path copy_of_kitti_object(const testing::TempDir& scratch) {
  return testing::copy_of(testing::source_dir() / "data-samples/kitti-object/training", scratch / "training");
}

std::vector<std::string> project(const fs::path& drive, const std::string& frame, const fs::path& out,
                                 std::vector<std::string> selectors = {}) {
  std::vector<std::string> args = {"project", "--drive", drive.string(), "--frame", frame, "--out", out.string()};
  args.insert(args.end(), selectors.begin(), selectors.end());
  return args;
}

// The PNG with its IHDR claiming width x height (its CRC no longer matches).
void claim_png_size(const fs::path& png, uint32_t width, uint32_t height) {
  std::string bytes = testing::read_text(png);
  for (int i = 0; i < 4; ++i) {
    bytes[16 + i] = static_cast<char>(width >> (24 - 8 * i));
    bytes[20 + i] = static_cast<char>(height >> (24 - 8 * i));
  }
  testing::write_text(png, bytes);
}

TEST(CliHostileKitti, PngHeaderClaimingAHugeImage) {
  for (const uint32_t side : {100000u, 30000u}) {
    const testing::TempDir scratch;
    const fs::path training = copy_of_kitti_object(scratch);
    claim_png_size(training / "image_2/000000.png", side, side);
    expect_refused(project(training, "000000", scratch / "out"), {"000000.png", "FUSELABEL_MAX_IMAGE_SIDE"},
                   scratch / "out");
  }
}

TEST(CliHostileKitti, LabelValueBeyondFloatRange) {
  const testing::TempDir scratch;
  const fs::path training = copy_of_kitti_object(scratch);
  testing::replace_in_file(training / "label_2/000000.txt", "-5.64", "1e300");
  expect_refused(project(training, "000000", scratch / "out"), {"label_2/000000.txt", "line 1"}, scratch / "out");
}

TEST(CliHostileKitti, ObjectFolderWithoutCalibration) {
  const testing::TempDir scratch;
  const fs::path training = copy_of_kitti_object(scratch);
  fs::remove_all(training / "calib");
  expect_refused({"info", "--drive", training.string()}, {"calib"});
}

TEST(CliHostileKitti, SelectorTheLayoutDoesNotTake) {
  const fs::path training = testing::source_dir() / "data-samples/kitti-object/training";
  expect_refused({"info", "--drive", training.string(), "--sequence", "0005"}, {"--sequence", "KITTI object"});
}

TEST(CliHostileKitti, TrackingDontCareWithATrackId) {
  const testing::TempDir scratch;
  testing::write_sequence(scratch / "training", "0000", {});
  testing::replace_in_file(scratch / "training/label_02/0000.txt", "0 -1 DontCare", "0 7 DontCare");
  expect_refused({"info", "--drive", (scratch / "training").string(), "--sequence", "0000"},
                 {"label_02/0000.txt", "line 1", "DontCare"});
}

class CliHostileNuscenes : public ::testing::Test {
 protected:
  void SetUp() override {
    fixture_.root = scratch_ / "nuscenes";
    testing::write_nuscenes_fixture(fixture_);
  }
  std::vector<std::string> project_sample0() {
    return project(fixture_.root, "0", scratch_ / "out", {"--version", "v1.0-mini", "--scene", "scene-0061"});
  }
  void expect_project_refused(const std::vector<std::string>& expected) {
    expect_refused(project_sample0(), expected, scratch_ / "out");
  }
  // Every radar file of the fixture rewritten by `edit`.
  template <typename Edit>
  void edit_radar_files(Edit edit) {
    for (const json* row : fixture_.channel_rows("RADAR_FRONT")) {
      const fs::path file = fixture_.blob(*row);
      testing::write_text(file, edit(testing::read_text(file)));
    }
  }
  testing::TempDir scratch_;
  testing::NuscenesFixture fixture_;
};

std::string with_line(std::string pcd, const std::string& key, const std::string& value) {
  const size_t at = pcd.find("\n" + key + " ") + 1, end = pcd.find('\n', at);
  return pcd.replace(at, end - at, key + " " + value);
}

TEST_F(CliHostileNuscenes, RadarPcdClaimingMorePointsThanItHolds) {
  for (const char* width : {"200000000", "4294967295"}) {
    edit_radar_files([&](const std::string& pcd) { return with_line(with_line(pcd, "WIDTH", width), "POINTS", width); });
    expect_project_refused({".pcd", "WIDTH"});
  }
}

TEST_F(CliHostileNuscenes, RadarPcdAsciiRowsThatAreNotNumbers) {
  edit_radar_files([](const std::string& pcd) {
    std::string header = with_line(with_line(pcd.substr(0, pcd.find("DATA binary")), "WIDTH", "2"), "POINTS", "2");
    std::string row = "a b c";
    for (int i = 3; i < 18; ++i) row += " 0";
    return header + "DATA ascii\n" + row + "\n" + row + "\n";
  });
  expect_project_refused({".pcd", "line 12"});
}

TEST_F(CliHostileNuscenes, CameraClaimingAHugeImage) {
  for (json* row : fixture_.channel_rows("CAM_FRONT")) (*row)["width"] = (*row)["height"] = 100000;
  fixture_.write_table("sample_data");
  expect_project_refused({"sample_data.json", "width", "FUSELABEL_MAX_IMAGE_SIDE"});
  for (json* row : fixture_.channel_rows("CAM_FRONT")) (*row)["width"] = 4294967297;  // 1 once narrowed to int
  fixture_.write_table("sample_data");
  expect_project_refused({"sample_data.json", "width", "pixel count"});
}

TEST_F(CliHostileNuscenes, DuplicatedRecordTokenAndDuplicatedKey) {
  fixture_.tables["sample_data"].push_back(fixture_.tables["sample_data"][0]);
  fixture_.write_table("sample_data");
  expect_project_refused({"sample_data.json", "duplicate"});
  fixture_.tables["sample_data"].erase(fixture_.tables["sample_data"].size() - 1);
  fixture_.write_table("sample_data");
  testing::replace_in_file(fixture_.table_path("scene"), "\"name\":", "\"name\": \"scene-0061\",\"name\":");
  expect_project_refused({"scene.json", "duplicate", "name"});
}

TEST_F(CliHostileNuscenes, JsonSyntaxErrorNamesItsPosition) {
  const std::string text = testing::read_text(fixture_.table_path("sample"));
  testing::write_text(fixture_.table_path("sample"), text.substr(0, text.size() / 2));
  expect_project_refused({"sample.json", "line"});
}

TEST_F(CliHostileNuscenes, FilenameLeavingTheDataroot) {
  (*fixture_.channel_rows("CAM_FRONT").front())["filename"] = "../../../../../../../etc/hostname";
  fixture_.write_table("sample_data");
  expect_project_refused({"sample_data.json", "filename", "leaves the drive root"});
}

}  // namespace
}  // namespace fuselabel
