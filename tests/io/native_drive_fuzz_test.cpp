// Deterministic mutation fuzzing of the native drive's text files: whatever the bytes, reading
// either succeeds or throws InputError -- never another exception, never a crash.
#include <gtest/gtest.h>

#include <random>

#include "io/native_drive.h"
#include "io_test_support.h"
#include "native_drive_fixture.h"

namespace fuselabel {
namespace {

// Random byte edits biased towards the characters that carry structure in YAML, JSON and CSV.
std::string mutate(std::string text, std::mt19937& rng) {
  static const char structural[] = {'\0', '\n', ' ', ':', ',', '-', '[', ']', '{', '}', '"', '.', 'e', '9', '\xff'};
  const int edits = 1 + int(rng() % 3);
  for (int e = 0; e < edits && !text.empty(); ++e) {
    const size_t at = rng() % text.size();
    switch (rng() % 5) {
      case 0: text[at] = char(text[at] ^ (1 << (rng() % 8))); break;
      case 1: text[at] = structural[rng() % sizeof structural]; break;
      case 2: text.insert(at, 1, structural[rng() % sizeof structural]); break;
      case 3: text.erase(at, 1 + rng() % 16); break;
      default: text.insert(at, text.substr(rng() % text.size(), 1 + rng() % 40)); break;
    }
  }
  return text;
}

// Returns how many mutated inputs were still accepted.
template <typename Read>
int fuzz(const std::filesystem::path& file, int rounds, uint32_t seed, Read read) {
  const std::string valid = testing::read_text(file);
  std::mt19937 rng(seed);
  int accepted = 0;
  for (int i = 0; i < rounds; ++i) {
    const std::string input = mutate(valid, rng);
    testing::write_text(file, input);
    try {
      read();
      ++accepted;
    } catch (const InputError&) {
    } catch (const std::exception& e) {
      ADD_FAILURE() << "round " << i << ": not an InputError: " << e.what() << "\n--- input ---\n" << input;
      break;
    }
  }
  testing::write_text(file, valid);
  return accepted;
}

TEST(NativeDriveFuzz, DriveYamlOnlyThrowsInputError) {
  testing::TempDir dir;
  testing::write_sample_drive(dir.path());
  const int accepted = fuzz(dir / "drive.yaml", 500, 2024, [&] { read_native_drive(dir.path()); });
  EXPECT_GT(accepted, 0);  // e.g. digit flips in numbers stay valid
  EXPECT_LT(accepted, 500);
}

TEST(NativeDriveFuzz, LabelJsonOnlyThrowsInputError) {
  testing::TempDir dir;
  const testing::SampleDrive sample = testing::write_sample_drive(dir.path());
  const std::filesystem::path file = dir / "labels/ground_truth.json";
  const int accepted = fuzz(file, 500, 7, [&] { read_label_set(file, sample.drive); });
  EXPECT_GT(accepted, 0);
  EXPECT_LT(accepted, 500);
}

TEST(NativeDriveFuzz, CsvFilesOnlyThrowInputError) {
  testing::TempDir dir;
  testing::write_sample_drive(dir.path());
  const int poses = fuzz(dir / "ego_poses.csv", 300, 11, [&] { read_native_drive(dir.path()); });
  const int index = fuzz(dir / "sensors/CAM_FRONT/index.csv", 300, 13, [&] { read_native_drive(dir.path()); });
  EXPECT_GT(poses + index, 0);
  EXPECT_LT(poses, 300);
}

}  // namespace
}  // namespace fuselabel
