// read_pcd_file against PCL 1.13 on files PCL's own writer makes (ascii, binary and
// binary_compressed): fresh random clouds of several field layouts (every TYPE/SIZE, a COUNT > 1
// field, nuScenes' 18-field radar record), sizes and organizations, read by both readers and
// compared value by value, bit for bit (a NaN equals any NaN: PCL's ascii writer spells every NaN
// "nan"). Each reading is also compared with the cloud written (ascii: its integers; PCL prints
// floats with 8 digits). Where PCL's own reading is wrong (ascii 64-bit integers beyond 2^53, see
// survives_double) only the written cloud is the reference. PCL is only a reference here:
// fuselabel's io library does not link it.
#include <gtest/gtest.h>
#include <pcl/PCLPointCloud2.h>
#include <pcl/common/io.h>
#include <pcl/console/print.h>
#include <pcl/io/pcd_io.h>
#include <pcl/point_types.h>

#include <cmath>
#include <cstring>
#include <limits>
#include <random>
#include <string>
#include <vector>

#include "io/common/pcd_file.h"
#include "model/input_error.h"
#include "test_support.h"

namespace fuselabel {
namespace {

using Field = pcl::PCLPointField;

struct FieldSpec {
  std::string name;
  uint8_t datatype;
  uint32_t count = 1;
};

struct Layout {
  std::string name;
  std::vector<FieldSpec> fields;
  bool aligned;  // offsets aligned to each value's size, as PCL's point types: gaps become "_" fields
};

// Every TYPE/SIZE PCL 1.13 writes, a COUNT 3 and a COUNT 2 field, aligned so that there are gaps.
Layout mixed_layout() {
  return {"mixed",
          {{"x", Field::FLOAT32},
           {"y", Field::FLOAT32},
           {"z", Field::FLOAT32},
           {"label", Field::UINT8},
           {"ring", Field::INT16},
           {"rgb", Field::UINT8, 3},
           {"stamp", Field::UINT32},
           {"range", Field::FLOAT64},
           {"i8", Field::INT8},
           {"u16", Field::UINT16},
           {"i32", Field::INT32},
           {"normal", Field::FLOAT32, 2},
           {"i64", Field::INT64},
           {"u64", Field::UINT64}},
          true};
}

// nuScenes' radar record, packed (43 bytes) as nuScenes ships it.
Layout radar_layout() {
  Layout layout{"radar", {}, false};
  for (const char* name : {"x", "y", "z"}) layout.fields.push_back({name, Field::FLOAT32});
  layout.fields.push_back({"dyn_prop", Field::INT8});
  layout.fields.push_back({"id", Field::INT16});
  for (const char* name : {"rcs", "vx", "vy", "vx_comp", "vy_comp"}) layout.fields.push_back({name, Field::FLOAT32});
  for (const char* name : {"is_quality_valid", "ambig_state", "x_rms", "y_rms", "invalid_state", "pdh0", "vx_rms",
                           "vy_rms"})
    layout.fields.push_back({name, Field::INT8});
  return layout;
}

enum class Encoding { Ascii, Binary, Compressed };

const char* encoding_name(Encoding e) {
  return e == Encoding::Ascii ? "ascii" : e == Encoding::Binary ? "binary" : "binary_compressed";
}

// A float of the kinds a reader can get wrong: specials, ordinary values, any bit pattern.
// Infinities only where the file is binary (fuselabel refuses them in ascii; see below).
template <typename Float, typename Bits>
Float random_float(std::mt19937_64& rng, bool infinities) {
  using limits = std::numeric_limits<Float>;
  const Float specials[] = {limits::quiet_NaN(), -limits::quiet_NaN(), Float(0), -Float(0), limits::denorm_min(),
                            -limits::min(),      limits::max(),        limits::lowest(), Float(1) / 3};
  const uint64_t pick = rng() % 16;
  if (pick == 0) {
    if (infinities && rng() % 4 == 0) return rng() % 2 ? limits::infinity() : -limits::infinity();
    return specials[rng() % (sizeof specials / sizeof specials[0])];
  }
  if (pick < 8) return std::uniform_real_distribution<Float>(-1000, 1000)(rng);
  const Bits bits = static_cast<Bits>(rng());
  Float value;
  std::memcpy(&value, &bits, sizeof value);
  return std::isinf(value) && !infinities ? limits::quiet_NaN() : value;
}

// One value of `datatype` at `out`: floats by random_float, integers any bit pattern.
void fill_value(uint8_t datatype, uint8_t* out, std::mt19937_64& rng, bool infinities) {
  if (datatype == Field::FLOAT32) {
    const float value = random_float<float, uint32_t>(rng, infinities);
    std::memcpy(out, &value, sizeof value);
  } else if (datatype == Field::FLOAT64) {
    const double value = random_float<double, uint64_t>(rng, infinities);
    std::memcpy(out, &value, sizeof value);
  } else {
    const uint64_t bits = rng();
    std::memcpy(out, &bits, pcl::getFieldSize(datatype));
  }
}

pcl::PCLPointCloud2 random_cloud(const Layout& layout, uint32_t width, uint32_t height, uint64_t seed,
                                 bool infinities) {
  pcl::PCLPointCloud2 cloud;
  uint32_t offset = 0;
  for (const FieldSpec& spec : layout.fields) {
    const uint32_t size = pcl::getFieldSize(spec.datatype);
    if (layout.aligned) offset = (offset + size - 1) / size * size;
    Field field;
    field.name = spec.name;
    field.datatype = spec.datatype;
    field.count = spec.count;
    field.offset = offset;
    cloud.fields.push_back(field);
    offset += size * spec.count;
  }
  cloud.point_step = layout.aligned ? (offset + 15) / 16 * 16 : offset;
  cloud.width = width;
  cloud.height = height;
  cloud.row_step = cloud.point_step * width;
  std::mt19937_64 rng(seed);
  cloud.data.resize(size_t(cloud.row_step) * height);
  for (uint8_t& byte : cloud.data) byte = uint8_t(rng());  // padding bytes too
  for (size_t p = 0; p < size_t(width) * height; ++p)
    for (const Field& field : cloud.fields)
      for (uint32_t c = 0; c < field.count; ++c)
        fill_value(field.datatype, &cloud.data[p * cloud.point_step + field.offset + c * pcl::getFieldSize(field.datatype)],
                   rng, infinities);
  return cloud;
}

void write_with_pcl(const std::string& file, const pcl::PCLPointCloud2& cloud, Encoding encoding) {
  pcl::PCDWriter writer;
  const int rc = encoding == Encoding::Ascii    ? writer.writeASCII(file, cloud)
                 : encoding == Encoding::Binary ? writer.writeBinary(file, cloud)
                                                : writer.writeBinaryCompressed(file, cloud);
  ASSERT_EQ(rc, 0) << "PCL could not write " << file;
}

pcl::PCLPointCloud2 read_with_pcl(const std::string& file) {
  pcl::PCLPointCloud2 cloud;
  pcl::PCDReader reader;
  EXPECT_EQ(reader.read(file, cloud), 0) << "PCL could not read " << file;
  return cloud;
}

bool same_value(const char* expected, const char* actual, const PcdField& field) {
  if (field.type == 'F' && field.size == 4) {
    float a, b;
    std::memcpy(&a, expected, 4), std::memcpy(&b, actual, 4);
    if (std::isnan(a) && std::isnan(b)) return true;
  } else if (field.type == 'F') {
    double a, b;
    std::memcpy(&a, expected, 8), std::memcpy(&b, actual, 8);
    if (std::isnan(a) && std::isnan(b)) return true;
  }
  return std::memcmp(expected, actual, size_t(field.size)) == 0;
}

// Whether a 64-bit integer survives a trip through double. PCL 1.13's ascii reader parses every
// value after a file's first with atof: detail::copyStringValue (pcl/io/file_io.h) reuses one
// istringstream via is.str() without clear(), so the eofbit of the first value fails every later
// `is >> value` and the fallback static_cast<Type>(atof(token)) runs. 64-bit integers beyond 2^53
// come back rounded (UINT64 18446744073709551615 as 0); fuselabel reads them exactly.
bool survives_double(const char* at, const PcdField& field) {
  if (field.type == 'F' || field.size != 8) return true;
  if (field.type == 'I') {
    int64_t v;
    std::memcpy(&v, at, 8);
    const double d = double(v);
    return d < 0x1p63 && int64_t(d) == v;
  }
  uint64_t v;
  std::memcpy(&v, at, 8);
  const double d = double(v);
  return d < 0x1p64 && uint64_t(d) == v;
}

// Which values a comparison covers.
struct Coverage {
  bool floats = true;         // false against a cloud written as ascii: PCL prints 8 digits
  bool beyond_double = true;  // false against PCL's ascii reading (survives_double)
};

template <typename F>
std::vector<const F*> without_padding(const std::vector<F>& fields) {
  std::vector<const F*> named;
  for (const F& field : fields)
    if (field.name != "_") named.push_back(&field);
  return named;
}

std::string value_text(const char* at, const PcdField& field) {
  if (field.type == 'F') return std::to_string(pcd_value(at, field));
  uint64_t bits = 0;
  std::memcpy(&bits, at, size_t(field.size));
  if (field.type == 'U') return std::to_string(bits);
  const int shift = 64 - 8 * field.size;  // sign-extend
  return std::to_string(int64_t(bits << shift) >> shift);
}

// `expected`'s shape and fields (besides "_" padding) are fuselabel's `actual`, and the values
// `coverage` names too.
void expect_same_cloud(const pcl::PCLPointCloud2& expected, const PcdCloud& actual, const std::string& what,
                       Coverage coverage = {}) {
  SCOPED_TRACE(what);
  const PcdHeader& h = actual.header;
  ASSERT_EQ(h.width, expected.width);
  ASSERT_EQ(h.height, expected.height);
  ASSERT_EQ(h.points, int64_t(expected.width) * expected.height);
  ASSERT_EQ(actual.records.size(), size_t(h.points * h.record_bytes));
  ASSERT_EQ(expected.data.size(), size_t(h.points) * expected.point_step);
  const std::vector<const Field*> theirs = without_padding(expected.fields);
  const std::vector<const PcdField*> ours = without_padding(h.fields);
  ASSERT_EQ(ours.size(), theirs.size());
  int64_t mismatches = 0;
  std::string first;
  for (size_t f = 0; f < ours.size(); ++f) {
    const Field& t = *theirs[f];
    const PcdField& o = *ours[f];
    ASSERT_EQ(o.name, t.name);
    ASSERT_EQ(o.type, pcl::getFieldType(t.datatype)) << o.name;
    ASSERT_EQ(o.size, int(pcl::getFieldSize(t.datatype))) << o.name;
    ASSERT_EQ(o.count, int64_t(t.count)) << o.name;
    if (o.type == 'F' && !coverage.floats) continue;
    for (int64_t p = 0; p < h.points; ++p)
      for (int64_t c = 0; c < o.count; ++c) {
        const char* a =
            reinterpret_cast<const char*>(&expected.data[size_t(p) * expected.point_step + t.offset + c * o.size]);
        const char* b = &actual.records[size_t(p * h.record_bytes + o.offset + c * o.size)];
        if (!coverage.beyond_double && !survives_double(b, o)) continue;
        if (same_value(a, b, o)) continue;
        if (mismatches++ == 0)
          first = "point " + std::to_string(p) + " field " + o.name + "[" + std::to_string(c) + "]: expected " +
                  value_text(a, o) + ", fuselabel " + value_text(b, o);
      }
  }
  EXPECT_EQ(mismatches, 0) << "first: " << first;
}

// Against PCL's reading (ascii: values PCL reads exactly) and against the cloud written (ascii:
// its integers, which PCL writes exactly).
void expect_same_as_pcl_and_written(const std::string& file, const pcl::PCLPointCloud2& written, Encoding encoding,
                                    const PcdCloud& ours, const std::string& what) {
  const bool ascii = encoding == Encoding::Ascii;
  expect_same_cloud(read_with_pcl(file), ours, what + ", against PCL's reading", {true, !ascii});
  expect_same_cloud(written, ours, what + ", against the cloud written", {!ascii, true});
}

// Writes with PCL, reads with both, compares.
void expect_parity(const pcl::PCLPointCloud2& written, Encoding encoding, const testing::TempDir& dir,
                   const std::string& what) {
  const std::string file = (dir / "cloud.pcd").string();
  write_with_pcl(file, written, encoding);
  PcdCloud ours;
  try {
    ours = read_pcd_file(file);
  } catch (const InputError& e) {
    FAIL() << what << ": fuselabel refused a file PCL wrote and read: " << e.what();
  }
  expect_same_as_pcl_and_written(file, written, encoding, ours, what);
}

struct Shape {
  uint32_t width, height;
};

struct ParityCase {
  Layout layout;
  Shape shape;
  Encoding encoding;
};

void PrintTo(const ParityCase& p, std::ostream* os) {
  *os << p.layout.name << " " << p.shape.width << "x" << p.shape.height << " " << encoding_name(p.encoding);
}

class PcdReaderParity : public ::testing::TestWithParam<ParityCase> {
 protected:
  static void SetUpTestSuite() { pcl::console::setVerbosityLevel(pcl::console::L_ERROR); }  // no empty-cloud warnings
};

TEST_P(PcdReaderParity, SameValuesAsPcl) {
  const ParityCase& p = GetParam();
  const uint64_t seed = 1000003ull * p.shape.width + 1009ull * p.shape.height + 31ull * uint64_t(p.encoding) +
                        p.layout.fields.size();
  const pcl::PCLPointCloud2 cloud =
      random_cloud(p.layout, p.shape.width, p.shape.height, seed, p.encoding != Encoding::Ascii);
  testing::TempDir dir;
  expect_parity(cloud, p.encoding, dir, p.layout.name + " " + encoding_name(p.encoding));
}

std::vector<ParityCase> parity_cases() {
  const Shape shapes[] = {{0, 1}, {1, 1}, {7, 1}, {1000, 1}, {100000, 1},  // unorganized
                          {1, 7}, {7, 3}, {40, 25}, {320, 240}};           // organized (HEIGHT > 1)
  std::vector<ParityCase> cases;
  for (const Layout& layout : {mixed_layout(), radar_layout()})
    for (const Shape& shape : shapes)
      for (Encoding encoding : {Encoding::Ascii, Encoding::Binary, Encoding::Compressed})
        cases.push_back({layout, shape, encoding});
  return cases;
}

std::string case_name(const ::testing::TestParamInfo<ParityCase>& info) {
  const ParityCase& p = info.param;
  return p.layout.name + "_" + std::to_string(p.shape.width) + "x" + std::to_string(p.shape.height) + "_" +
         encoding_name(p.encoding);
}

INSTANTIATE_TEST_SUITE_P(Layouts, PcdReaderParity, ::testing::ValuesIn(parity_cases()), case_name);

// Typed clouds through pcl::io::savePCDFile*, as PCL users write them: PointXYZI (padding inside
// the point) and FPFHSignature33 (one field of COUNT 33).
template <typename Point>
void expect_typed_parity(const pcl::PointCloud<Point>& cloud, const std::string& what) {
  pcl::PCLPointCloud2 written;
  pcl::toPCLPointCloud2(cloud, written);
  testing::TempDir dir;
  const std::string file = (dir / "typed.pcd").string();
  for (Encoding encoding : {Encoding::Ascii, Encoding::Binary, Encoding::Compressed}) {
    const int rc = encoding == Encoding::Ascii    ? pcl::io::savePCDFileASCII(file, cloud)
                   : encoding == Encoding::Binary ? pcl::io::savePCDFileBinary(file, cloud)
                                                  : pcl::io::savePCDFileBinaryCompressed(file, cloud);
    ASSERT_EQ(rc, 0);
    const std::string where = what + " " + encoding_name(encoding);
    expect_same_as_pcl_and_written(file, written, encoding, read_pcd_file(file), where);
  }
}

TEST(PcdReaderParityTyped, PointXYZI) {
  std::mt19937_64 rng(77);
  for (const Shape shape : {Shape{1000, 1}, Shape{32, 16}}) {
    pcl::PointCloud<pcl::PointXYZI> cloud(shape.width, shape.height);
    for (pcl::PointXYZI& p : cloud)
      p.x = random_float<float, uint32_t>(rng, false), p.y = random_float<float, uint32_t>(rng, false),
      p.z = random_float<float, uint32_t>(rng, false), p.intensity = random_float<float, uint32_t>(rng, false);
    expect_typed_parity(cloud, "PointXYZI " + std::to_string(shape.width) + "x" + std::to_string(shape.height));
  }
}

TEST(PcdReaderParityTyped, FPFHSignature33) {
  std::mt19937_64 rng(78);
  pcl::PointCloud<pcl::FPFHSignature33> cloud(500, 1);
  for (pcl::FPFHSignature33& p : cloud)
    for (float& bin : p.histogram) bin = random_float<float, uint32_t>(rng, false);
  expect_typed_parity(cloud, "FPFHSignature33");
}

// The one deliberate difference: PCL writes an infinite float as "inf" in ascii and reads it
// back; fuselabel's ascii reader refuses infinities (pcd_file.h). Binary encodings keep them
// (the parity cases above include them).
TEST(PcdReaderParityTyped, AsciiInfinityIsReadByPclAndRefusedByFuselabel) {
  pcl::PointCloud<pcl::PointXYZ> cloud(2, 1);
  cloud[0] = pcl::PointXYZ(1, 2, 3);
  cloud[1] = pcl::PointXYZ(std::numeric_limits<float>::infinity(), 0, 0);
  testing::TempDir dir;
  const std::string file = (dir / "inf.pcd").string();
  ASSERT_EQ(pcl::io::savePCDFileASCII(file, cloud), 0);
  const pcl::PCLPointCloud2 pcl_read = read_with_pcl(file);
  float x;
  std::memcpy(&x, &pcl_read.data[pcl_read.point_step], sizeof x);
  EXPECT_TRUE(std::isinf(x));
  EXPECT_THROW(read_pcd_file(file), InputError);
}

}  // namespace
}  // namespace fuselabel
