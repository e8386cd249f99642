#pragma once
// A corruption profile (docs/corruption.md): which errors to inject into a drive's labels and
// sensors, how many of each and the ranges their parameters are drawn from. The injected
// errors are the ground truth against which the consistency checks' precision and recall are
// measured.
#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

namespace fuselabel {

enum class CorruptionType {
  // Label errors (corrupt_labels)
  BoxShift,        // 3D box centre moved horizontally
  YawFlip,         // 3D box turned by pi about its own z axis
  SizeChange,      // 3D box scaled
  ClassFlip,       // a contiguous run of a track's boxes labelled with another class
  IdSwitch,        // two tracks exchange their ids from one frame on
  Missing2D,       // a 2D box removed
  Inconsistent2D,  // a 2D box moved and scaled away from its object
  Missing3D,       // the 3D box of a visible object removed
  // Sensor errors (draw_sensor_faults), rendered by the simulator
  CameraTimeOffset,
  CameraExtrinsic,
  // Label errors added later (at the end: each type's random stream follows from its value)
  BoxLift,  // 3D box centre moved vertically: floating above or sunk into the ground
  // Sensor errors added later
  RadarExtrinsic,  // a radar's mount rotated and shifted from one frame on
};

// "box_shift", "yaw_flip", ... (the profile keys and the injected-errors file's type names).
const char* corruption_type_name(CorruptionType type);
std::optional<CorruptionType> corruption_type_from_name(const std::string& name);
bool is_sensor_error(CorruptionType type);

struct ValueRange {
  double min = 0, max = 0;
};

struct IntRange {
  int64_t min = 0, max = 0;
};

// How many errors of one type: a fixed count, or a fraction of the eligible items (3D boxes,
// 2D boxes, tracks or cameras, per type; docs/corruption.md), rounded to the nearest integer.
struct ErrorAmount {
  int64_t count = 0;
  std::optional<double> rate;

  int64_t planned(int64_t eligible) const;
};

struct BoxShiftSpec {
  ErrorAmount amount;
  ValueRange distance_m = {0.5, 2.0};  // in a uniformly random horizontal direction
};

struct BoxLiftSpec {
  ErrorAmount amount;
  ValueRange distance_m = {0.5, 1.0};  // up or down, with equal chance
};

struct YawFlipSpec {
  ErrorAmount amount;
};

struct SizeChangeSpec {
  ErrorAmount amount;
  ValueRange factor = {1.2, 1.5};  // >= 1; the box grows or shrinks by it, with equal chance
};

struct ClassFlipSpec {
  ErrorAmount amount;
  std::vector<std::string> classes;  // the wrong class is drawn from these (never the track's own)
  IntRange run_frames = {2, 5};      // length of the run, in consecutive labelled frames of the track
};

struct IdSwitchSpec {
  ErrorAmount amount;
  std::optional<double> max_distance_m;  // only tracks this close at the switch; absent: any pair
};

struct Missing2DSpec {
  ErrorAmount amount;
};

struct Inconsistent2DSpec {
  ErrorAmount amount;
  double max_iou = 0.3;            // the moved box's IoU with the true box is drawn in [0, max_iou)
  ValueRange scale = {0.8, 1.25};  // applied to width and height about the box centre
};

struct Missing3DSpec {
  ErrorAmount amount;
};

struct CameraTimeOffsetSpec {
  ErrorAmount amount;
  IntRange offset_us = {20000, 60000};  // signed: the recorded stamps are this much late
};

// A sensor's mount moved from a drawn frame on (camera_extrinsic, radar_extrinsic).
struct ExtrinsicDriftSpec {
  ErrorAmount amount;
  ValueRange rotation_deg = {0.5, 1.5};    // about a uniformly random axis
  ValueRange translation_m = {0.0, 0.05};  // in a uniformly random direction
};
using CameraExtrinsicSpec = ExtrinsicDriftSpec;
using RadarExtrinsicSpec = ExtrinsicDriftSpec;

struct CorruptionProfile {
  uint64_t seed = 0;
  BoxShiftSpec box_shift;
  BoxLiftSpec box_lift;
  YawFlipSpec yaw_flip;
  SizeChangeSpec size_change;
  ClassFlipSpec class_flip;
  IdSwitchSpec id_switch;
  Missing2DSpec missing_2d;
  Inconsistent2DSpec inconsistent_2d;
  Missing3DSpec missing_3d;
  CameraTimeOffsetSpec camera_time_offset;
  CameraExtrinsicSpec camera_extrinsic;
  RadarExtrinsicSpec radar_extrinsic;
};

// Strict: an unknown key, a missing count/rate, a range with min > max or a value outside its
// domain throws InputError naming the file, line and key.
CorruptionProfile read_corruption_profile(const std::filesystem::path& file);

// Whether the profile asks for any sensor error (only the simulator can render them).
bool asks_for_sensor_errors(const CorruptionProfile& profile);

}  // namespace fuselabel
