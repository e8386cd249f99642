#include "sim/simulate_corrupted_drive.h"

#include <algorithm>

#include "io/native/native_drive_reader.h"

namespace fuselabel {

CorruptedDriveResult simulate_corrupted_drive(const SimDriveConfig& config, const CorruptionProfile& profile,
                                              const std::filesystem::path& out_dir) {
  CorruptedDriveResult result;
  result.truth = simulate_drive(config, out_dir);
  const SensorFaults faults = draw_sensor_faults(native_drive_model(read_native_drive(out_dir), {}), profile, profile.seed);
  if (!faults.empty()) result.truth = simulate_drive(config, out_dir, faults);

  NativeDrive drive = read_native_drive(out_dir);
  const LabelSet truth = read_label_set(out_dir / drive.label_sets.at("ground_truth"), drive);
  const Drive model = native_drive_model(drive, {});
  CorruptionResult corrupted = corrupt_labels(truth, model, profile, profile.seed);
  const std::string corrupted_file = "labels/corrupted.json";
  write_label_set(out_dir / corrupted_file, corrupted.labels);
  drive.label_sets["corrupted"] = corrupted_file;
  write_native_drive(drive);

  result.errors = std::move(corrupted.errors);
  const std::vector<InjectedError> sensor_errors = injected_errors_for(faults, model);
  result.errors.insert(result.errors.end(), sensor_errors.begin(), sensor_errors.end());
  std::sort(result.errors.begin(), result.errors.end(), injected_error_less);
  write_injected_errors(out_dir / "injected_errors.json", result.errors);
  result.shortfalls = std::move(corrupted.shortfalls);
  return result;
}

}  // namespace fuselabel
