// Hostile nuScenes radar .pcd files (issue 10): the header is checked before any point is
// allocated, ascii and binary_compressed copies of a scan read as the binary original does, bad
// ascii values name their line and field, and nothing is printed to stderr.
#include <gtest/gtest.h>

#include <chrono>
#include <cstdio>

#include "io/common/pcd_file.h"
#include "io/io_test_support.h"
#include "io/nuscenes/nuscenes_radar.h"
#include "nuscenes_radar_writer.h"

namespace fuselabel {
namespace {

using testing::expect_input_error;
using testing::NuscenesRadarPoint;
using testing::TempDir;

std::vector<NuscenesRadarPoint> scan_points() {
  std::vector<NuscenesRadarPoint> points(3);
  points[0].x = 12.5f, points[0].y = -3.25f, points[0].rcs = -7.5f, points[0].vx_comp = 1.5f, points[0].id = -300;
  points[1].x = 30.f, points[1].y = 4.f, points[1].dyn_prop = 1, points[1].vy_comp = 0.125f;
  points[2].x = 50.f, points[2].invalid_state = 14, points[2].ambig_state = 4;
  return points;
}

// The writer's header with one line replaced, followed by its binary body.
std::string with_header_line(const std::string& from, const std::string& to) {
  std::string bytes = testing::nuscenes_radar_pcd_bytes(scan_points());
  const size_t at = bytes.find(from);
  EXPECT_NE(at, std::string::npos) << from;
  return bytes.replace(at, from.size(), to);
}

// The same scan re-encoded: DATA ascii (one row per point) or binary_compressed (LZF literal
// runs of the planes PCL would compress).
std::string reencoded(const std::filesystem::path& binary_file, PcdData data) {
  const PcdCloud cloud = read_pcd_file(binary_file);
  const std::string bytes = testing::read_text(binary_file);
  std::string out = bytes.substr(0, bytes.find("DATA binary\n")) + "DATA " + pcd_data_name(data) + "\n";
  const PcdHeader& h = cloud.header;
  if (data == PcdData::Ascii) {
    for (int64_t i = 0; i < h.points; ++i) {
      for (const PcdField& f : h.fields) {
        char text[32];
        std::snprintf(text, sizeof text, "%.9g ", pcd_value(cloud.records.data() + i * h.record_bytes + f.offset, f));
        out += text;
      }
      out += "\n";
    }
    return out;
  }
  std::string planes;
  for (const PcdField& f : h.fields)
    for (int64_t i = 0; i < h.points; ++i)
      planes += cloud.records.substr(size_t(i * h.record_bytes + f.offset), size_t(f.bytes()));
  std::string stream;
  for (size_t at = 0; at < planes.size(); at += 32)
    stream += char(std::min<size_t>(32, planes.size() - at) - 1) + planes.substr(at, 32);
  const uint32_t sizes[2] = {uint32_t(stream.size()), uint32_t(planes.size())};
  return out + std::string(reinterpret_cast<const char*>(sizes), 8) + stream;
}

TEST(NuscenesRadarHostile, AsciiAndCompressedCopiesReadAsTheBinaryOriginal) {
  TempDir dir;
  testing::write_nuscenes_radar_pcd(dir / "binary.pcd", scan_points());
  testing::write_text(dir / "ascii.pcd", reencoded(dir / "binary.pcd", PcdData::Ascii));
  testing::write_text(dir / "compressed.pcd", reencoded(dir / "binary.pcd", PcdData::BinaryCompressed));
  const PointSweep original = read_nuscenes_radar_pcd(dir / "binary.pcd", "RADAR_FRONT");
  ASSERT_EQ(original.size(), 3);
  EXPECT_EQ(original.records[0], 12.5f);
  for (const char* name : {"ascii.pcd", "compressed.pcd"}) {
    SCOPED_TRACE(name);
    const PointSweep copy = read_nuscenes_radar_pcd(dir / name, "RADAR_FRONT");
    EXPECT_EQ(copy.fields, original.fields);
    EXPECT_EQ(copy.records, original.records);
  }
}

struct Claim {
  std::string width, points;
  std::vector<std::string> mentions;
};

TEST(NuscenesRadarHostile, HugeClaimsFailInMillisecondsNamingLineAndKeyword) {
  const std::vector<Claim> claims = {
      {"WIDTH 4294967295", "POINTS 3", {"line 7, WIDTH", "points 4294967295 exceeds the limit of 50000000"}},
      {"WIDTH 200000000",
       "POINTS 3",
       {"line 7, WIDTH", "points 200000000 exceeds the limit", "FUSELABEL_MAX_POINTS_PER_SWEEP"}},
      {"WIDTH 2e8", "POINTS 3", {"line 7, WIDTH", "expected a non-negative integer, got '2e8'"}},
      {"WIDTH 1000000",
       "POINTS 1000001",
       {"line 10, POINTS", "1000001 points, but WIDTH x HEIGHT is 1000000 x 1 = 1000000"}},
      {"WIDTH 1000000",
       "POINTS 1000000",
       {"line 10, POINTS", "truncated: 129 bytes of point data, 1000000 points of 43 bytes need 43000000"}},
  };
  TempDir dir;
  for (const Claim& claim : claims) {
    SCOPED_TRACE(claim.width + " " + claim.points);
    std::string bytes = with_header_line("WIDTH 3", claim.width);
    bytes.replace(bytes.find("POINTS 3"), 8, claim.points);
    testing::write_text(dir / "r.pcd", bytes);
    std::vector<std::string> mentions = claim.mentions;
    mentions.push_back("r.pcd");
    const auto start = std::chrono::steady_clock::now();
    expect_input_error([&] { read_nuscenes_radar_pcd(dir / "r.pcd", "R"); }, mentions);
    EXPECT_LT(std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count(), 0.5);
  }
}

TEST(NuscenesRadarHostile, BadAsciiValuesNameLineAndField) {
  TempDir dir;
  testing::write_nuscenes_radar_pcd(dir / "binary.pcd", scan_points());
  const std::string ascii = reencoded(dir / "binary.pcd", PcdData::Ascii);
  const size_t second_row = ascii.find('\n', ascii.find("DATA ascii\n") + 11) + 1;
  std::string letters = ascii;
  letters.replace(second_row, 0, "a b c ");  // 21 values in row 2 (line 13)
  testing::write_text(dir / "letters.pcd", letters);
  expect_input_error([&] { read_nuscenes_radar_pcd(dir / "letters.pcd", "R"); },
                     {"letters.pcd", "line 13", "21 values, the header declares 18 per point"});
  std::string word = ascii;
  word.replace(second_row, 2, "a0");  // x of row 2 was "30"
  testing::write_text(dir / "word.pcd", word);
  expect_input_error([&] { read_nuscenes_radar_pcd(dir / "word.pcd", "R"); },
                     {"word.pcd", "line 13, field x", "expected a number (TYPE F SIZE 4), got 'a0'"});
  std::string wide = ascii;
  const size_t dyn_prop = ascii.find(' ', ascii.find(' ', ascii.find(' ', second_row) + 1) + 1) + 1;
  wide.replace(dyn_prop, 1, "300");  // dyn_prop is I 1
  testing::write_text(dir / "wide.pcd", wide);
  expect_input_error([&] { read_nuscenes_radar_pcd(dir / "wide.pcd", "R"); },
                     {"wide.pcd", "line 13, field dyn_prop", "expected a signed integer (TYPE I SIZE 1), got '300'"});
}

TEST(NuscenesRadarHostile, NothingReachesStderr) {
  TempDir dir;
  testing::write_text(dir / "bad.pcd", with_header_line("DATA binary", "DATA binary_compressed"));
  ::testing::internal::CaptureStderr();
  expect_input_error([&] { read_nuscenes_radar_pcd(dir / "bad.pcd", "R"); },
                     {"bad.pcd", "line 11, DATA binary_compressed"});
  testing::write_text(dir / "text.pcd", "not a point cloud\n");
  expect_input_error([&] { read_nuscenes_radar_pcd(dir / "text.pcd", "R"); },
                     {"text.pcd", "line 1", "not a readable PCD"});
  EXPECT_EQ(::testing::internal::GetCapturedStderr(), "");
}

}  // namespace
}  // namespace fuselabel
