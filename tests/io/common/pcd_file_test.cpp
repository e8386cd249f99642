// PCD files read without PCL: the three DATA encodings give the same packed records, field
// offsets follow SIZE x COUNT in header order, and LZF streams decode per liblzf's format
// (literal runs, short and long back references, overlapping copies). Checked against PCL's own
// writer while this reader was written; here every file is built by hand.
#include "io/common/pcd_file.h"

#include <gtest/gtest.h>

#include <cmath>
#include <cstring>

#include "io/common/lzf.h"
#include "io/io_test_support.h"

namespace fuselabel {
namespace {

using testing::TempDir;

const std::string kHeaderStart =
    "# .PCD v0.7 - Point Cloud Data file format\nVERSION 0.7\nFIELDS x rgb label\nSIZE 4 1 8\nTYPE F U I\n"
    "COUNT 1 3 1\nWIDTH 2\nHEIGHT 1\nVIEWPOINT 0 0 0 1 0 0 0\nPOINTS 2\nDATA ";

// Two points: x float, rgb three uint8, label int64; 4 + 3 + 8 = 15 bytes each.
struct Point {
  float x;
  uint8_t rgb[3];
  int64_t label;
};
const Point kPoints[2] = {{1.5f, {1, 2, 250}, -7}, {-0.25f, {0, 128, 255}, 1234567890123}};

template <typename T>
void append(std::string& out, const T& value) {
  out.append(reinterpret_cast<const char*>(&value), sizeof value);
}

std::string packed_records() {
  std::string out;
  for (const Point& p : kPoints) {
    append(out, p.x);
    out.append(reinterpret_cast<const char*>(p.rgb), 3);
    append(out, p.label);
  }
  return out;
}

// The planes PCL compresses: all x, then all rgb, then all label.
std::string planes() {
  std::string out;
  for (const Point& p : kPoints) append(out, p.x);
  for (const Point& p : kPoints) out.append(reinterpret_cast<const char*>(p.rgb), 3);
  for (const Point& p : kPoints) append(out, p.label);
  return out;
}

// A valid LZF stream made of literal runs only (at most 32 bytes each).
std::string lzf_literals(const std::string& data) {
  std::string out;
  for (size_t at = 0; at < data.size(); at += 32) {
    const size_t run = std::min<size_t>(32, data.size() - at);
    out += char(run - 1);
    out += data.substr(at, run);
  }
  return out;
}

void expect_the_two_points(const PcdCloud& cloud) {
  ASSERT_EQ(cloud.header.points, 2);
  ASSERT_EQ(cloud.header.record_bytes, 15);
  ASSERT_EQ(cloud.header.fields.size(), 3u);
  EXPECT_EQ(cloud.header.fields[1].offset, 4);
  EXPECT_EQ(cloud.header.fields[2].offset, 7);
  EXPECT_EQ(cloud.header.values, 5);
  EXPECT_EQ(cloud.records, packed_records());
  const PcdField& label = *cloud.header.find("label");
  EXPECT_EQ(pcd_value(cloud.records.data() + 15 + label.offset, label), 1234567890123.0);
  EXPECT_EQ(cloud.header.find("missing"), nullptr);
}

TEST(PcdFile, AsciiBinaryAndCompressedGiveTheSameRecords) {
  TempDir dir;
  testing::write_text(dir / "a.pcd", kHeaderStart + "ascii\n1.5 1 2 250 -7\r\n\n-0.25 0 +128 255 1234567890123\n");
  testing::write_text(dir / "b.pcd", kHeaderStart + "binary\n" + packed_records() + std::string(100, '\0'));
  std::string prefix;
  append(prefix, uint32_t(lzf_literals(planes()).size()));
  append(prefix, uint32_t(planes().size()));
  testing::write_text(dir / "c.pcd", kHeaderStart + "binary_compressed\n" + prefix + lzf_literals(planes()));
  for (const char* name : {"a.pcd", "b.pcd", "c.pcd"}) {
    SCOPED_TRACE(name);
    expect_the_two_points(read_pcd_file(dir / name));
  }
  EXPECT_EQ(read_pcd_file(dir / "a.pcd").header.data, PcdData::Ascii);
  EXPECT_EQ(read_pcd_file(dir / "c.pcd").header.data, PcdData::BinaryCompressed);
}

TEST(PcdFile, CompressedPaddingFieldsHaveNoPlaneAndNoPlaceInTheRecords) {
  // A "_" field of a billion bytes per point: no plane in the data, so nothing is allocated for it.
  TempDir dir;
  std::string planes;
  for (const Point& p : kPoints) append(planes, p.x);
  for (const Point& p : kPoints) append(planes, p.label);
  std::string prefix;
  append(prefix, uint32_t(lzf_literals(planes).size()));
  append(prefix, uint32_t(planes.size()));
  testing::write_text(dir / "pad.pcd",
                      "VERSION 0.7\nFIELDS x _ label\nSIZE 4 1 8\nTYPE F U I\nCOUNT 1 1000000000 1\n"
                      "WIDTH 2\nHEIGHT 1\nPOINTS 2\nDATA binary_compressed\n" +
                          prefix + lzf_literals(planes));
  const PcdCloud cloud = read_pcd_file(dir / "pad.pcd");
  ASSERT_EQ(cloud.header.fields.size(), 2u);
  EXPECT_EQ(cloud.header.record_bytes, 12);
  EXPECT_EQ(cloud.header.find("label")->offset, 4);
  ASSERT_EQ(cloud.records.size(), 24u);
  EXPECT_EQ(pcd_value(cloud.records.data() + 12, cloud.header.fields[0]), -0.25);
  EXPECT_EQ(pcd_value(cloud.records.data() + 12 + 4, cloud.header.fields[1]), 1234567890123.0);
}

TEST(PcdFile, AsciiNanIsKeptForTheReaderToJudge) {
  TempDir dir;
  testing::write_text(dir / "nan.pcd", kHeaderStart + "ascii\nnan 1 2 3 4\n1 1 2 3 4\n");
  const PcdCloud cloud = read_pcd_file(dir / "nan.pcd");
  EXPECT_TRUE(std::isnan(pcd_value(cloud.records.data(), cloud.header.fields[0])));
}

TEST(PcdFile, EmptyCloudAndLongHeader) {
  TempDir dir;
  const std::string empty = "VERSION .7\nFIELDS x\nSIZE 4\nTYPE F\nWIDTH 0\nHEIGHT 0\nPOINTS 0\nDATA binary\n";
  testing::write_text(dir / "empty.pcd", empty);
  EXPECT_EQ(read_pcd_file(dir / "empty.pcd").records, "");
  // Comments past the first 64 KiB read: the header is read again from the whole file.
  std::string comments;
  for (int i = 0; i < 3000; ++i) comments += "# a comment line of some thirty bytes\n";
  testing::write_text(dir / "long.pcd", comments + kHeaderStart + "binary\n" + packed_records());
  const PcdCloud cloud = read_pcd_file(dir / "long.pcd");
  EXPECT_EQ(cloud.header.data_line, 3000 + 11);
  expect_the_two_points(cloud);
}

TEST(PcdFile, HeaderCheckRunsBeforeTheDataIsLookedAt) {
  TempDir dir;
  testing::write_text(dir / "cut.pcd", kHeaderStart + "binary\n" + packed_records().substr(0, 20));
  testing::expect_input_error(
      [&] {
        read_pcd_file(dir / "cut.pcd",
                      [&](const PcdHeader&) { throw InputError(dir / "cut.pcd", "field z", "missing"); });
      },
      {"cut.pcd", "field z", "missing"});
  testing::expect_input_error([&] { read_pcd_file(dir / "cut.pcd"); }, {"cut.pcd", "truncated: 20 bytes"});
}

std::string decompressed(const std::string& stream, size_t size) {
  std::string out(size, '?');
  lzf_decompress(stream, out.data(), out.size());
  return out;
}

TEST(Lzf, LiteralRunsAndBackReferences) {
  EXPECT_EQ(decompressed(std::string("\x02"
                                     "abc",
                                     4),
                         3),
            "abc");
  // "abc", then a back reference of length 2 + 1 = 3 at distance 3: "abcabc".
  EXPECT_EQ(decompressed(std::string("\x02"
                                     "abc"
                                     "\x20\x02",
                                     6),
                         6),
            "abcabc");
  // One literal, then an overlapping copy at distance 1 of length 7 + 2 + 10 = 19 (long form).
  EXPECT_EQ(decompressed(std::string("\x00"
                                     "z"
                                     "\xe0\x0a\x00",
                                     5),
                         20),
            std::string(20, 'z'));
  // Distance over 256: high bits in the control byte. 300 literals, then copy 3 from 300 back.
  std::string literals, stream;
  for (int i = 0; i < 300; ++i) literals += char('a' + i % 26);
  stream = lzf_literals(literals) + std::string("\x21\x2b", 2);  // distance ((1 << 8) | 0x2b) + 1 = 300
  EXPECT_EQ(decompressed(stream, 303), literals + literals.substr(0, 3));
  EXPECT_EQ(decompressed("", 0), "");
}

TEST(Lzf, MalformedStreamsThrowNamingTheByte) {
  auto fails_with = [](const std::string& stream, size_t size, const std::string& words) {
    std::string out(size, '\0');
    try {
      lzf_decompress(stream, out.data(), out.size());
      ADD_FAILURE() << "accepted: " << words;
    } catch (const std::invalid_argument& e) {
      EXPECT_NE(std::string(e.what()).find(words), std::string::npos) << e.what();
    }
  };
  fails_with(std::string("\x05"
                         "ab",
                         3),
             6, "byte 0: literal run past the end of the data");
  fails_with(std::string("\x02"
                         "abc",
                         4),
             2, "byte 0: output longer than the declared size");
  fails_with(std::string("\x02"
                         "abc"
                         "\x20",
                         5),
             6, "byte 4: back reference past the end of the data");
  fails_with(std::string("\x02"
                         "abc"
                         "\x20\x05",
                         6),
             6, "byte 4: back reference before the start of the output");
  fails_with(std::string("\x02"
                         "abc"
                         "\x20\x02",
                         6),
             5, "byte 4: output longer than the declared size");
  fails_with(std::string("\x02"
                         "abc",
                         4),
             9, "decompresses to 3 bytes, the header declares 9");
}

}  // namespace
}  // namespace fuselabel
