#pragma once
// The native drive's CSV files (internal to io/): ego poses "timestamp_us,x,y,z,qw,qx,qy,qz"
// and sensor indexes "timestamp_us,file". Readers are strict (InputError naming file, line and
// column); the text of a writer is deterministic (std::invalid_argument naming `file` for
// content the reader would reject).
#include <filesystem>
#include <string>
#include <vector>

#include "io/native/native_drive.h"

namespace fuselabel {

// T_world_ego per row; strictly increasing timestamps, finite values, unit quaternions; at
// least one row.
std::vector<StampedPose> read_ego_poses_csv(const std::filesystem::path& file);
std::string ego_poses_csv_text(const std::filesystem::path& file, const std::vector<StampedPose>& poses);

// Strictly increasing timestamps; `file` relative to the drive root, non-empty. With `faults`, a
// row whose time repeats or goes back (not after the latest sample kept) is no error: it is left
// out and appended to *faults (`sensor` empty, for the caller to name), and `row_samples`, when
// given, gets per data row the index of its sample, -1 for a row left out.
std::vector<NativeSample> read_sensor_index_csv(const std::filesystem::path& file,
                                                std::vector<TimingFault>* faults = nullptr,
                                                std::vector<int64_t>* row_samples = nullptr);
std::string sensor_index_csv_text(const std::filesystem::path& file, const std::vector<NativeSample>& samples);

}  // namespace fuselabel
