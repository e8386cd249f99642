#include "io/kitti/kitti_object_drive.h"

#include <algorithm>
#include <cctype>
#include <system_error>
#include <utility>

#include "io/common/image_io.h"
#include "io/kitti/kitti_label_writer.h"
#include "io/kitti/kitti_object_writer.h"
#include "model/input_error.h"
#include "io/common/point_file.h"

namespace fuselabel {
namespace {

const char* const kCameraName = "image_2";
const char* const kLidarName = "velodyne";

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

KittiObjectDrive::KittiObjectDrive(std::filesystem::path root) {
  drive_.format = "kitti-object";
  drive_.root = std::move(root);
  drive_.associate_by_time = false;  // no timestamps: every frame names its own files
  drive_.labels.name = "label_2";
  drive_.labels.taxonomy = "kitti";
  drive_.labels.frame = LabelFrame::Lidar;
  const std::filesystem::path calib_dir = drive_.root / "calib";
  if (!is_existing_directory(calib_dir))
    throw InputError(calib_dir, "", "missing folder: a KITTI object folder needs calib/ with one ID.txt per frame");
  std::vector<std::string> ids;
  std::error_code ec;
  for (std::filesystem::directory_iterator it(calib_dir, ec), end; !ec && it != end; it.increment(ec))
    if (is_frame_file(it->path())) ids.push_back(it->path().stem().string());
  if (ec) throw InputError(calib_dir, "", "cannot list: " + ec.message());
  if (ids.empty())
    throw InputError(calib_dir, "", "no frames: calib/ holds no ID.txt file (six digits, e.g. 000008.txt)");
  std::sort(ids.begin(), ids.end());
  const bool has_velodyne = is_existing_directory(drive_.root / "velodyne");
  const bool has_images = is_existing_directory(drive_.root / "image_2");
  const bool has_labels = is_existing_directory(drive_.root / "label_2");
  SensorTimeline& lidar = drive_.timelines[kLidarName];
  SensorTimeline& camera = drive_.timelines[kCameraName];
  lidar.sensor = kLidarName, camera.sensor = kCameraName;
  for (const std::string& id : ids) {
    const int64_t f = int64_t(drive_.frames.size());
    calibs_.push_back(read_kitti_calib(file_of("calib", id, ".txt")));
    const KittiCalib& calib = calibs_.back();
    std::filesystem::path image;
    cv::Size image_size(kDefaultImageWidth, kDefaultImageHeight);
    if (has_images) {
      image = file_of("image_2", id, ".png");
      image_size = read_image_size(image);
    }
    drive_.rigs.push_back(kitti_rig(calib, kLidarName, kCameraName, image_size.width, image_size.height));
    DriveFrame frame{id, 0, size_t(f), -1, {}};
    if (has_velodyne) {
      frame.lidar_sample = int64_t(lidar.samples.size());
      lidar.add({0, file_of("velodyne", id, ".bin"), {}, {}});
    }
    frame.samples[kCameraName] = int64_t(camera.samples.size());
    camera.add({0, image, {}, {}});
    drive_.frames.push_back(std::move(frame));
    if (!has_labels) continue;
    for (const KittiObjectLabel& label : read_kitti_object_labels(file_of("label_2", id, ".txt")))
      add_kitti_label(label, calib, id + ":" + std::to_string(label.line), "", kCameraName, f, 0, drive_.labels);
  }
}

bool KittiObjectDrive::recognises(const std::filesystem::path& dir) {
  // image_2/ and label_2/ are KITTI object names (tracking has image_02/, label_02/): with one
  // of them the folder is a KITTI object folder even without calib/, which is then reported.
  const bool has_object_folder = is_existing_directory(dir / "image_2") || is_existing_directory(dir / "label_2");
  return has_object_folder || (is_existing_directory(dir / "calib") && is_existing_directory(dir / "velodyne"));
}

std::filesystem::path KittiObjectDrive::file_of(const char* folder, const std::string& id,
                                                const char* extension) const {
  return drive_.root / folder / (id + extension);
}

size_t KittiObjectDrive::frame_index(const std::string& id) const {
  const auto found = std::lower_bound(drive_.frames.begin(), drive_.frames.end(), id,
                                      [](const DriveFrame& f, const std::string& key) { return f.id < key; });
  if (found == drive_.frames.end() || found->id != id)
    throw InputError(file_of("calib", id, ".txt"), "frame '" + id + "'", "unknown frame id: no such calibration file");
  return size_t(found - drive_.frames.begin());
}

void KittiObjectDrive::write_labels(const LabelSet& labels, const std::filesystem::path& dir) const {
  const auto calib = [this](int64_t frame) -> const KittiCalib& { return calibs_.at(size_t(frame)); };
  std::vector<std::vector<KittiObjectLabel>> by_frame(drive_.frames.size());
  for (const KittiTrackingLabel& line : kitti_label_lines(labels, calib, KittiLabelFlavour::Object))
    by_frame.at(size_t(line.frame)).push_back(line.object);
  for (size_t f = 0; f < by_frame.size(); ++f)
    write_kitti_object_labels(dir / "label_2" / (drive_.frames[f].id + ".txt"), by_frame[f]);
}

PointSweep KittiObjectDrive::load_points(const Sensor&, const SensorSample& sample) const {
  return read_kitti_velodyne(sample.file);
}

}  // namespace fuselabel
