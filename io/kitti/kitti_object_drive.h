#pragma once
// A KITTI object folder (`training` or `testing`) opened into the model: DIR/calib/ID.txt
// defines the frames, each with its own rig (KITTI calibrates every frame separately) and no
// timestamps or ego poses; velodyne/, image_2/ and label_2/ are each optional as a folder
// (`testing` has no label_2), but a folder that is present must hold the file of every frame.
#include <filesystem>
#include <string>
#include <vector>

#include "io/drive_reader.h"
#include "io/kitti/kitti_object.h"

namespace fuselabel {

class KittiObjectDrive : public DriveReader {
 public:
  // KITTI's image size, used for frames without an image_2 folder.
  static constexpr int kDefaultImageWidth = 1242;
  static constexpr int kDefaultImageHeight = 375;

  // Reads every frame's calibration and labels and the image headers; throws InputError when
  // `root` has no calib/ folder, calib/ holds no frame, or any of those files is invalid.
  explicit KittiObjectDrive(std::filesystem::path root);

  // True when `dir` looks like a KITTI object folder: image_2/ or label_2/, or calib/ plus
  // velodyne/.
  static bool recognises(const std::filesystem::path& dir);

  size_t frame_index(const std::string& id) const override;  // the file stem, e.g. 000008
  PointSweep load_points(const Sensor& sensor, const SensorSample& sample) const override;
  // label_2/ID.txt for every frame (an empty file for a frame without labels).
  void write_labels(const LabelSet& labels, const std::filesystem::path& dir) const override;
  // calib/ID.txt of frame index `frame`.
  const KittiCalib& calib(size_t frame) const { return calibs_.at(frame); }

 private:
  std::filesystem::path file_of(const char* folder, const std::string& id, const char* extension) const;

  std::vector<KittiCalib> calibs_;  // per frame, parallel to drive_.frames
};

}  // namespace fuselabel
