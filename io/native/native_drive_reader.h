#pragma once
// A native drive (drive.yaml, docs/native-drive.md) opened into the model. Frames are the
// LiDAR's samples, ids "0".."N-1"; the chosen label set's world-frame cuboids and 2D boxes are
// its labels. Cameras and radars are associated by time (Drive::association_window_us).
#include <filesystem>
#include <string>

#include "io/drive_reader.h"
#include "io/native/native_drive.h"

namespace fuselabel {

class NativeDriveReader : public DriveReader {
 public:
  static constexpr const char* kDefaultLabelSet = "ground_truth";

  // Reads drive.yaml, the poses, the indexes and the label set `label_set` (empty: the
  // default set, or none when the drive has no label sets). Throws InputError for invalid
  // files and for an unknown label set (the message lists those the drive has).
  // keep_timing_faults: index rows whose times repeat or go back are left out and listed in
  // drive().timing_faults instead (read_native_drive); a left-out LiDAR row is not a frame.
  explicit NativeDriveReader(const std::filesystem::path& root, const std::string& label_set = "",
                             bool keep_timing_faults = false);

  // True when `dir` holds a drive.yaml.
  static bool recognises(const std::filesystem::path& dir);

  // The drive as its files describe it (what the native writer writes).
  const NativeDrive& native() const { return native_; }
  const std::string& label_set_name() const { return drive_.labels.name; }  // empty: no labels

  size_t frame_index(const std::string& id) const override;
  PointSweep load_points(const Sensor& sensor, const SensorSample& sample) const override;
  void write_labels(const LabelSet& labels, const std::filesystem::path& dir) const override;
  // `value` names one of drive.yaml's label_sets, or else is a label set JSON file (relative to
  // the working directory); either is read checked against the drive (read_label_set(file,
  // native()): errors name the JSON path). A file's set is named by its stem. InputError naming
  // `value` and listing the drive's sets when it is neither.
  LabelSet read_replacement_labels(const std::string& value) const override;

 private:
  NativeDrive native_;
};

// The model of a native drive and one of its label sets.
Drive native_drive_model(const NativeDrive& native, LabelSet labels);

}  // namespace fuselabel
