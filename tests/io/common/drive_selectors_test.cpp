// A selector the drive's layout does not take is refused naming the selector and the layout, for
// every layout (tools pass every selector's option, empty when not given).
#include <gtest/gtest.h>

#include "io/drive_reader.h"
#include "io/io_test_support.h"
#include "io/kitti/kitti_tracking_test_fixture.h"
#include "io/native/native_drive_fixture.h"
#include "io/nuscenes/nuscenes_fixture.h"

namespace fuselabel {
namespace {

using testing::expect_input_error;

DriveOptions with_selectors(const std::filesystem::path& path, std::map<std::string, std::string> selectors) {
  DriveOptions options;
  options.path = path;
  options.selectors = std::move(selectors);
  return options;
}

TEST(DriveSelectors, NativeTakesOnlyLabels) {
  testing::TempDir dir;
  testing::write_sample_drive(dir.path());
  expect_input_error([&] { open_drive(with_selectors(dir.path(), {{"scene", "scene-0061"}, {"labels", ""}})); },
                     {dir.path().string(), "--scene scene-0061", "does not apply to a native drive (it takes --labels)"});
  EXPECT_NO_THROW(open_drive(with_selectors(dir.path(), {{"scene", ""}, {"labels", "keyframes"}})));
}

TEST(DriveSelectors, NuscenesTakesVersionAndScene) {
  testing::TempDir dir;
  testing::NuscenesFixture f;
  f.root = dir.path();
  testing::write_nuscenes_fixture(f);
  DriveOptions options = f.scene_options();
  options.selectors["sequence"] = "0005";
  expect_input_error([&] { open_drive(options); },
                     {"--sequence 0005", "does not apply to a nuScenes drive (it takes --version, --scene)"});
}

TEST(DriveSelectors, KittiTrackingTakesSequence) {
  testing::TempDir dir;
  testing::write_sequence(dir.path(), "0000", {});
  expect_input_error([&] { open_drive(with_selectors(dir.path(), {{"sequence", "0"}, {"labels", "label_02"}})); },
                     {"--labels label_02", "does not apply to a KITTI tracking drive (it takes --sequence)"});
  EXPECT_EQ(open_drive(with_selectors(dir.path(), {{"sequence", "0"}, {"labels", ""}}))->format(), "kitti-tracking");
}

TEST(DriveSelectors, SelectorsNoLayoutTakesAreRefusedToo) {
  testing::TempDir dir;
  testing::write_sample_drive(dir.path());
  expect_input_error([&] { open_drive(with_selectors(dir.path(), {{"frames", "1-3"}})); },
                     {"--frames 1-3", "does not apply to a native drive"});
}

}  // namespace
}  // namespace fuselabel
