// Scoring flags against known errors: track, frame, camera and the checks of the error's type.
#include "fusion/check/check_scoring.h"

#include <gtest/gtest.h>

namespace fuselabel {
namespace {

Flag flag(const std::string& check, const std::string& track, int64_t frame, const std::string& sensor = "",
          Severity severity = Severity::Error) {
  Flag f;
  f.check = check, f.track_id = track, f.frame = frame, f.sensor = sensor, f.severity = severity;
  return f;
}

TEST(CheckScoring, AFlagFindsAnErrorOfItsTrackFrameAndCheck) {
  const std::vector<KnownError> errors = {{"box_shift", "a", "", 5, -1, ""},
                                          {"class_flip", "b", "", 10, 12, ""},
                                          {"missing_2d", "c", "", 7, -1, "CAM_FRONT"},
                                          {"id_switch", "d", "e", 20, -1, ""},
                                          {"camera_time_offset", "", "", 0, -1, "CAM_FRONT"},
                                          {"lens_flare", "", "", 0, -1, "CAM_FRONT"}};  // no check finds it
  const std::vector<Flag> flags = {
      flag("track_motion", "a", 5),                     // finds box_shift
      flag("track_size", "a", 5),                       // not a check a box shift triggers
      flag("class_mismatch", "b", 13),                  // the flip back after the run
      flag("missing_2d", "c", 7, "CAM_BACK"),           // wrong camera
      flag("track_identity", "e", 20),                  // the other track of the swap
      flag("track_motion", "a", 6),                     // wrong frame
      flag("box_overlap", "z", 1, "", Severity::Info),  // not scored at warning
      flag("sensor_sync", "", -1, "CAM_FRONT"),         // the camera's offset (a flag of the whole drive)
  };
  const CheckScores s = score_checks(flags, errors, Severity::Warning);
  EXPECT_EQ(s.injected, 5);
  EXPECT_EQ(s.found, 4);
  EXPECT_EQ(s.by_type.at("missing_2d").found, 0);
  EXPECT_EQ(s.flags, 7);
  EXPECT_EQ(s.true_flags, 4);
  EXPECT_EQ(s.false_flags.size(), 3u);
  ASSERT_EQ(s.missed.size(), 1u);
  EXPECT_EQ(errors[s.missed[0]].type, "missing_2d");
  ASSERT_EQ(s.not_scored.size(), 1u);
  EXPECT_EQ(s.not_scored[0], "lens_flare: 1");
  EXPECT_DOUBLE_EQ(s.precision(), 4.0 / 7);
  EXPECT_DOUBLE_EQ(s.recall(), 0.8);
}

TEST(CheckScoring, ASensorErrorIsFoundOnItsSensorWithinTenFrames) {
  const std::vector<KnownError> errors = {{"camera_extrinsic", "", "", 50, -1, "CAM_FRONT"},
                                          {"camera_extrinsic", "", "", 50, -1, "CAM_LEFT"},
                                          {"radar_extrinsic", "", "", 30, -1, "RADAR_FRONT"}};
  const std::vector<Flag> flags = {
      flag("calibration_drift", "", 58, "CAM_FRONT"),   // 8 frames late: found
      flag("calibration_drift", "", 39, "CAM_LEFT"),    // 11 frames early: a false alarm
      flag("radar_alignment", "", 30, "RADAR_BACK"),    // the other radar
      flag("calibration_drift", "", 30, "RADAR_FRONT")  // not the radar's check
  };
  const CheckScores s = score_checks(flags, errors, Severity::Warning);
  EXPECT_EQ(s.injected, 3);
  EXPECT_EQ(s.found, 1);
  EXPECT_EQ(s.true_flags, 1);
  EXPECT_EQ(s.by_type.at("camera_extrinsic").found, 1);
  EXPECT_EQ(s.by_type.at("radar_extrinsic").found, 0);
}

}  // namespace
}  // namespace fuselabel
