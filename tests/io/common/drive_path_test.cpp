// Paths read from a drive's files stay inside the drive: a lexical check, so links inside the
// drive still work.
#include "io/common/drive_path.h"

#include <gtest/gtest.h>

namespace fuselabel {
namespace {

bool refused(const std::string& path, const std::string& problem_part) {
  const std::string problem = drive_path_problem(path);
  return !problem.empty() && problem.find(problem_part) != std::string::npos;
}

TEST(DrivePath, RelativePathsInsideTheDriveAreFine) {
  for (const char* path : {"samples/LIDAR_TOP/a.pcd.bin", "a.bin", "./sweeps/x.jpg", "samples/../sweeps/x.jpg",
                           "a/b/../../c", "..x/file", "dir with spaces/f"})
    EXPECT_EQ(drive_path_problem(path), "") << path;
}

TEST(DrivePath, AbsolutePathsAndPathsLeavingTheRootAreRefused) {
  EXPECT_TRUE(refused("/etc/hostname", "not absolute"));
  EXPECT_TRUE(refused("//server/share", "not absolute"));
  EXPECT_TRUE(refused("../../etc/hostname", "leaves the drive root"));
  EXPECT_TRUE(refused("samples/../../etc/hostname", "leaves the drive root"));
  EXPECT_TRUE(refused("..", "leaves the drive root"));
  EXPECT_TRUE(refused("a/../..", "leaves the drive root"));
  EXPECT_TRUE(refused(".", "names the drive root"));
  EXPECT_TRUE(refused("a/..", "names the drive root"));
  EXPECT_TRUE(refused("", "empty"));
  EXPECT_TRUE(refused(std::string("a\nb"), "control character"));
  EXPECT_TRUE(refused(std::string("a\0b", 3), "control character"));
}

}  // namespace
}  // namespace fuselabel
