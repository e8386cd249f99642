// open_drive: the one place that knows which on-disk layouts exist. A new layout (nuScenes,
// native drive.yaml, KITTI tracking) is one more row in kLayouts.
#include <system_error>

#include "io/drive_reader.h"
#include "io/input_error.h"
#include "io/kitti_object_drive.h"

namespace fuselabel {
namespace {

struct DriveLayout {
  const char* description;  // for the "not recognised" message
  bool (*recognises)(const std::filesystem::path& dir);
  std::unique_ptr<DriveReader> (*open)(const DriveOptions& options);
};

const DriveLayout kLayouts[] = {
    {"a KITTI object folder with calib/ and velodyne/, image_2/ or label_2/", &KittiObjectDrive::recognises,
     [](const DriveOptions& options) -> std::unique_ptr<DriveReader> {
       return std::make_unique<KittiObjectDrive>(options.path);
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
