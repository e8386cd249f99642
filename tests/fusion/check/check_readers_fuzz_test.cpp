// The files `fuselabel check` reads besides the drive: profile, waivers, taxonomy and a prelabel
// report, mutated at random, are read or refused with an InputError, never another failure.
#include <gtest/gtest.h>

#include "fusion/check/check_registry.h"
#include "fusion/check/prelabel_report_tracks.h"
#include "fusion/check/waivers.h"
#include "fuzz_support.h"
#include "io/drive_reader.h"

namespace fuselabel {
namespace {

constexpr int kRounds = 400;

TEST(CheckReadersFuzz, ProfileWaiversAndTaxonomyOnlyThrowInputError) {
  testing::TempDir dir;
  const auto profile = dir.path() / "checks.yaml", waivers = dir.path() / "waivers.json",
             taxonomy = dir.path() / "taxonomy.yaml";
  testing::write_text(profile,
                      "version: 1\nchecks:\n  track_motion:\n    jump_m: 0.3\n    classes:\n      pedestrian: "
                      "{accel_mps2: 3}\n      cyclist: {window: 4}\n  box_overlap: {enabled: false}\n"
                      "  ground_contact: {warn_m: 0.25, error_m: 0.6}\n");
  testing::write_text(waivers,
                      "{\"format\": \"fuselabel-waivers\", \"version\": 1, \"waivers\": [{\"flag\": "
                      "\"0123456789abcdef0123456789abcdef\", \"by\": \"ana\", \"reason\": \"parked trailer\"}]}\n");
  testing::write_text(taxonomy,
                      "name: fleet\nversion: \"2\"\nclasses:\n  vehicle: {size_min: [2, 1, 1], size_max: [20, 3, 4], "
                      "attributes: {parked: [yes, no]}}\n  van: {parent: vehicle}\n  pedestrian:\n");
  const auto parameters = declared_check_parameters();
  read_check_profile(profile, parameters);  // the originals are valid
  read_waivers(waivers);
  read_taxonomy(taxonomy);
  EXPECT_LT(testing::fuzz_file(profile, kRounds, 11, [&] { read_check_profile(profile, parameters); }), kRounds);
  EXPECT_LT(testing::fuzz_file(waivers, kRounds, 12, [&] { read_waivers(waivers); }), kRounds);
  EXPECT_LT(testing::fuzz_file(taxonomy, kRounds, 13, [&] { read_taxonomy(taxonomy); }), kRounds);
}

TEST(CheckReadersFuzz, PrelabelReportOnlyThrowsInputError) {
  const auto reader = open_drive(testing::source_dir() / "data-samples/drive");
  testing::TempDir dir;
  const auto report = dir.path() / "prelabel_report.json";
  testing::write_text(report,
                      "{\"drive\": \"d\", \"tracks\": [{\"number\": 1, \"track_id\": \"00001\", \"flagged_frames\": "
                      "[\"2\"], \"frames\": [{\"frame\": \"0\", \"source\": \"keyframe\", \"confidence\": 1, "
                      "\"fit_score\": 20.5, \"lidar_points\": 18}, {\"frame\": \"1\", \"source\": \"interpolated\", "
                      "\"confidence\": 0.9}, {\"frame\": \"2\", \"source\": \"refined\", \"fit_score\": 1e-3, "
                      "\"lidar_points\": 0}]}]}\n");
  const PrelabelReportTracks valid = read_prelabel_report_tracks(report, *reader);
  ASSERT_EQ(valid.tracks.size(), 1u);
  EXPECT_EQ(valid.tracks[0].frames.size(), 3u);
  EXPECT_EQ(valid.tracks[0].flagged_frames, std::vector<int64_t>{2});
  EXPECT_EQ(valid.tracks[0].frames[2].source, LabelSource::Refined);
  EXPECT_FALSE(valid.tracks[0].frames[1].fit_score);
  EXPECT_LT(testing::fuzz_file(report, kRounds, 14, [&] { read_prelabel_report_tracks(report, *reader); }), kRounds);
}

}  // namespace
}  // namespace fuselabel
