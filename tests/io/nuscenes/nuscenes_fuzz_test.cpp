// Mutation fuzzing of a nuScenes dataroot (fuzz_support.h): every metadata table, a radar PCD
// and a LiDAR .pcd.bin. Whatever the bytes, opening the scene and loading every frame either
// succeeds or throws InputError.
#include <gtest/gtest.h>

#include "fuzz_support.h"
#include "io/nuscenes/nuscenes_drive.h"
#include "nuscenes_fixture.h"

namespace fuselabel {
namespace {

class NuscenesFuzz : public ::testing::Test {
 protected:
  void SetUp() override {
    fixture.root = dir.path();
    testing::write_nuscenes_fixture(fixture);
  }
  void open_and_load_every_frame() const {
    const NuscenesDrive drive(fixture.scene_options());
    for (const std::string& id : drive.frame_ids()) drive.load_frame(id);
  }
  // The blob of the first sample_data row whose file name ends with `suffix`.
  std::filesystem::path first_blob(const std::string& suffix) const {
    for (const auto& row : fixture.tables.at("sample_data")) {
      const std::string name = row["filename"];
      if (name.size() >= suffix.size() && name.compare(name.size() - suffix.size(), suffix.size(), suffix) == 0)
        return fixture.blob(row);
    }
    ADD_FAILURE() << "no blob ending with " << suffix;
    return {};
  }

  testing::TempDir dir;
  testing::NuscenesFixture fixture;
};

TEST_F(NuscenesFuzz, EveryTableOnlyThrowsInputError) {
  open_and_load_every_frame();  // the valid dataroot opens
  uint32_t seed = 100;
  for (const char* table : {"attribute", "calibrated_sensor", "category", "ego_pose", "instance", "log", "sample",
                            "sample_annotation", "sample_data", "scene", "sensor", "visibility"}) {
    SCOPED_TRACE(table);
    const int accepted = testing::fuzz_file(fixture.table_path(table), 120, seed++, [&] { open_and_load_every_frame(); });
    EXPECT_LT(accepted, 120);
  }
}

TEST_F(NuscenesFuzz, PointFilesOnlyThrowInputError) {
  const int radar = testing::fuzz_file(first_blob(".pcd"), 100, 7, [&] { open_and_load_every_frame(); });
  const int lidar = testing::fuzz_file(first_blob(".pcd.bin"), 60, 8, [&] { open_and_load_every_frame(); });
  EXPECT_LT(radar, 100);
  EXPECT_LT(lidar, 60);
}

}  // namespace
}  // namespace fuselabel
