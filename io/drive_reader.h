#pragma once
// A drive on disk, whatever its layout, opened into the drive model.
#include <filesystem>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "model/drive.h"
#include "model/frame_assembly.h"

namespace fuselabel {

struct SensorInfo {
  std::string name;
  std::string kind;  // "lidar", "radar" or "camera"
};

struct DriveSummary {
  std::string format;  // e.g. "kitti-object"
  std::filesystem::path root;
  std::vector<SensorInfo> sensors;
  std::vector<std::string> frame_ids;
  int64_t cuboid_labels = 0;
  int64_t image_box_labels = 0;
  std::map<std::string, int64_t> labels_per_class;
  int64_t tracks = 0;  // 0 for formats without track ids
};

// A drive on disk opened into the model. A format's reader fills drive_ when it is opened and
// loads point files on request; frames are assembled from the model (model/frame_assembly.h),
// identically for every format.
class DriveReader : public SampleLoader {
 public:
  const Drive& drive() const { return drive_; }
  std::string format() const { return drive_.format; }
  std::vector<std::string> frame_ids() const;
  // Index into drive().frames of the frame `id` names; throws InputError for an unknown id.
  // The default accepts the canonical ids; formats with aliases (nuScenes tokens) override it.
  virtual size_t frame_index(const std::string& id) const;
  // Throws InputError for an unknown id or any invalid file of the frame.
  FrameData load_frame(const std::string& id, bool load_points = true) const;
  // Counts from the model (the label files were read at opening).
  DriveSummary summarize() const;
  // The image exists, its header parses, its size is within the limits and equals the camera
  // model's, and the file is not truncated (image_io.h read_image_size); InputError naming the
  // image file otherwise.
  void check_image(const Sensor& camera, const SensorSample& sample) const override;
  // Writes `labels` (in this drive's label frame) as this format's label files under `dir`, at
  // the paths a drive of this format keeps them (native: labels/NAME.json; KITTI tracking:
  // label_02/SSSS.txt). std::invalid_argument when the format cannot express them, or has no
  // label writer yet.
  virtual void write_labels(const LabelSet& labels, const std::filesystem::path& dir) const;
  // Labels given on the command line in place of the drive's own (`prelabel --labels VALUE`),
  // in the drive's label frame, checked against the drive: every box refers to one of its
  // frames. What VALUE is depends on the format (native: a label set name or a label set JSON
  // file; KITTI tracking: a file of label_02 lines for the sequence). InputError naming the
  // file and place for invalid labels; the default, for formats without it yet, throws an
  // InputError naming the drive.
  virtual LabelSet read_replacement_labels(const std::string& value) const;

 protected:
  // The file and field an unknown frame id is reported against.
  virtual std::filesystem::path frame_list_file() const { return drive_.root; }
  // Where the camera model's image size comes from ("calib/000008.txt", "drive.yaml, sensors.CAM
  // camera.width"), named when an image's size disagrees with it; "" when the format cannot say.
  virtual std::string camera_calibration_source(const Sensor&) const { return ""; }
  Drive drive_;
};

// What names a drive on the command line: its folder plus the selectors some layouts need
// (nuScenes "version" and "scene", KITTI tracking "sequence", native "labels"). Each layout
// declares the selectors it takes (drive_selectors()); a selector it does not take is an error.
struct DriveOptions {
  std::filesystem::path path;
  std::map<std::string, std::string> selectors;  // name -> value, e.g. "sequence" -> "0005"
  // Readers refuse a drive whose sensor times repeat or go back (InputError). When true (only
  // `fuselabel check`, whose sensor_sync check reports them), the native reader instead leaves
  // such samples out of their timelines and lists them in Drive::timing_faults; other layouts
  // stay strict. Ego poses are always strict.
  bool keep_timing_faults = false;

  // The value of a selector, or "" when not given.
  std::string selector(const std::string& name) const;
};

struct DriveSelector {
  std::string name;  // also the CLI option: --NAME
  std::string help;
};
// Every selector of every layout, each once, for the command line.
std::vector<DriveSelector> drive_selectors();

// Recognises the layout of `options.path` and opens it; throws InputError naming what was
// expected when it is none of the supported layouts or a required selector is missing.
std::unique_ptr<DriveReader> open_drive(const DriveOptions& options);
inline std::unique_ptr<DriveReader> open_drive(const std::filesystem::path& dir) {
  DriveOptions options;
  options.path = dir;
  return open_drive(options);
}

}  // namespace fuselabel
