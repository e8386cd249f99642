#include "io/common/point_file.h"

#include <gtest/gtest.h>

#include <cmath>
#include <limits>

#include "io/io_test_support.h"

namespace fuselabel {
namespace {

using testing::expect_input_error;
using testing::TempDir;

const std::vector<std::string> kXyzi = {"x", "y", "z", "intensity"};

TEST(PointFile, RoundTripIsBitExact) {
  TempDir dir;
  const std::vector<float> records = {1.5f, -2.25f, 0.125f, 0.f, 1e-30f, 3e30f, -0.f, 1.f};
  write_float_records(dir / "points.bin", records, 4);
  EXPECT_EQ(std::filesystem::file_size(dir / "points.bin"), records.size() * sizeof(float));
  const std::vector<float> read = read_float_records(dir / "points.bin", kXyzi);
  ASSERT_EQ(read.size(), records.size());
  for (size_t i = 0; i < records.size(); ++i) EXPECT_EQ(std::signbit(read[i]), std::signbit(records[i]));
  EXPECT_EQ(read, records);
}

TEST(PointFile, EmptyFileHasNoRecords) {
  TempDir dir;
  write_float_records(dir / "empty.bin", {}, 4);
  EXPECT_TRUE(read_float_records(dir / "empty.bin", kXyzi).empty());
}

TEST(PointFile, TruncatedFileIsRejected) {
  TempDir dir;
  write_float_records(dir / "cut.bin", std::vector<float>(8, 1.f), 4);
  std::filesystem::resize_file(dir / "cut.bin", 30);
  expect_input_error([&] { read_float_records(dir / "cut.bin", kXyzi); },
                     {"cut.bin", "truncated", "30 bytes is not a whole number of 16-byte records"});
}

TEST(PointFile, NaNNamesRecordAndField) {
  TempDir dir;
  std::vector<float> records(4 * 10, 1.f);
  records[4 * 7 + 2] = std::numeric_limits<float>::quiet_NaN();
  write_float_records(dir / "nan.bin", records, 4);
  expect_input_error([&] { read_float_records(dir / "nan.bin", kXyzi); },
                     {"nan.bin", "record 7 (byte offset 112), field z", "NaN"});
}

TEST(PointFile, InfinityNamesRecordAndField) {
  TempDir dir;
  std::vector<float> records(4 * 3, 1.f);
  records[4 * 1 + 3] = -std::numeric_limits<float>::infinity();
  write_float_records(dir / "inf.bin", records, 4);
  expect_input_error([&] { read_float_records(dir / "inf.bin", kXyzi); },
                     {"inf.bin", "record 1", "field intensity", "infinite"});
}

TEST(PointFile, MissingFileIsAnInputError) {
  TempDir dir;
  expect_input_error([&] { read_float_records(dir / "absent.bin", kXyzi); }, {"absent.bin", "no such file"});
  expect_input_error([&] { read_float_records(dir.path(), kXyzi); }, {"not a regular file"});
}

TEST(PointFile, WriterRejectsPartialRecords) {
  TempDir dir;
  EXPECT_THROW(write_float_records(dir / "bad.bin", {1.f, 2.f, 3.f}, 4), std::invalid_argument);
  EXPECT_THROW(write_float_records(dir / "bad.bin", {1.f}, 0), std::invalid_argument);
  EXPECT_FALSE(std::filesystem::exists(dir / "bad.bin"));
}

TEST(PointFile, RealKittiSweep) {
  FL_REQUIRE_SHARED_DATA("kitti-object/training/velodyne/000008.bin");
  const auto records = read_float_records(testing::shared_data("kitti-object/training/velodyne/000008.bin"), kXyzi);
  ASSERT_EQ(records.size(), 17238u * 4);
  // A Velodyne HDL-64E sweep: ranges up to ~120 m, intensity in [0, 1].
  for (size_t i = 0; i < records.size(); i += 4) {
    ASSERT_LT(std::hypot(records[i], records[i + 1], records[i + 2]), 130.f);
    ASSERT_GE(records[i + 3], 0.f);
    ASSERT_LE(records[i + 3], 1.f);
  }
}

}  // namespace
}  // namespace fuselabel
