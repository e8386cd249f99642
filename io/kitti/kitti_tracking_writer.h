#pragma once
// Writing a KITTI tracking sequence's labels (label_02/SSSS.txt) from the model: the inverse of
// KittiTrackingDrive's labels, in the column layout of KITTI's own files.
#include <filesystem>
#include <vector>

#include "io/kitti/kitti_tracking.h"
#include "model/labels.h"

namespace fuselabel {

// One line per 2D box, in the label set's order: with its cuboid (ImageBoxLabel::cuboid_id, in
// the LiDAR frame) converted back through `calib`, or a DontCare region. KITTI keeps a 3D box and
// its 2D box in one line, so a cuboid without its 2D box, or a 2D box whose cuboid is gone
// (other than DontCare), cannot be written: std::invalid_argument naming the label.
std::vector<KittiTrackingLabel> kitti_tracking_labels(const LabelSet& labels, const KittiCalib& calib);

// frame, track id (-1 for DontCare), then kitti_label_columns; written atomically.
void write_kitti_tracking_labels(const std::filesystem::path& file, const std::vector<KittiTrackingLabel>& labels);

}  // namespace fuselabel
