#include "io/kitti_object_drive.h"

#include <algorithm>
#include <cctype>
#include <system_error>
#include <utility>

#include "io/image_io.h"
#include "io/input_error.h"
#include "io/point_file.h"

namespace fuselabel {
namespace {

const char* const kCameraName = "image_2";
const char* const kLidarName = "velodyne";
const std::vector<std::string> kVelodyneFields = {"x", "y", "z", "intensity"};

bool is_existing_directory(const std::filesystem::path& path) {
  std::error_code ec;
  return std::filesystem::is_directory(path, ec);
}

// KITTI object frames are named by six digits (000008); other files in calib/ are not frames.
bool is_frame_file(const std::filesystem::path& path) {
  const std::string stem = path.stem().string();
  return path.extension() == ".txt" && stem.size() == 6 &&
         std::all_of(stem.begin(), stem.end(), [](unsigned char c) { return std::isdigit(c); });
}

}  // namespace

KittiObjectDrive::KittiObjectDrive(std::filesystem::path root) : root_(std::move(root)) {
  const std::filesystem::path calib_dir = root_ / "calib";
  if (!is_existing_directory(calib_dir)) throw InputError(calib_dir, "", "missing: a KITTI object folder needs calib/");
  std::error_code ec;
  for (std::filesystem::directory_iterator it(calib_dir, ec), end; !ec && it != end; it.increment(ec))
    if (is_frame_file(it->path())) frame_ids_.push_back(it->path().stem().string());
  if (ec) throw InputError(calib_dir, "", "cannot list: " + ec.message());
  std::sort(frame_ids_.begin(), frame_ids_.end());
  has_velodyne_ = is_existing_directory(root_ / "velodyne");
  has_images_ = is_existing_directory(root_ / "image_2");
  has_labels_ = is_existing_directory(root_ / "label_2");
}

bool KittiObjectDrive::recognises(const std::filesystem::path& dir) {
  return is_existing_directory(dir / "calib") &&
         (is_existing_directory(dir / "velodyne") || is_existing_directory(dir / "image_2") ||
          is_existing_directory(dir / "label_2"));
}

std::filesystem::path KittiObjectDrive::file_of(const char* folder, const std::string& id,
                                                const char* extension) const {
  return root_ / folder / (id + extension);
}

FrameData KittiObjectDrive::load_frame(const std::string& id, bool load_points) const {
  if (!std::binary_search(frame_ids_.begin(), frame_ids_.end(), id))
    throw InputError(file_of("calib", id, ".txt"), "frame '" + id + "'", "unknown frame id: no such calibration file");
  const KittiCalib calib = read_kitti_calib(file_of("calib", id, ".txt"));

  FrameData frame;
  frame.id = id;
  frame.label_frame = "lidar";
  if (has_velodyne_ && load_points) {
    PointSweep sweep;
    sweep.sensor = kLidarName;
    sweep.fields = kVelodyneFields;
    sweep.records = read_float_records(file_of("velodyne", id, ".bin"), kVelodyneFields);
    frame.lidar = std::move(sweep);
  }

  std::filesystem::path image;
  cv::Size image_size(kDefaultImageWidth, kDefaultImageHeight);
  if (has_images_) {
    image = file_of("image_2", id, ".png");
    image_size = read_image_size(image);
  }
  frame.cameras.push_back(kitti_left_camera_view(calib, kCameraName, image, image_size.width, image_size.height));

  if (!has_labels_) return frame;
  for (const KittiObjectLabel& label : read_kitti_object_labels(file_of("label_2", id, ".txt")))
    add_kitti_label(label, calib, id + ":" + std::to_string(label.line), "", kCameraName, frame);
  return frame;
}

DriveSummary KittiObjectDrive::summarize() const {
  DriveSummary summary;
  summary.format = format();
  summary.root = root_;
  summary.sensors = {{kLidarName, "lidar"}, {kCameraName, "camera"}};
  summary.frame_ids = frame_ids_;
  if (!has_labels_) return summary;
  for (const std::string& id : frame_ids_) {
    for (const KittiObjectLabel& label : read_kitti_object_labels(file_of("label_2", id, ".txt"))) {
      ++summary.image_box_labels;
      ++summary.labels_per_class[label.type];  // DontCare regions included, as KITTI lists them
      if (label.type != "DontCare") ++summary.cuboid_labels;
    }
  }
  return summary;
}

}  // namespace fuselabel
