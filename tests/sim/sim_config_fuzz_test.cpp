// Mutation fuzzing of the simulator's inputs and answer key (fuzz_support.h): the drive config,
// the corruption profile and injected_errors.json only ever read or throw InputError.
#include <gtest/gtest.h>

#include "sim/corruption_errors.h"
#include "sim/corruption_profile.h"
#include "sim/sim_drive_config.h"
#include "fuzz_support.h"

namespace fuselabel {
namespace {

std::filesystem::path copy_of_sample_config(const testing::TempDir& dir, const std::string& name) {
  const std::filesystem::path copy = dir / name;
  testing::write_text(copy, testing::read_text(testing::source_dir() / "data-samples/configs" / name));
  return copy;
}

TEST(SimConfigFuzz, DriveConfigOnlyThrowsInputError) {
  const testing::TempDir dir;
  const std::filesystem::path file = copy_of_sample_config(dir, "sample.yaml");
  read_sim_drive_config(file);  // the valid config reads
  const int accepted = testing::fuzz_file(file, 400, 31, [&] { read_sim_drive_config(file); });
  EXPECT_GT(accepted, 0);  // e.g. edits inside comments
  EXPECT_LT(accepted, 400);
}

TEST(SimConfigFuzz, CorruptionProfileOnlyThrowsInputError) {
  const testing::TempDir dir;
  const std::filesystem::path file = copy_of_sample_config(dir, "corrupt-mixed.yaml");
  read_corruption_profile(file);
  const int accepted = testing::fuzz_file(file, 400, 32, [&] { read_corruption_profile(file); });
  EXPECT_GT(accepted, 0);
  EXPECT_LT(accepted, 400);
}

TEST(SimConfigFuzz, InjectedErrorsOnlyThrowInputError) {
  const testing::TempDir dir;
  InjectedError shift;
  shift.type = CorruptionType::BoxShift, shift.track = "car-1", shift.frame = 3, shift.timestamp_us = 1300000;
  shift.parameters = {{"distance_m", 0.75}, {"dx", 0.5}};
  InjectedError flip;
  flip.type = CorruptionType::ClassFlip, flip.track = "ped-2", flip.frame = 4, flip.timestamp_us = 1400000;
  flip.parameters = {{"frames", 3}}, flip.text_parameters = {{"from", "pedestrian"}, {"to", "cyclist"}};
  InjectedError offset;
  offset.type = CorruptionType::CameraTimeOffset, offset.sensor = "CAM_FRONT", offset.parameters = {{"offset_us", -25000}};
  const std::filesystem::path file = dir / "injected_errors.json";
  write_injected_errors(file, {shift, flip, offset});
  ASSERT_EQ(read_injected_errors(file).size(), 3u);
  const int accepted = testing::fuzz_file(file, 400, 33, [&] { read_injected_errors(file); });
  EXPECT_GT(accepted, 0);
  EXPECT_LT(accepted, 400);
}

}  // namespace
}  // namespace fuselabel
