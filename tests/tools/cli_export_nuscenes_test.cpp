// nuScenes -> OpenLABEL -> nuScenes: the scene's annotation table comes back with the same
// tokens, instances, links and geometry within print precision; export to nuScenes from a
// drive of another format is refused.
#include <gtest/gtest.h>

#include "io/common/file_read.h"
#include "io/nuscenes/nuscenes_fixture.h"
#include "io/openlabel/openlabel_schema_check.h"
#include "test_support.h"
#include "tools/cli_support.h"

namespace fuselabel {
namespace {

namespace fs = std::filesystem;
using testing::json;

TEST(CliExportNuscenes, ThroughOpenLabelAndBackKeepsTheAnnotationTable) {
  const testing::TempDir dir;
  testing::NuscenesFixture fixture;
  fixture.root = dir.path() / "nuscenes";
  testing::write_nuscenes_fixture(fixture);
  const std::string drive = "--drive " + fixture.root.string() + " --version v1.0-mini --scene scene-0061";
  auto run = testing::run_cli("export " + drive + " --format openlabel --out " + (dir.path() / "ol").string());
  ASSERT_EQ(run.exit_code, 0) << run.output;
  run = testing::run_cli("export " + drive + " --labels " + (dir.path() / "ol/openlabel.json").string() +
                         " --format nuscenes --out " + (dir.path() / "back").string());
  ASSERT_EQ(run.exit_code, 0) << run.output;
  const json original = fixture.tables.at("sample_annotation");
  const json back = json::parse(read_file_bytes(dir.path() / "back/v1.0-mini/sample_annotation.json"));
  ASSERT_EQ(back.size(), original.size());
  for (size_t i = 0; i < original.size(); ++i) {
    const json& a = original[i];
    const json& b = back[i];
    SCOPED_TRACE(a["token"].get<std::string>());
    for (const char* key : {"token", "sample_token", "instance_token", "prev", "next", "visibility_token",
                            "attribute_tokens", "num_lidar_pts", "num_radar_pts"})
      EXPECT_EQ(a[key], b[key]) << key;
    for (const char* key : {"translation", "size", "rotation"})
      for (size_t k = 0; k < a[key].size(); ++k) EXPECT_NEAR(a[key][k].get<double>(), b[key][k].get<double>(), 1e-9) << key;
  }
  FL_EXPECT_VALID_OPENLABEL(dir.path() / "ol/openlabel.json");
}

TEST(CliExportNuscenes, OtherDrivesAreRefused) {
  const testing::TempDir dir;
  const auto run = testing::run_cli("export --drive " + (testing::source_dir() / "data-samples/drive").string() +
                                    " --format nuscenes --out " + (dir.path() / "out").string());
  EXPECT_EQ(run.exit_code, 1) << run.output;
  EXPECT_NE(run.output.find("nuScenes drives only"), std::string::npos) << run.output;
  EXPECT_FALSE(fs::exists(dir.path() / "out"));
}

}  // namespace
}  // namespace fuselabel
