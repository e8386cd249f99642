#pragma once
// A simulated drive with injected errors: the simulator renders the profile's sensor faults,
// then the profile's label errors are applied to a copy of the true labels. Writes the label
// set "corrupted" (added to drive.yaml) and injected_errors.json beside drive.yaml.
#include <filesystem>

#include "sim/corruption.h"
#include "sim/drive_sim.h"

namespace fuselabel {

struct CorruptedDriveResult {
  SimDriveTruth truth;
  std::vector<InjectedError> errors;    // sensor and label errors, sorted
  std::vector<std::string> shortfalls;  // requests the drive could not satisfy
};

// Sensor faults are drawn on the fault-free drive's layout, so a profile with sensor errors
// costs a second simulation pass (the rendering must show the faults).
CorruptedDriveResult simulate_corrupted_drive(const SimDriveConfig& config, const CorruptionProfile& profile,
                                              const std::filesystem::path& out_dir);

}  // namespace fuselabel
