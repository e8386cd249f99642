// StagedFolder: the output folder is the previous result or the whole new one, never a mix.
#include <gtest/gtest.h>

#include <sys/wait.h>
#include <unistd.h>

#include "io/common/atomic_file.h"
#include "io/common/staged_folder.h"
#include "test_support.h"

namespace fuselabel {
namespace {

namespace fs = std::filesystem;

// A pid no process has now: a child that has exited and been reaped.
pid_t dead_pid() {
  const pid_t pid = ::fork();
  if (pid == 0) ::_exit(0);
  ::waitpid(pid, nullptr, 0);
  return pid;
}

TEST(StagedFolder, CommitPutsTheWholeFolderInPlaceWithItsManifest) {
  const testing::TempDir dir;
  {
    StagedFolder out(dir / "out", "test");
    EXPECT_FALSE(fs::exists(dir / "out"));
    write_file_atomic(out.path() / "a.txt", "first");
    write_file_atomic(out.path() / "sub/b.txt", "22");
    out.commit();
  }
  EXPECT_EQ(testing::read_text(dir / "out/a.txt"), "first");
  EXPECT_TRUE(is_complete_output_folder(dir / "out"));
  EXPECT_NE(testing::read_text(dir / "out" / kOutputManifest).find("\"sub/b.txt\""), std::string::npos);
  testing::write_text(dir / "out/extra.txt", "x");  // a file the manifest does not list
  EXPECT_FALSE(is_complete_output_folder(dir / "out"));
  fs::remove(dir / "out/sub/b.txt");
  fs::remove(dir / "out/extra.txt");
  EXPECT_FALSE(is_complete_output_folder(dir / "out"));
}

TEST(StagedFolder, AFailedRunLeavesThePreviousResult) {
  const testing::TempDir dir;
  {
    StagedFolder out(dir / "out", "test");
    write_file_atomic(out.path() / "a.txt", "first");
    out.commit();
  }
  {
    StagedFolder out(dir / "out", "test");
    write_file_atomic(out.path() / "a.txt", "second, never committed");
  }
  EXPECT_EQ(testing::read_text(dir / "out/a.txt"), "first");
  EXPECT_EQ(std::distance(fs::directory_iterator(dir.path()), fs::directory_iterator()), 1);
  {
    StagedFolder out(dir / "out/", "test");  // a trailing slash names the same folder
    write_file_atomic(out.path() / "c.txt", "third");
    out.commit();
  }
  EXPECT_FALSE(fs::exists(dir / "out/a.txt"));
  EXPECT_EQ(testing::read_text(dir / "out/c.txt"), "third");
}

TEST(StagedFolder, RefusesFoldersItDidNotWriteAndItsInputs) {
  const testing::TempDir dir;
  EXPECT_THROW(StagedFolder(fs::path(), "test"), std::invalid_argument);
  EXPECT_THROW(StagedFolder("/", "test"), std::invalid_argument);
  testing::write_text(dir / "mine/notes.txt", "precious");
  EXPECT_THROW(StagedFolder(dir / "mine", "test"), std::runtime_error);
  EXPECT_EQ(testing::read_text(dir / "mine/notes.txt"), "precious");
  testing::write_text(dir / "file", "x");
  EXPECT_THROW(StagedFolder(dir / "file", "test"), std::runtime_error);
  fs::create_directories(dir / "empty");
  EXPECT_NO_THROW(StagedFolder(dir / "empty", "test"));
  fs::create_directories(dir / "drive/sub");
  for (const fs::path& out : {dir / "drive", dir / "drive/sub", dir.path()})
    EXPECT_THROW(StagedFolder(out, "test", {dir / "drive"}), std::runtime_error) << out;
  EXPECT_NO_THROW(StagedFolder(dir / "drive-out", "test", {dir / "drive"}));
}

TEST(StagedFolder, CleansWhatKilledRunsLeft) {
  const testing::TempDir dir;
  const pid_t dead = dead_pid();
  testing::write_text(dir / ("out.partial-" + std::to_string(dead)) / "half.csv", "1,2");
  testing::write_text(dir / ("out.partial-" + std::to_string(::getppid())) / "live.csv", "a live run's");
  testing::write_text(dir / ("out.previous-" + std::to_string(dead)) / "a.txt", "previous");
  testing::write_text(dir / ("out.previous-" + std::to_string(dead)) / kOutputManifest, "{}");
  testing::write_text(dir / "out.partial-notapid/x", "not ours");
  {
    // The previous result, moved aside by a run killed between two renames, comes back.
    StagedFolder out(dir / "out", "test");
    EXPECT_EQ(testing::read_text(dir / "out/a.txt"), "previous");
  }
  EXPECT_FALSE(fs::exists(dir / ("out.partial-" + std::to_string(dead))));
  EXPECT_FALSE(fs::exists(dir / ("out.previous-" + std::to_string(dead))));
  EXPECT_TRUE(fs::exists(dir / ("out.partial-" + std::to_string(::getppid()))));
  EXPECT_TRUE(fs::exists(dir / "out.partial-notapid/x"));
}

}  // namespace
}  // namespace fuselabel
