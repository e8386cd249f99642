#pragma once
// Error injection for measuring the consistency checks (docs/corruption.md): label errors are
// applied to a copy of a drive's true labels, sensor errors are drawn for the simulator to
// render (sensor_faults.h). Both are deterministic for (inputs, profile, seed) on every
// platform and list every error they inject.
#include <cstdint>
#include <string>
#include <vector>

#include "sim/corruption_errors.h"
#include "sim/corruption_profile.h"
#include "sim/sensor_faults.h"
#include "model/drive.h"

namespace fuselabel {

struct CorruptionResult {
  LabelSet labels;                    // the corrupted labels, sorted as LabelSet requires
  std::vector<InjectedError> errors;  // exactly the differences from the truth, sorted
  // One line per type that could not place all it asked for (too few eligible or free
  // labels), e.g. "box_shift: 2 of 5 placed".
  std::vector<std::string> shortfalls;
};

// Places the profile's label errors on the labels of any drive (model/): at most one error
// touches any (track, frame) cell, so every difference from the truth has exactly one cause.
// A 2D box without a frame of its own (ImageBoxLabel::frame) is in the frame nearest its
// timestamp. A label without a track (KITTI object) counts as a track of its own, named by its
// label id in the errors. Throws std::invalid_argument when the drive has no frames.
CorruptionResult corrupt_labels(const LabelSet& truth, const Drive& drive, const CorruptionProfile& profile,
                                uint64_t seed);

// The camera time offsets and extrinsic drifts to render; at most one sensor error per camera.
SensorFaults draw_sensor_faults(const Drive& drive, const CorruptionProfile& profile, uint64_t seed);

// The injected-error records of sensor faults (whoever drew them), in the drive's LiDAR frames.
std::vector<InjectedError> injected_errors_for(const SensorFaults& faults, const Drive& drive);

}  // namespace fuselabel
