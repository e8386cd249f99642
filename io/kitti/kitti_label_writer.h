#pragma once
// Writing KITTI labels (object label_2/ID.txt, tracking label_02/SSSS.txt) from the model: the
// inverse of the KITTI readers' labels, in the column layout of KITTI's own files.
#include <cstdint>
#include <filesystem>
#include <functional>
#include <vector>

#include "io/kitti/kitti_tracking.h"
#include "model/labels.h"

namespace fuselabel {

// One line per 2D box, in the label set's order: with its cuboid (ImageBoxLabel::cuboid_id, in
// the LiDAR frame) converted back through the calibration of its frame, or a DontCare region
// (written as KITTI's files of that flavour write them). KITTI keeps a 3D box and its 2D box in
// one line, so a cuboid without its 2D box, or a 2D box whose cuboid is gone (other than
// DontCare), cannot be written: std::invalid_argument naming the label. Tracking lines carry
// the track id (-1 for DontCare); object lines have none.
std::vector<KittiTrackingLabel> kitti_label_lines(const LabelSet& labels,
                                                  const std::function<const KittiCalib&(int64_t frame)>& calib_of,
                                                  KittiLabelFlavour flavour);

// frame, track id (-1 for DontCare), then kitti_label_columns; written atomically.
void write_kitti_tracking_labels(const std::filesystem::path& file, const std::vector<KittiTrackingLabel>& labels);

}  // namespace fuselabel
