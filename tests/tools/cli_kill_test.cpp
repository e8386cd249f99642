// Every writing command killed with SIGKILL at points spread over its run: the output folder is
// then absent (first run) or complete, never partial, and the next run cleans up what the
// killed ones left beside it.
#include <gtest/gtest.h>

#include <thread>

#include "cli_process.h"
#include "io/common/staged_folder.h"

namespace fuselabel {
namespace {

namespace fs = std::filesystem;

constexpr int kKillsPerCommand = 10;

struct WritingCommand {
  const char* name;
  std::vector<std::string> args;  // --out OUT is appended
};

std::vector<WritingCommand> writing_commands(const fs::path& scratch) {
  const std::string drive = (testing::source_dir() / "data-samples/drive").string();
  testing::write_text(scratch / "sim.yaml", "duration: 1.0\n");
  testing::write_text(scratch / "profile.yaml", "seed: 5\nlabel_errors:\n  box_shift:\n    count: 3\n");
  return {
      {"project", {"project", "--drive", drive, "--frame", "20", "--device", "cpu"}},
      {"inspect", {"inspect", "--drive", drive, "--frames", "0:10", "--device", "cpu"}},
      {"simulate", {"simulate", "--config", (scratch / "sim.yaml").string()}},
      {"corrupt", {"corrupt", "--drive", drive, "--profile", (scratch / "profile.yaml").string()}},
  };
}

std::vector<std::string> with_out(std::vector<std::string> args, const fs::path& out) {
  args.insert(args.end(), {"--out", out.string()});
  return args;
}

// Runs `args` and kills it after `delay`; returns false when it had finished by then.
bool run_and_kill(const std::vector<std::string>& args, std::chrono::duration<double> delay, const fs::path& logs) {
  const pid_t pid = testing::spawn_cli(args, logs / "stdout", logs / "stderr");
  std::this_thread::sleep_for(delay);
  const bool killed = ::kill(pid, SIGKILL) == 0;
  testing::CliProcess run;
  testing::wait_cli(pid, run);
  return killed && run.signal == SIGKILL;
}

std::vector<std::string> leftovers_beside(const fs::path& out) {
  std::vector<std::string> names;
  for (const fs::directory_entry& e : fs::directory_iterator(out.parent_path())) {
    const std::string name = e.path().filename().string();
    if (name != out.filename().string() && name.rfind(out.filename().string(), 0) == 0) names.push_back(name);
  }
  return names;
}

TEST(CliKill, OutputFoldersAreAbsentPreviousOrCompleteAfterSigkill) {
  const testing::TempDir scratch;
  for (const WritingCommand& command : writing_commands(scratch.path())) {
    SCOPED_TRACE(command.name);
    const fs::path out = scratch / (std::string(command.name) + "-out");
    const std::vector<std::string> args = with_out(command.args, out);

    // Killed on its first run: nothing, or (if it got that far) the whole folder.
    run_and_kill(args, std::chrono::milliseconds(30), scratch.path());
    EXPECT_TRUE(!fs::exists(out) || is_complete_output_folder(out));

    const testing::CliProcess full = testing::run_cli_process(args);
    ASSERT_EQ(full.exit_code, 0) << full.stderr_text;
    ASSERT_TRUE(is_complete_output_folder(out));
    EXPECT_TRUE(leftovers_beside(out).empty()) << leftovers_beside(out).front();

    // Kill times spread over the timed run; a kill that comes after the end (this run was
    // faster than the timed one, as on a machine whose load just dropped) shrinks the scale.
    int killed = 0;
    double scale = full.seconds;
    for (int k = 0; k < 3 * kKillsPerCommand && killed < kKillsPerCommand; ++k) {
      const double at = scale * (k % kKillsPerCommand + 0.5) / kKillsPerCommand;
      if (run_and_kill(args, std::chrono::duration<double>(at), scratch.path()))
        ++killed;
      else
        scale *= 0.8;
      ASSERT_TRUE(is_complete_output_folder(out)) << "killed at " << at << " s";
    }
    EXPECT_GT(killed, kKillsPerCommand / 2) << "most kills must land before the run ends";

    const testing::CliProcess again = testing::run_cli_process(args);
    ASSERT_EQ(again.exit_code, 0) << again.stderr_text;
    EXPECT_TRUE(is_complete_output_folder(out));
    const std::vector<std::string> left = leftovers_beside(out);
    EXPECT_TRUE(left.empty()) << left.size() << " leftovers, first " << left.front();
  }
}

}  // namespace
}  // namespace fuselabel
