// Hostile point files (issue 10): flat float records and PCD files that claim more points than
// the limit or than they hold fail in milliseconds, before allocation, naming the file and the
// line and keyword (or field) at fault; every input is generated here.
#include <gtest/gtest.h>

#include <chrono>
#include <functional>

#include "fuzz_support.h"
#include "io/common/pcd_file.h"
#include "io/common/point_file.h"
#include "io/io_test_support.h"

namespace fuselabel {
namespace {

using testing::expect_input_error;
using testing::TempDir;

double seconds_to_fail(const std::function<void()>& call, const std::vector<std::string>& mentions) {
  const auto start = std::chrono::steady_clock::now();
  expect_input_error(call, mentions);
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

TEST(HostilePointFile, FloatRecordsOverThePointLimitFailFromTheFileSize) {
  // Sparse: 800 MB on paper, nothing on disk; refused without reading a byte.
  TempDir dir;
  testing::write_text(dir / "big.bin", "");
  std::filesystem::resize_file(dir / "big.bin", uint64_t{50'000'001} * 16);
  const double seconds = seconds_to_fail(
      [&] {
        read_float_records(dir / "big.bin", {"x", "y", "z", "intensity"});
      },
      {"big.bin", "file size 800000016 bytes in 16-byte records", "points 50000001 exceeds the limit of 50000000",
       "FUSELABEL_MAX_POINTS_PER_SWEEP"});
  EXPECT_LT(seconds, 0.5);
}

// Line numbers: VERSION 2, FIELDS 3, SIZE 4, TYPE 5, COUNT 6, WIDTH 7, HEIGHT 8, VIEWPOINT 9,
// POINTS 10, DATA 11, first ascii row 12.
std::string pcd_header(const std::string& data = "ascii") {
  return "# .PCD v0.7 - Point Cloud Data file format\nVERSION 0.7\nFIELDS x y z i\nSIZE 4 4 4 1\nTYPE F F F U\n"
         "COUNT 1 1 1 1\nWIDTH 2\nHEIGHT 1\nVIEWPOINT 0 0 0 1 0 0 0\nPOINTS 2\nDATA " +
         data + "\n";
}
const std::string kRows = "1.5 -2 300 7\n0.25 1e-3 -4 255\n";

std::string replaced(std::string text, const std::string& from, const std::string& to) {
  const size_t at = text.find(from);
  EXPECT_NE(at, std::string::npos) << from;
  return at == std::string::npos ? text : text.replace(at, from.size(), to);
}

struct HeaderCase {
  std::string from, to;
  std::vector<std::string> mentions;
};

TEST(HostilePcd, EveryHeaderLineIsCheckedNamingLineAndKeyword) {
  const std::vector<HeaderCase> cases = {
      {"WIDTH 2", "WIDTH 2e8", {"line 7, WIDTH", "expected a non-negative integer, got '2e8'"}},
      {"WIDTH 2",
       "WIDTH 200000000",
       {"line 7, WIDTH", "points 200000000 exceeds the limit of 50000000", "FUSELABEL_MAX_POINTS_PER_SWEEP"}},
      {"WIDTH 2", "WIDTH 4294967295", {"line 7, WIDTH", "points 4294967295 exceeds the limit"}},
      {"WIDTH 2", "WIDTH -2", {"line 7, WIDTH", "non-negative integer, got '-2'"}},
      {"WIDTH 2", "WIDTH 2 2", {"line 7, WIDTH", "expected one value"}},
      {"HEIGHT 1", "HEIGHT 99999999999", {"line 8, HEIGHT", "points 99999999999 exceeds"}},
      {"POINTS 2", "POINTS 3", {"line 10, POINTS", "3 points, but WIDTH x HEIGHT is 2 x 1 = 2"}},
      {"POINTS 2", "POINTS 0x2", {"line 10, POINTS", "got '0x2'"}},
      {"SIZE 4 4 4 1", "SIZE 4 4 3 1", {"line 4, SIZE, field z", "SIZE 3 for TYPE F (F takes 4 or 8)"}},
      {"SIZE 4 4 4 1", "SIZE 4 4 4 16", {"line 4, SIZE, field i", "SIZE 16 for TYPE U"}},
      {"SIZE 4 4 4 1", "SIZE 4 4 4", {"line 4, SIZE", "3 values for the 4 FIELDS"}},
      {"TYPE F F F U", "TYPE F F F X", {"line 5, TYPE, field i", "expected F, I or U, got 'X'"}},
      {"COUNT 1 1 1 1", "COUNT 1 1 1 0", {"line 6, COUNT, field i", "COUNT 0"}},
      {"COUNT 1 1 1 1", "COUNT 1 1 1 4294967295", {"line 6, COUNT, field i", "more than 2147483647 bytes"}},
      {"COUNT 1 1 1 1", "COUNT 1 1 1 1 1", {"line 6, COUNT", "5 values for the 4 FIELDS"}},
      {"VIEWPOINT 0 0 0 1 0 0 0", "VIEWPOINT 0 0 0 1 0 0", {"line 9, VIEWPOINT", "expected 7 numbers"}},
      {"VIEWPOINT 0 0 0 1 0 0 0", "VIEWPOINT 0 0 0 1 0 0 nan", {"line 9, VIEWPOINT", "got 'nan'"}},
      {"DATA ascii", "DATA zip", {"line 11, DATA", "expected ascii, binary or binary_compressed"}},
      {"VERSION 0.7", "VERSION 0.9", {"line 2, VERSION", "unsupported PCD version"}},
      {"FIELDS x y z i", "FIELDS x y x i", {"line 3, FIELDS, field x", "named twice"}},
      {"HEIGHT 1\n", "HEIGHT 1\nWIDTH 2\n", {"line 9, WIDTH", "repeats line 7"}},
      {"POINTS 2\n", "", {"header", "no POINTS line before DATA"}},
      {"VERSION 0.7", "VERSlON 0.7", {"line 2", "not a readable PCD header line", "got 'VERSlON'"}},
  };
  TempDir dir;
  for (const HeaderCase& c : cases) {
    SCOPED_TRACE(c.to);
    testing::write_text(dir / "bad.pcd", replaced(pcd_header(), c.from, c.to) + kRows + std::string(1000, '\n'));
    std::vector<std::string> mentions = c.mentions;
    mentions.push_back("bad.pcd");
    EXPECT_LT(seconds_to_fail([&] { read_pcd_file(dir / "bad.pcd"); }, mentions), 0.5);
  }
  testing::write_text(dir / "no_data.pcd", replaced(pcd_header(), "DATA ascii\n", ""));
  expect_input_error([&] { read_pcd_file(dir / "no_data.pcd"); }, {"no_data.pcd", "header", "ends before a DATA line"});
}

TEST(HostilePcd, DataClaimingMoreThanTheFileHoldsFailsBeforeAllocation) {
  TempDir dir;
  const std::string million =
      replaced(replaced(pcd_header("binary"), "WIDTH 2", "WIDTH 1000000"), "POINTS 2", "POINTS 1000000");
  testing::write_text(dir / "binary.pcd", million + std::string(1024, '\0'));
  EXPECT_LT(seconds_to_fail([&] { read_pcd_file(dir / "binary.pcd"); },
                            {"binary.pcd", "line 10, POINTS",
                             "truncated: 1024 bytes of point data, 1000000 points of 13 bytes need 13000000"}),
            0.5);

  const std::string ascii =
      replaced(replaced(pcd_header(), "WIDTH 2", "WIDTH 50000000"), "POINTS 2", "POINTS 50000000");
  testing::write_text(dir / "ascii.pcd", ascii + kRows);
  EXPECT_LT(seconds_to_fail([&] { read_pcd_file(dir / "ascii.pcd"); },
                            {"ascii.pcd", "line 10, POINTS",
                             "truncated: 30 bytes of ascii data cannot hold 50000000 points of 4 values"}),
            0.5);

  const std::string compressed =
      replaced(replaced(pcd_header("binary_compressed"), "WIDTH 2", "WIDTH 1000000"), "POINTS 2", "POINTS 1000000");
  // Prefix: 10 compressed bytes standing for the 13 MB the header needs.
  const std::string prefix("\x0a\0\0\0\x40\x5d\xc6\0", 8);
  testing::write_text(dir / "lzf.pcd", compressed + prefix + std::string(10, '\0'));
  EXPECT_LT(seconds_to_fail([&] { read_pcd_file(dir / "lzf.pcd"); },
                            {"lzf.pcd", "line 11, DATA binary_compressed",
                             "10 compressed bytes cannot expand to 13000000 (LZF expands at most 88-fold)"}),
            0.5);
}

TEST(HostilePcd, AsciiRowsAreStrict) {
  const std::vector<std::pair<std::string, std::vector<std::string>>> cases = {
      {"a b c 1\n", {"line 13, field x", "expected a number (TYPE F SIZE 4), got 'a'"}},
      {"1 2 3\n", {"line 13", "3 values, the header declares 4 per point"}},
      {"1 2 3 4 5\n", {"line 13", "5 values"}},
      {"1 2 3 256\n", {"line 13, field i", "expected an unsigned integer (TYPE U SIZE 1), got '256'"}},
      {"1 2 3 -1\n", {"line 13, field i", "got '-1'"}},
      {"1 2 3 1.0\n", {"line 13, field i", "got '1.0'"}},
      {"1 2 inf 1\n", {"line 13, field z", "got 'inf'"}},
      {"1e39 2 3 1\n", {"line 13, field x", "got '1e39'"}},
      {"1.5x 2 3 1\n", {"line 13, field x", "got '1.5x'"}},
  };
  TempDir dir;
  for (const auto& [bad_row, mentions] : cases) {
    SCOPED_TRACE(bad_row);
    // The bad row second, on line 13.
    testing::write_text(dir / "rows.pcd", pcd_header() + "1.000 2.000 3.000 4\n" + bad_row);
    std::vector<std::string> expected = mentions;
    expected.push_back("rows.pcd");
    expect_input_error([&] { read_pcd_file(dir / "rows.pcd"); }, expected);
  }
  testing::write_text(dir / "few.pcd", pcd_header() + "1.000000 2.000000 3 4\n");
  expect_input_error([&] { read_pcd_file(dir / "few.pcd"); },
                     {"few.pcd", "line 10, POINTS", "truncated: 1 rows of points, the header declares 2"});
  testing::write_text(dir / "many.pcd", pcd_header() + kRows + "\n5 6 7 8\n");
  expect_input_error([&] { read_pcd_file(dir / "many.pcd"); },
                     {"many.pcd", "line 15", "more rows than the 2 POINTS of line 10"});
}

TEST(HostilePcd, CompressedPrefixMustAgreeWithHeaderAndFile) {
  TempDir dir;
  const std::string header = pcd_header("binary_compressed");  // 2 points of 13 bytes: 26 uncompressed
  testing::write_text(dir / "short.pcd", header + "\x05\0");
  expect_input_error([&] { read_pcd_file(dir / "short.pcd"); },
                     {"short.pcd", "line 11, DATA binary_compressed", "truncated: no compressed-size prefix"});
  testing::write_text(dir / "sizes.pcd", header + std::string("\x05\0\0\0\x63\0\0\0", 8) + "12345");
  expect_input_error([&] { read_pcd_file(dir / "sizes.pcd"); },
                     {"sizes.pcd", "the data declares 99 uncompressed bytes, 2 points of 13 bytes need 26"});
  testing::write_text(dir / "cut.pcd", header + std::string("\x88\x13\0\0\x1a\0\0\0", 8) + "12345");
  expect_input_error([&] { read_pcd_file(dir / "cut.pcd"); },
                     {"cut.pcd", "truncated: the data declares 5000 compressed bytes, the file holds 5"});
  // A back reference as the first item: there is nothing yet to refer to.
  testing::write_text(dir / "lzf.pcd", header + std::string("\x02\0\0\0\x1a\0\0\0\x20\x00", 10));
  expect_input_error([&] { read_pcd_file(dir / "lzf.pcd"); },
                     {"lzf.pcd", "LZF data malformed at byte 0: back reference before the start of the output"});
}

TEST(HostilePcd, MutatedFilesOnlyThrowInputError) {
  TempDir dir;
  std::string binary_body;
  for (int i = 0; i < 2 * 13; ++i) binary_body += char(i * 7);
  for (const auto& [name, text] : std::vector<std::pair<std::string, std::string>>{
           {"ascii.pcd", pcd_header() + kRows}, {"binary.pcd", pcd_header("binary") + binary_body}}) {
    testing::write_text(dir / name, text);
    const int accepted = testing::fuzz_file(dir / name, 400, 777, [&] { read_pcd_file(dir / name); });
    EXPECT_LT(accepted, 400) << name;
  }
}

}  // namespace
}  // namespace fuselabel
