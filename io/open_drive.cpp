// open_drive: the one place that knows which on-disk layouts exist. A new layout is one more row
// in kLayouts, with the selectors it takes.
#include <algorithm>
#include <system_error>

#include "io/drive_reader.h"
#include "model/input_error.h"
#include "io/kitti/kitti_object_drive.h"
#include "io/nuscenes/nuscenes_drive.h"
#include "io/native/native_drive_reader.h"
#include "io/kitti/kitti_tracking_drive.h"
#include "io/openlabel/openlabel_drive.h"

namespace fuselabel {
namespace {

struct DriveLayout {
  const char* name;         // for messages about selectors
  const char* description;  // for the "not recognised" message
  bool (*recognises)(const std::filesystem::path& dir);
  std::unique_ptr<DriveReader> (*open)(const DriveOptions& options);
  std::vector<DriveSelector> selectors;  // those this layout takes
};

const DriveLayout kLayouts[] = {
    // A KITTI tracking folder with calib/ and velodyne/SSSS/ would pass the object test too.
    {"KITTI object", "a KITTI object folder with calib/ and velodyne/, image_2/ or label_2/",
     [](const std::filesystem::path& dir) {
       return KittiObjectDrive::recognises(dir) && !KittiTrackingDrive::recognises(dir);
     },
     [](const DriveOptions& options) -> std::unique_ptr<DriveReader> {
       return std::make_unique<KittiObjectDrive>(options.path);
     },
     {}},
    {"nuScenes", "a nuScenes dataroot with a v1.0-* folder of JSON tables (chosen with --version, scene with --scene)",
     &NuscenesDrive::recognises,
     [](const DriveOptions& options) -> std::unique_ptr<DriveReader> { return std::make_unique<NuscenesDrive>(options); },
     {{"version", "nuScenes version folder, e.g. v1.0-mini"}, {"scene", "nuScenes scene name, e.g. scene-0061"}}},
    {"native", "a native drive folder with drive.yaml", &NativeDriveReader::recognises,
     [](const DriveOptions& options) -> std::unique_ptr<DriveReader> {
       return std::make_unique<NativeDriveReader>(options.path, options.selector("labels"), options.keep_timing_faults);
     },
     {{"labels", "Native drives: label set to read (default ground_truth)"}}},
    {"KITTI tracking", "a KITTI tracking folder with label_02/, oxts/SSSS.txt, or velodyne/ or image_02/ holding SSSS "
     "subfolders (with --sequence SSSS)",
     &KittiTrackingDrive::recognises,
     [](const DriveOptions& options) -> std::unique_ptr<DriveReader> {
       return std::make_unique<KittiTrackingDrive>(options.path, options.selector("sequence"));
     },
     {{"sequence", "KITTI tracking sequence, e.g. 0005"}}},
    // The one layout that is a file.
    {"OpenLABEL", "an ASAM OpenLABEL 1.0 JSON file ({\"openlabel\": ...})", &OpenLabelDrive::recognises,
     [](const DriveOptions& options) -> std::unique_ptr<DriveReader> { return std::make_unique<OpenLabelDrive>(options.path); },
     {}},
};

// A selector the layout does not take would be silently ignored: refuse it.
void check_selectors(const DriveLayout& layout, const DriveOptions& options) {
  for (const auto& [name, value] : options.selectors) {
    if (value.empty()) continue;
    bool taken = false;
    std::string takes;
    for (const DriveSelector& s : layout.selectors) {
      taken = taken || s.name == name;
      takes += (takes.empty() ? "--" : ", --") + s.name;
    }
    if (!taken)
      throw InputError(options.path, "--" + name + " " + value,
                       std::string("does not apply to a ") + layout.name + " drive (it takes " +
                           (takes.empty() ? "no selector" : takes) + ")");
  }
}

}  // namespace

std::string DriveOptions::selector(const std::string& name) const {
  const auto found = selectors.find(name);
  return found == selectors.end() ? std::string() : found->second;
}

std::vector<DriveSelector> drive_selectors() {
  std::vector<DriveSelector> all;
  for (const DriveLayout& layout : kLayouts)
    for (const DriveSelector& s : layout.selectors) {
      const bool known = std::any_of(all.begin(), all.end(), [&](const DriveSelector& a) { return a.name == s.name; });
      if (!known) all.push_back(s);
    }
  return all;
}

std::unique_ptr<DriveReader> open_drive(const DriveOptions& options) {
  const std::filesystem::path& dir = options.path;
  std::error_code ec;
  if (!std::filesystem::exists(dir, ec)) throw InputError(dir, "", "no such file or directory");
  std::string expected;
  for (const DriveLayout& layout : kLayouts) {
    if (layout.recognises(dir)) {
      check_selectors(layout, options);
      return layout.open(options);
    }
    expected += (expected.empty() ? "" : "; or ") + std::string(layout.description);
  }
  throw InputError(dir, "", "not a recognised drive: expected " + expected);
}

}  // namespace fuselabel
