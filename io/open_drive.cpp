// open_drive: the one place that knows which on-disk layouts exist. A new layout (nuScenes,
// native drive.yaml, KITTI tracking) is one more row in kLayouts.
#include <system_error>

#include "io/drive_reader.h"
#include "model/input_error.h"
#include "io/kitti/kitti_object_drive.h"
#include "io/nuscenes/nuscenes_drive.h"
#include "io/native/native_drive_reader.h"
#include "io/kitti/kitti_tracking_drive.h"

namespace fuselabel {
namespace {

struct DriveLayout {
  const char* description;  // for the "not recognised" message
  bool (*recognises)(const std::filesystem::path& dir);
  std::unique_ptr<DriveReader> (*open)(const DriveOptions& options);
};

const DriveLayout kLayouts[] = {
    // A KITTI tracking folder with calib/ and velodyne/SSSS/ would pass the object test too.
    {"a KITTI object folder with calib/ and velodyne/, image_2/ or label_2/",
     [](const std::filesystem::path& dir) {
       return KittiObjectDrive::recognises(dir) && !KittiTrackingDrive::recognises(dir);
     },
     [](const DriveOptions& options) -> std::unique_ptr<DriveReader> {
       return std::make_unique<KittiObjectDrive>(options.path);
     }},
    {"a nuScenes dataroot with a v1.0-* folder of JSON tables (chosen with --version, scene with --scene)",
     &NuscenesDrive::recognises,
     [](const DriveOptions& options) -> std::unique_ptr<DriveReader> { return std::make_unique<NuscenesDrive>(options); }},
    {"a native drive folder with drive.yaml", &NativeDriveReader::recognises,
     [](const DriveOptions& options) -> std::unique_ptr<DriveReader> {
       return std::make_unique<NativeDriveReader>(options.path, options.label_set);
     }},
    {"a KITTI tracking folder with label_02/, oxts/SSSS.txt, or velodyne/ or image_02/ holding SSSS "
     "subfolders (with --sequence SSSS)",
     &KittiTrackingDrive::recognises,
     [](const DriveOptions& options) -> std::unique_ptr<DriveReader> {
       return std::make_unique<KittiTrackingDrive>(options.path, options.sequence);
     }},
};

}  // namespace

std::unique_ptr<DriveReader> open_drive(const DriveOptions& options) {
  const std::filesystem::path& dir = options.path;
  std::error_code ec;
  if (!std::filesystem::is_directory(dir, ec)) throw InputError(dir, "", "not a directory");
  std::string expected;
  for (const DriveLayout& layout : kLayouts) {
    if (layout.recognises(dir)) return layout.open(options);
    expected += (expected.empty() ? "" : "; or ") + std::string(layout.description);
  }
  throw InputError(dir, "", "not a recognised drive: expected " + expected);
}

}  // namespace fuselabel
