// Deterministic mutation fuzzing of the text readers: whatever the bytes, a parse either
// succeeds or throws InputError -- never another exception, never a crash (run under
// -DFUSELABEL_SANITIZE=ON to also catch memory errors).
#include <gtest/gtest.h>

#include <random>

#include "io/kitti_object.h"
#include "io/kitti_object_writer.h"
#include "io/point_file.h"
#include "io_test_support.h"

namespace fuselabel {
namespace {

using testing::TempDir;

// One random edit: flip, overwrite, insert or delete bytes, or truncate.
std::string mutate(std::string text, std::mt19937& rng) {
  const char interesting[] = {'\0', '\n', '\r', ' ', ':', '-', '+', '.', 'e', 'n', '9', '\xff'};
  const int edits = 1 + int(rng() % 4);
  for (int e = 0; e < edits && !text.empty(); ++e) {
    const size_t at = rng() % text.size();
    switch (rng() % 6) {
      case 0:
        text[at] = char(text[at] ^ (1 << (rng() % 8)));
        break;
      case 1:
        text[at] = interesting[rng() % sizeof interesting];
        break;
      case 2:
        text.insert(at, 1, interesting[rng() % sizeof interesting]);
        break;
      case 3:
        text.erase(at, 1 + rng() % 12);
        break;
      case 4:
        text.resize(at);
        break;
      default:
        text.insert(at, text.substr(rng() % text.size(), rng() % 40));
        break;
    }
  }
  return text;
}

template <typename Parse>
void fuzz(const std::string& valid, const std::filesystem::path& file, Parse parse, int rounds, int& successes) {
  std::mt19937 rng(12345);
  for (int i = 0; i < rounds; ++i) {
    testing::write_text(file, mutate(valid, rng));
    try {
      parse(file);
      ++successes;
    } catch (const InputError&) {
    } catch (const std::exception& e) {
      FAIL() << "round " << i << ": not an InputError: " << e.what() << "\n--- input ---\n" << testing::read_text(file);
    }
  }
}

TEST(ParserFuzz, LabelReaderOnlyThrowsInputError) {
  TempDir dir;
  int successes = 0;
  fuzz(
      testing::sample_label_text(), dir / "label.txt", [](const auto& f) { read_kitti_object_labels(f); }, 400,
      successes);
  EXPECT_GT(successes, 0);  // some mutations (e.g. digit flips) stay valid
  EXPECT_LT(successes, 400);
}

TEST(ParserFuzz, CalibReaderOnlyThrowsInputError) {
  TempDir dir;
  write_kitti_calib(dir / "valid.txt", testing::orthonormal_calib());
  int successes = 0;
  fuzz(
      testing::read_text(dir / "valid.txt"), dir / "calib.txt", [](const auto& f) { read_kitti_calib(f); }, 400,
      successes);
  EXPECT_GT(successes, 0);
  EXPECT_LT(successes, 400);
}

TEST(ParserFuzz, PointReaderOnlyThrowsInputError) {
  TempDir dir;
  std::vector<float> records;
  for (int i = 0; i < 64; ++i) records.push_back(float(i) * 0.37f);
  write_float_records(dir / "valid.bin", records, 4);
  int successes = 0;
  fuzz(
      testing::read_text(dir / "valid.bin"), dir / "points.bin",
      [](const auto& f) {
        read_float_records(f, {"x", "y", "z", "intensity"});
      },
      300, successes);
  EXPECT_GT(successes, 0);
}

}  // namespace
}  // namespace fuselabel
