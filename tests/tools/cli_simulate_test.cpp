// `fuselabel simulate` for native drives: the committed sample drive is exactly what the
// committed config writes, and --corrupt adds a corrupted label set and injected_errors.json.
#include <gtest/gtest.h>

#include <fstream>
#include <iterator>

#include "sim/corruption_errors.h"
#include "io/drive_reader.h"
#include "cli_support.h"
#include "test_support.h"

namespace fuselabel {
namespace {

namespace fs = std::filesystem;

TEST(CliSimulate, ReproducesTheCommittedSampleDrive) {
  const testing::TempDir scratch;
  const fs::path committed = testing::source_dir() / "data-samples/drive";
  const testing::CliRun run = testing::run_cli("simulate --config " +
                                               (testing::source_dir() / "data-samples/configs/sample.yaml").string() +
                                               " --out " + scratch.path().string());
  ASSERT_EQ(run.exit_code, 0) << run.output;
  int64_t files = 0;
  for (const auto& entry : fs::recursive_directory_iterator(committed)) {
    if (!entry.is_regular_file()) continue;
    const fs::path relative = fs::relative(entry.path(), committed);
    ASSERT_EQ(testing::read_text(scratch.path() / relative), testing::read_text(entry.path())) << relative;
    ++files;
  }
  EXPECT_GT(files, 300);
}

TEST(CliSimulate, CorruptionProfileAddsALabelSetAndItsErrorList) {
  const testing::TempDir scratch;
  const fs::path configs = testing::source_dir() / "data-samples/configs";
  const testing::CliRun run = testing::run_cli("simulate --config " + (configs / "sample.yaml").string() + " --corrupt " +
                                               (configs / "corrupt-mixed.yaml").string() + " --out " +
                                               scratch.path().string());
  ASSERT_EQ(run.exit_code, 0) << run.output;
  const std::vector<InjectedError> errors = read_injected_errors(scratch.path() / "injected_errors.json");
  EXPECT_GE(errors.size(), 10u);
  DriveOptions options;
  options.path = scratch.path();
  options.selectors["labels"] = "corrupted";
  const DriveSummary corrupted = open_drive(options)->summarize();
  options.selectors["labels"] = "ground_truth";
  const DriveSummary truth = open_drive(options)->summarize();
  EXPECT_EQ(corrupted.frame_ids, truth.frame_ids);
  EXPECT_NE(corrupted.cuboid_labels + corrupted.image_box_labels, 0);
}

}  // namespace
}  // namespace fuselabel
