// `fuselabel corrupt`: a profile's label errors on the labels of any drive, written back in the
// drive's own format, with injected_errors.json naming exactly what changed.
#include <gtest/gtest.h>

#include <cmath>
#include <map>

#include "io/drive_reader.h"
#include "io/kitti/kitti_tracking_test_fixture.h"
#include "io/native/native_drive.h"
#include "io/nuscenes/nuscenes_fixture.h"
#include "sim/corruption_errors.h"
#include "tools/cli_support.h"

namespace fuselabel {
namespace {

namespace fs = std::filesystem;

fs::path write_profile(const fs::path& dir, const std::string& errors) {
  testing::write_text(dir / "profile.yaml", "seed: 5\n" + errors);
  return dir / "profile.yaml";
}

std::map<std::pair<std::string, int64_t>, Cuboidd> boxes_by_track_frame(const LabelSet& labels) {
  std::map<std::pair<std::string, int64_t>, Cuboidd> out;
  for (const CuboidLabel& b : labels.boxes) out[{b.track_id, b.frame}] = b.box;
  return out;
}

double centre_distance(const Cuboidd& a, const Cuboidd& b) {
  const Vec3<double> d = a.center - b.center;
  return std::sqrt(dot(d, d));
}

// Every box of `corrupted` is where `truth` has it, but the one box_shift `error` moved, which
// moved by the injected distance; `tolerance` is the format's rounding.
void expect_only_the_shift(const LabelSet& truth, const LabelSet& corrupted, const InjectedError& error,
                           double tolerance) {
  ASSERT_EQ(error.type, CorruptionType::BoxShift);
  const auto before = boxes_by_track_frame(truth), after = boxes_by_track_frame(corrupted);
  ASSERT_EQ(before.size(), after.size());
  for (const auto& [key, box] : before) {
    const double moved = centre_distance(box, after.at(key));
    if (key == std::make_pair(error.track, error.frame))
      EXPECT_NEAR(moved, error.parameters.at("distance_m"), 2 * tolerance + 1e-9);
    else
      EXPECT_LE(moved, tolerance) << key.first << "@" << key.second;
  }
}

TEST(CliCorrupt, KittiObjectLabelsWrittenBackWithOnlyTheInjectedChange) {
  const testing::TempDir dir;
  const fs::path training = testing::source_dir() / "data-samples/kitti-object/training";
  const fs::path profile = write_profile(dir.path(), "label_errors:\n  box_shift:\n    count: 1\n    distance_m: [1.0, 1.5]\n");
  const testing::CliRun run = testing::run_cli("corrupt --drive " + training.string() + " --profile " + profile.string() +
                                               " --out " + (dir / "out").string());
  ASSERT_EQ(run.exit_code, 0) << run.output;
  const std::vector<InjectedError> errors = read_injected_errors(dir / "out/injected_errors.json");
  ASSERT_EQ(errors.size(), 1u);
  fs::copy(training, dir / "corrupted", fs::copy_options::recursive);
  fs::copy_file(dir / "out/label_2/000000.txt", dir / "corrupted/label_2/000000.txt", fs::copy_options::overwrite_existing);
  // Untracked labels: the box is known by its (empty track, frame) only when it is the frame's
  // only one, so compare by label id instead.
  const LabelSet truth = open_drive(training)->drive().labels;
  const LabelSet corrupted = open_drive(dir / "corrupted")->drive().labels;
  ASSERT_EQ(truth.boxes.size(), corrupted.boxes.size());
  int moved = 0;
  for (size_t i = 0; i < truth.boxes.size(); ++i) {
    ASSERT_EQ(truth.boxes[i].id, corrupted.boxes[i].id);
    const double d = centre_distance(truth.boxes[i].box, corrupted.boxes[i].box);
    if (d > 0.02) {
      ++moved;
      EXPECT_NEAR(d, errors[0].parameters.at("distance_m"), 0.02) << truth.boxes[i].id;
    }
  }
  EXPECT_EQ(moved, 1);
}

TEST(CliCorrupt, KittiTrackingLabelsWrittenBackWithOnlyTheInjectedChanges) {
  const testing::TempDir dir;
  testing::write_sequence(dir / "in", "0003", {});
  const fs::path profile = write_profile(dir.path(), "label_errors:\n  box_shift:\n    count: 1\n    distance_m: [1.0, 1.5]\n");
  const testing::CliRun run = testing::run_cli("corrupt --drive " + (dir / "in").string() + " --sequence 3 --profile " +
                                               profile.string() + " --out " + (dir / "out").string());
  ASSERT_EQ(run.exit_code, 0) << run.output;
  const std::vector<InjectedError> errors = read_injected_errors(dir / "out/injected_errors.json");
  ASSERT_EQ(errors.size(), 1u);
  EXPECT_EQ(errors[0].type, CorruptionType::BoxShift);

  // The corrupted labels read back as the sequence's own label file.
  fs::copy(dir / "in", dir / "corrupted", fs::copy_options::recursive);
  fs::copy_file(dir / "out/label_02/0003.txt", dir / "corrupted/label_02/0003.txt", fs::copy_options::overwrite_existing);
  // KITTI keeps 2 decimals.
  expect_only_the_shift(testing::open_sequence(dir / "in", "0003")->drive().labels,
                        testing::open_sequence(dir / "corrupted", "0003")->drive().labels, errors[0], 0.01);
  EXPECT_EQ(testing::read_text(dir / "in/label_02/0003.txt"), testing::kTrackingLabels);  // input untouched
}

TEST(CliCorrupt, ErrorsTheFormatCannotHoldAreRefusedNamingTheProfile) {
  const testing::TempDir dir;
  testing::write_sequence(dir / "in", "0003", {});
  const std::string drive = "corrupt --drive " + (dir / "in").string() + " --sequence 3 --out " + (dir / "out").string();
  const fs::path missing_3d = write_profile(dir.path(), "label_errors:\n  missing_3d:\n    count: 1\n");
  testing::CliRun run = testing::run_cli(drive + " --profile " + missing_3d.string());
  EXPECT_EQ(run.exit_code, 2) << run.output;
  EXPECT_NE(run.output.find("label_errors"), std::string::npos) << run.output;
  EXPECT_NE(run.output.find("one line"), std::string::npos) << run.output;
  EXPECT_FALSE(fs::exists(dir / "out"));

  const fs::path sensor = write_profile(dir.path(), "sensor_errors:\n  camera_time_offset:\n    count: 1\n");
  run = testing::run_cli(drive + " --profile " + sensor.string());
  EXPECT_EQ(run.exit_code, 2) << run.output;
  EXPECT_NE(run.output.find("sensor_errors"), std::string::npos) << run.output;
  EXPECT_FALSE(fs::exists(dir / "out"));
}

TEST(CliCorrupt, NuscenesSceneTablesWrittenBackWithOnlyTheInjectedChanges) {
  const testing::TempDir dir;
  testing::NuscenesFixture fixture;
  fixture.root = dir / "nuscenes";
  testing::write_nuscenes_fixture(fixture);
  const fs::path profile = write_profile(dir.path(), "label_errors:\n  box_shift:\n    count: 1\n");
  const testing::CliRun run =
      testing::run_cli("corrupt --drive " + fixture.root.string() + " --version v1.0-mini --scene scene-0061 --profile " +
                       profile.string() + " --out " + (dir / "out").string());
  ASSERT_EQ(run.exit_code, 0) << run.output;
  const std::vector<InjectedError> errors = read_injected_errors(dir / "out/injected_errors.json");
  ASSERT_EQ(errors.size(), 1u);
  for (const char* table : {"sample_annotation.json", "instance.json"})
    ASSERT_TRUE(fs::exists(dir / "out/v1.0-mini" / table)) << table;

  // The written tables overlaid on a copy of the dataroot open as the corrupted scene.
  fs::copy(fixture.root, dir / "corrupted", fs::copy_options::recursive);
  for (const char* table : {"sample_annotation.json", "instance.json"})
    fs::copy_file(dir / "out/v1.0-mini" / table, dir / "corrupted/v1.0-mini" / table, fs::copy_options::overwrite_existing);
  testing::NuscenesFixture corrupted_root = fixture;
  corrupted_root.root = dir / "corrupted";
  expect_only_the_shift(open_drive(fixture.scene_options())->drive().labels,
                        open_drive(corrupted_root.scene_options())->drive().labels, errors[0], 0.0);
}

TEST(CliCorrupt, NativeDriveGetsACorruptedLabelSet) {
  const testing::TempDir dir;
  const fs::path sample = testing::source_dir() / "data-samples/drive";
  const fs::path profile = testing::source_dir() / "data-samples/configs/corrupt-mixed.yaml";
  // The mixed profile has sensor errors: keep its label errors only.
  std::string text = testing::read_text(profile);
  text = text.substr(0, text.find("sensor_errors:"));
  testing::write_text(dir / "labels.yaml", text);
  const testing::CliRun run = testing::run_cli("corrupt --drive " + sample.string() + " --profile " +
                                               (dir / "labels.yaml").string() + " --out " + (dir / "out").string());
  ASSERT_EQ(run.exit_code, 0) << run.output;
  const NativeDrive drive = read_native_drive(sample);
  const LabelSet corrupted = read_label_set(dir / "out/labels/corrupted.json", drive);
  const LabelSet truth = read_label_set(sample / "labels/ground_truth.json", drive);
  const std::vector<InjectedError> errors = read_injected_errors(dir / "out/injected_errors.json");
  EXPECT_GE(errors.size(), 10u);
  int64_t removed_3d = 0;
  for (const InjectedError& e : errors) removed_3d += e.type == CorruptionType::Missing3D;
  EXPECT_EQ(int64_t(corrupted.boxes.size()), int64_t(truth.boxes.size()) - removed_3d);
}

}  // namespace
}  // namespace fuselabel
