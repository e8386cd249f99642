// Mutation fuzzing of the native drive's text files (fuzz_support.h).
#include <gtest/gtest.h>

#include "io/native/native_drive.h"
#include "fuzz_support.h"
#include "io/io_test_support.h"
#include "native_drive_fixture.h"

namespace fuselabel {
namespace {

TEST(NativeDriveFuzz, DriveYamlOnlyThrowsInputError) {
  testing::TempDir dir;
  testing::write_sample_drive(dir.path());
  const int accepted = testing::fuzz_file(dir / "drive.yaml", 500, 2024, [&] { read_native_drive(dir.path()); });
  EXPECT_GT(accepted, 0);  // e.g. digit flips in numbers stay valid
  EXPECT_LT(accepted, 500);
}

TEST(NativeDriveFuzz, LabelJsonOnlyThrowsInputError) {
  testing::TempDir dir;
  const testing::SampleDrive sample = testing::write_sample_drive(dir.path());
  const std::filesystem::path file = dir / "labels/ground_truth.json";
  const int accepted = testing::fuzz_file(file, 500, 7, [&] { read_label_set(file, sample.drive); });
  EXPECT_GT(accepted, 0);
  EXPECT_LT(accepted, 500);
}

TEST(NativeDriveFuzz, CsvFilesOnlyThrowInputError) {
  testing::TempDir dir;
  testing::write_sample_drive(dir.path());
  const int poses = testing::fuzz_file(dir / "ego_poses.csv", 300, 11, [&] { read_native_drive(dir.path()); });
  const int index = testing::fuzz_file(dir / "sensors/CAM_FRONT/index.csv", 300, 13, [&] { read_native_drive(dir.path()); });
  EXPECT_GT(poses + index, 0);
  EXPECT_LT(poses, 300);
}

}  // namespace
}  // namespace fuselabel
