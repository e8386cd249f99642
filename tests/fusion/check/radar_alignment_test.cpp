// radar_alignment on the committed sample drive: silent on its fault-free radars, and a radar
// turned by 1 degree from a known frame on is flagged there with the angle it turned.
#include <gtest/gtest.h>

#include <cmath>
#include <cstring>
#include <fstream>
#include <sstream>

#include "fusion/check/check_registry.h"
#include "io/drive_reader.h"
#include "test_support.h"

namespace fs = std::filesystem;

namespace fuselabel {
namespace {

constexpr double kPi = 3.141592653589793;
constexpr int kRadarFields = 5;  // x y z vr rcs

// (timestamp, file) of a native drive sensor's index.csv.
std::vector<std::pair<int64_t, std::string>> index_of(const fs::path& drive, const std::string& sensor) {
  std::ifstream in(drive / "sensors" / sensor / "index.csv");
  std::vector<std::pair<int64_t, std::string>> rows;
  std::string line;
  std::getline(in, line);  // header
  while (std::getline(in, line)) {
    const size_t comma = line.find(',');
    rows.push_back({std::stoll(line.substr(0, comma)), line.substr(comma + 1)});
  }
  return rows;
}

// A copy of the sample drive whose `radar` measures, from LiDAR frame `from` on, from a mount
// turned by `yaw` about its z axis: a world point the nominal radar sees at (x, y) the turned one
// reports at (x, y) turned by -yaw; range, height and radial velocity are unchanged.
fs::path with_turned_radar(const testing::TempDir& dir, const std::string& radar, size_t from, double yaw) {
  const fs::path sample = testing::source_dir() / "data-samples/drive", copy = dir / "drive";
  fs::copy(sample, copy, fs::copy_options::recursive);
  const int64_t from_us = index_of(sample, "LIDAR_TOP").at(from).first;
  const float c = float(std::cos(yaw)), s = float(std::sin(yaw));
  for (const auto& [t_us, file] : index_of(sample, radar)) {
    if (t_us < from_us) continue;
    std::ifstream in(sample / file, std::ios::binary);
    std::stringstream bytes;
    bytes << in.rdbuf();
    std::string data = bytes.str();
    std::vector<float> records(data.size() / sizeof(float));
    std::memcpy(records.data(), data.data(), records.size() * sizeof(float));
    for (size_t i = 0; i + 1 < records.size(); i += kRadarFields) {
      const float x = records[i], y = records[i + 1];
      records[i] = c * x + s * y, records[i + 1] = -s * x + c * y;
    }
    std::ofstream out(copy / file, std::ios::binary | std::ios::trunc);
    out.write(reinterpret_cast<const char*>(records.data()), std::streamsize(records.size() * sizeof(float)));
  }
  return copy;
}

std::vector<Flag> radar_alignment_flags(const fs::path& drive) {
  const std::unique_ptr<DriveReader> reader = open_drive(drive);
  const LabelSet truth = reader->read_replacement_labels("ground_truth");
  Workspace ws(Device::Cpu);
  const CheckInputs inputs(*reader, truth, &ws);
  for (const auto& check : registered_checks())
    if (check->name() == "radar_alignment") {
      EXPECT_EQ(check->unavailable(inputs), "");
      std::vector<Flag> flags;
      check->run(inputs, CheckSettings(check->parameters()), flags);
      return flags;
    }
  ADD_FAILURE() << "radar_alignment is not registered";
  return {};
}

TEST(RadarAlignment, SilentOnTheFaultFreeSampleDrive) {
  for (const Flag& f : radar_alignment_flags(testing::source_dir() / "data-samples/drive"))
    ADD_FAILURE() << f.sensor << "@" << f.frame << ": " << f.message;
}

TEST(RadarAlignment, ARadarTurnedOneDegreeIsFlaggedFromTheFrameItTurned) {
  constexpr size_t kFrom = 15;
  for (const double yaw_deg : {1.0, -1.0}) {
    const testing::TempDir dir;
    const std::vector<Flag> flags =
        radar_alignment_flags(with_turned_radar(dir, "RADAR_BACK", kFrom, yaw_deg * kPi / 180));
    ASSERT_EQ(flags.size(), 1u) << yaw_deg;
    const Flag& f = flags[0];
    EXPECT_EQ(f.check, "radar_alignment");
    EXPECT_EQ(f.kind, "mount_rotated");
    EXPECT_EQ(f.severity, Severity::Error);
    EXPECT_EQ(f.sensor, "RADAR_BACK");
    EXPECT_TRUE(f.track_id.empty());
    EXPECT_NEAR(double(f.frame), double(kFrom), 3) << yaw_deg;
    EXPECT_NEAR(f.metrics.at("yaw_offset_deg"), yaw_deg, 0.2);
    EXPECT_NEAR(f.metrics.at("change_deg"), yaw_deg, 0.2);
    EXPECT_GT(f.metrics.at("uncertainty_deg"), 0);
    EXPECT_LT(f.metrics.at("uncertainty_deg"), 0.2);
    EXPECT_GE(f.metrics.at("returns"), 60);
    EXPECT_LT(std::fabs(f.metrics.at("range_offset_m")), 0.1) << "a turn is no shift";
    EXPECT_NE(f.message.find(yaw_deg > 0 ? "turned left" : "turned right"), std::string::npos) << f.message;
  }
}

}  // namespace
}  // namespace fuselabel
