#pragma once
// A KITTI object folder (`training` or `testing`) as a DriveReader: DIR/calib/ID.txt defines
// the frames; velodyne/, image_2/ and label_2/ are each optional as a folder (`testing` has
// no label_2), but a folder that is present must hold the file of every frame.
#include <filesystem>
#include <string>
#include <vector>

#include "io/drive_reader.h"
#include "io/kitti_object.h"

namespace fuselabel {

class KittiObjectDrive : public DriveReader {
 public:
  // KITTI's image size, used for frames without an image_2 folder.
  static constexpr int kDefaultImageWidth = 1242;
  static constexpr int kDefaultImageHeight = 375;

  // Lists calib/; throws InputError when `root` has no calib/ folder.
  explicit KittiObjectDrive(std::filesystem::path root);

  // True when `dir` looks like a KITTI object folder: calib/ plus velodyne/, image_2/ or label_2/.
  static bool recognises(const std::filesystem::path& dir);

  std::string format() const override { return "kitti-object"; }
  std::vector<std::string> frame_ids() const override { return frame_ids_; }
  FrameData load_frame(const std::string& id, bool load_points = true) const override;
  DriveSummary summarize() const override;

 private:
  std::filesystem::path file_of(const char* folder, const std::string& id, const char* extension) const;

  std::filesystem::path root_;
  std::vector<std::string> frame_ids_;  // sorted
  bool has_velodyne_ = false, has_images_ = false, has_labels_ = false;
};

}  // namespace fuselabel
