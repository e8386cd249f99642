// Mutation fuzzing of the KITTI object and tracking readers and the point file reader (fuzz_support.h).
#include <gtest/gtest.h>

#include "io/kitti/kitti_object.h"
#include "io/kitti/kitti_object_writer.h"
#include "io/kitti/kitti_oxts.h"
#include "io/kitti/kitti_tracking.h"
#include "io/common/point_file.h"
#include "fuzz_support.h"
#include "io/io_test_support.h"
#include "io/kitti/kitti_tracking_test_fixture.h"

namespace fuselabel {
namespace {

using testing::TempDir;

TEST(ParserFuzz, KittiObjectLabelsOnlyThrowInputError) {
  TempDir dir;
  testing::write_text(dir / "label.txt", testing::sample_label_text());
  const int accepted = testing::fuzz_file(dir / "label.txt", 400, 12345, [&] { read_kitti_object_labels(dir / "label.txt"); });
  EXPECT_GT(accepted, 0);  // some mutations (e.g. digit flips) stay valid
  EXPECT_LT(accepted, 400);
}

TEST(ParserFuzz, KittiCalibOnlyThrowsInputError) {
  TempDir dir;
  write_kitti_calib(dir / "calib.txt", testing::orthonormal_calib());
  const int accepted = testing::fuzz_file(dir / "calib.txt", 400, 12346, [&] { read_kitti_calib(dir / "calib.txt"); });
  EXPECT_GT(accepted, 0);
  EXPECT_LT(accepted, 400);
}

TEST(ParserFuzz, KittiTrackingLabelsOnlyThrowInputError) {
  TempDir dir;
  testing::write_text(dir / "0000.txt", testing::kTrackingLabels);
  const int accepted = testing::fuzz_file(dir / "0000.txt", 400, 12347, [&] { read_kitti_tracking_labels(dir / "0000.txt"); });
  EXPECT_GT(accepted, 0);
  EXPECT_LT(accepted, 400);
}

TEST(ParserFuzz, KittiOxtsOnlyThrowsInputError) {
  TempDir dir;
  testing::write_text(dir / "0000.txt", testing::oxts_text(4));
  const int accepted = testing::fuzz_file(dir / "0000.txt", 400, 12348, [&] { kitti_oxts_poses(read_kitti_oxts(dir / "0000.txt")); });
  EXPECT_GT(accepted, 0);
  EXPECT_LT(accepted, 400);
}

TEST(ParserFuzz, PointFileOnlyThrowsInputError) {
  TempDir dir;
  std::vector<float> records;
  for (int i = 0; i < 64; ++i) records.push_back(float(i) * 0.37f);
  write_float_records(dir / "points.bin", records, 4);
  const int accepted =
      testing::fuzz_file(dir / "points.bin", 300, 12349, [&] { read_float_records(dir / "points.bin", {"x", "y", "z", "intensity"}); });
  EXPECT_GT(accepted, 0);
}

}  // namespace
}  // namespace fuselabel
