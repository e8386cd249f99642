// Load time of a trainval-sized nuScenes dataroot: a timing tool, not a test (disabled; it
// asserts nothing about time). Run with
//   io_tests --gtest_also_run_disabled_tests --gtest_filter='NuscenesLoadTiming.*'
// It writes the fixture's scene plus synthetic rows of 850 other scenes at trainval's scale
// (34,000 samples, 1,000,000 sample_annotation rows, 2,600,000 sample_data and ego_pose rows),
// formatted as nuScenes formats its tables, then opens the fixture's scene and prints the time
// of each phase and the peak resident memory.
#include <gtest/gtest.h>
#include <sys/resource.h>

#include <chrono>
#include <cstdio>
#include <ctime>
#include <fstream>
#include <iostream>

#include "io/nuscenes/nuscenes_drive.h"
#include "io/nuscenes/nuscenes_json.h"
#include "nuscenes_fixture.h"
#include "test_support.h"

namespace fuselabel {
namespace {

using testing::json;
using testing::nuscenes_token;

constexpr int kScenes = 850, kSamplesPerScene = 40;
constexpr int64_t kAnnotations = 1'000'000, kSampleData = 2'600'000;

// Wall and CPU time of a phase: the development machine is shared, so CPU time (this process
// is single-threaded) is the number that does not depend on the neighbours' load.
struct Stopwatch {
  std::chrono::steady_clock::time_point wall = std::chrono::steady_clock::now();
  std::clock_t cpu = std::clock();
  std::string report() const {
    const double w = std::chrono::duration<double>(std::chrono::steady_clock::now() - wall).count();
    const double c = double(std::clock() - cpu) / CLOCKS_PER_SEC;
    return std::to_string(c) + " s CPU (" + std::to_string(w) + " s wall)";
  }
};

std::string synthetic_token(int64_t kind, int64_t i) { return nuscenes_token(uint64_t(kind) << 40 | uint64_t(i)); }

// Writes `table` as nuScenes does ("[\n{\n"key": value,\n...\n},\n...]"): the fixture's rows,
// then `extra` synthetic rows produced by row(i, buffer).
template <typename Row>
void write_large_table(const std::filesystem::path& file, const json& fixture_rows, int64_t extra, Row row) {
  std::ofstream out(file, std::ios::binary);
  std::string buffer = "[\n";
  for (const json& r : fixture_rows) buffer += r.dump(0) + ",\n";
  char line[1024];
  for (int64_t i = 0; i < extra; ++i) {
    const int n = row(i, line, sizeof line);
    buffer.append(line, size_t(n));
    buffer += i + 1 < extra ? ",\n" : "\n";
    if (buffer.size() > (1 << 24)) out << buffer, buffer.clear();
  }
  out << buffer << "]\n";
}

TEST(NuscenesLoadTiming, DISABLED_TrainvalScaleTables) {
  testing::TempDir dir;
  testing::NuscenesFixture f;
  f.root = dir.path();
  testing::write_nuscenes_fixture(f);
  const Stopwatch generate;
  const std::string cs = f.tables["calibrated_sensor"][0]["token"];
  const int64_t samples = int64_t(kScenes) * kSamplesPerScene;
  auto sample_of = [](int64_t i) { return synthetic_token(2, i); };
  for (int s = 0; s < kScenes; ++s) {
    f.tables["scene"].push_back({{"token", synthetic_token(1, s)},
                                 {"log_token", f.tables["log"][0]["token"]},
                                 {"nbr_samples", kSamplesPerScene},
                                 {"name", "synthetic-" + std::to_string(s)},
                                 {"first_sample_token", sample_of(int64_t(s) * kSamplesPerScene)},
                                 {"last_sample_token", sample_of(int64_t(s + 1) * kSamplesPerScene - 1)},
                                 {"description", ""}});
    for (int k = 0; k < kSamplesPerScene; ++k) {
      const int64_t i = int64_t(s) * kSamplesPerScene + k;
      f.tables["sample"].push_back({{"token", sample_of(i)},
                                    {"timestamp", 1532402927647951 + i * 500000},
                                    {"prev", k ? sample_of(i - 1) : ""},
                                    {"next", k + 1 < kSamplesPerScene ? sample_of(i + 1) : ""},
                                    {"scene_token", synthetic_token(1, s)}});
    }
  }
  for (int64_t i = 0; i < 64'000; ++i)
    f.tables["instance"].push_back({{"token", synthetic_token(3, i)},
                                    {"category_token", f.tables["category"][0]["token"]},
                                    {"nbr_annotations", 18},
                                    {"first_annotation_token", ""},
                                    {"last_annotation_token", ""}});
  for (const char* table : {"scene", "sample", "instance"}) f.write_table(table);
  write_large_table(
      f.table_path("sample_annotation"), f.tables["sample_annotation"], kAnnotations,
      [&](int64_t i, char* line, size_t size) {
        return std::snprintf(
            line, size,
            "{\n\"token\": \"%s\",\n\"sample_token\": \"%s\",\n\"instance_token\": \"%s\",\n"
            "\"visibility_token\": \"4\",\n\"attribute_tokens\": [\n\"%s\"\n],\n"
            "\"translation\": [\n%.3f,\n%.3f,\n%.3f\n],\n\"size\": [\n1.941,\n4.614,\n1.668\n],\n"
            "\"rotation\": [\n0.9831098797903927,\n0.0,\n0.0,\n-0.18301629506281616\n],\n"
            "\"prev\": \"\",\n\"next\": \"\",\n\"num_lidar_pts\": 12,\n\"num_radar_pts\": 0\n}",
            synthetic_token(4, i).c_str(), sample_of(i % samples).c_str(), synthetic_token(3, i % 64'000).c_str(),
            f.tables["attribute"][0]["token"].get<std::string>().c_str(), 373.256 + i % 997, 1130.419 + i % 991, 0.8);
      });
  write_large_table(f.table_path("sample_data"), f.tables["sample_data"], kSampleData,
                    [&](int64_t i, char* line, size_t size) {
                      return std::snprintf(
                          line, size,
                          "{\n\"token\": \"%s\",\n\"sample_token\": \"%s\",\n\"ego_pose_token\": \"%s\",\n"
                          "\"calibrated_sensor_token\": \"%s\",\n\"timestamp\": %lld,\n\"fileformat\": \"pcd\",\n"
                          "\"is_key_frame\": false,\n\"height\": 0,\n\"width\": 0,\n"
                          "\"filename\": \"sweeps/LIDAR_TOP/n008-2018-08-01-15-16-36-0400__LIDAR_TOP__%lld.pcd.bin\",\n"
                          "\"prev\": \"%s\",\n\"next\": \"%s\"\n}",
                          synthetic_token(5, i).c_str(), sample_of(i % samples).c_str(), synthetic_token(6, i).c_str(),
                          cs.c_str(), 1532402927647951LL + i * 50000, 1532402927647951LL + i * 50000,
                          synthetic_token(5, i - 1).c_str(), synthetic_token(5, i + 1).c_str());
                    });
  write_large_table(
      f.table_path("ego_pose"), f.tables["ego_pose"], kSampleData, [&](int64_t i, char* line, size_t size) {
        return std::snprintf(line, size,
                             "{\n\"token\": \"%s\",\n\"timestamp\": %lld,\n\"rotation\": [\n0.5720320396729045,\n"
                             "-0.0016977771610471074,\n0.011798001930183783,\n-0.8201446642457809\n],\n"
                             "\"translation\": [\n411.3039349319818,\n1180.8903791765097,\n0.0\n]\n}",
                             synthetic_token(6, i).c_str(), 1532402927647951LL + i * 50000);
      });
  std::cout << "generated in " << generate.report() << ": sample_annotation.json "
            << std::filesystem::file_size(f.table_path("sample_annotation")) / 1e6 << " MB, sample_data.json "
            << std::filesystem::file_size(f.table_path("sample_data")) / 1e6 << " MB, ego_pose.json "
            << std::filesystem::file_size(f.table_path("ego_pose")) / 1e6 << " MB\n";

  for (const char* table : {"sample_annotation", "sample_data", "ego_pose"}) {
    const Stopwatch scan;
    int64_t rows = 0;
    nuscenes::for_each_record(f.table_path(table), [&](nuscenes::JsonRecord&) { ++rows; });
    std::cout << "scan of " << table << " (token of every row): " << rows << " rows in " << scan.report() << "\n";
  }
  const DriveOptions options = f.scene_options();
  const Stopwatch open;
  const NuscenesDrive drive(options);
  std::cout << "open scene-0061 (every table parsed once): " << open.report() << ", " << drive.frame_ids().size()
            << " frames\n";
  const Stopwatch frame;
  const FrameData data = drive.load_frame("1");
  std::cout << "load_frame(\"1\"): " << frame.report() << ", " << data.cuboids.size() << " cuboids\n";
  rusage usage{};
  getrusage(RUSAGE_SELF, &usage);
  std::cout << "peak resident memory: " << usage.ru_maxrss / 1024 << " MB\n";
  EXPECT_EQ(data.cuboids.size(), 2u);
}

}  // namespace
}  // namespace fuselabel
