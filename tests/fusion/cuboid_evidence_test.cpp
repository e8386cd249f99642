// cuboid_evidence on the committed sample drive (three cameras, two of them overlapping): the
// share of a cuboid's points visible in some camera is the union of the per-camera shares, so it
// lies between their largest and their sum, and equals the one share of a cuboid one camera sees;
// nuScenes' visibility bins at their edges.
#include "fusion/export/cuboid_evidence.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <numeric>

#include "fusion/frame_inspection.h"
#include "test_support.h"

namespace fuselabel {
namespace {

TEST(NuscenesVisibilityLevel, BinsAtTheirEdges) {
  EXPECT_STREQ(nuscenes_visibility_level(0.0), "v0-40");
  EXPECT_STREQ(nuscenes_visibility_level(0.399), "v0-40");
  EXPECT_STREQ(nuscenes_visibility_level(0.4), "v40-60");
  EXPECT_STREQ(nuscenes_visibility_level(0.6), "v60-80");
  EXPECT_STREQ(nuscenes_visibility_level(0.79), "v60-80");
  EXPECT_STREQ(nuscenes_visibility_level(0.8), "v80-100");
  EXPECT_STREQ(nuscenes_visibility_level(1.0), "v80-100");
}

class CuboidEvidenceOnTheSampleDrive : public testing::DeviceTest {};

TEST_P(CuboidEvidenceOnTheSampleDrive, AnyCameraShareIsTheUnionOfTheCameras) {
  const auto reader = open_drive(testing::source_dir() / "data-samples/drive");
  Workspace ws(GetParam());
  const std::map<std::string, CuboidEvidence> evidence = cuboid_evidence(*reader, reader->drive().labels, ws);
  ASSERT_FALSE(evidence.empty());
  int single_camera = 0, several_cameras = 0;
  for (const auto& [id, e] : evidence) {
    SCOPED_TRACE(id);
    EXPECT_LE(e.owned_points, e.lidar_points);
    EXPECT_GE(e.visible_in_any_camera, 0.0);
    EXPECT_LE(e.visible_in_any_camera, 1.0);
    // With no overlapping cuboid, the points it owns are all its points, the per-camera
    // denominator.
    if (e.owned_points != e.lidar_points || e.owned_points < kMinPointsForVisibleShare) continue;
    double largest = 0, sum = 0;
    for (const auto& [camera, share] : e.visible_share) largest = std::max(largest, share), sum += share;
    EXPECT_GE(e.visible_in_any_camera, largest - 1e-12);
    EXPECT_LE(e.visible_in_any_camera, std::min(1.0, sum) + 1e-12);
    if (e.visible_share.size() == 1) {
      EXPECT_DOUBLE_EQ(e.visible_in_any_camera, largest);
      single_camera += largest > 0;
    }
    several_cameras += e.visible_share.size() > 1 && largest > 0;
  }
  EXPECT_GT(single_camera, 0);
  EXPECT_GT(several_cameras, 0);
}

FL_INSTANTIATE_DEVICE_TEST(CuboidEvidenceOnTheSampleDrive);

}  // namespace
}  // namespace fuselabel
