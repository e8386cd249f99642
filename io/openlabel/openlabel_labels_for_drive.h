#pragma once
// An OpenLABEL file's labels for a drive of any format (`--labels file.json`): frames matched by
// number, cuboids brought into the drive's label frame (docs/openlabel.md, "Labels for another
// drive").
#include <filesystem>

#include "model/drive.h"

namespace fuselabel {

// The OpenLABEL frame number of each drive frame: the drive's frame ids where they are frame
// numbers in increasing order (KITTI, OpenLABEL), else the frame indices. The writer numbers
// frames so, and reading labels for a drive matches them so.
std::vector<int64_t> openlabel_frame_numbers(const Drive& drive);

// Reads `file` and returns its labels in `drive`'s label frame, indexed by the drive's frames:
// world-frame labels are taken to be in the drive's world frame, ego-frame labels in its ego
// frame at each frame. A drive without ego poses takes a world-frame file's labels through the
// file's own poses and LiDAR (the same LiDAR for both). InputError naming the file and JSON path
// for an invalid file, a frame the drive does not have, a camera it lacks, or frames of
// reference nothing goes between.
LabelSet openlabel_labels_for(const Drive& drive, const std::filesystem::path& file);

}  // namespace fuselabel
