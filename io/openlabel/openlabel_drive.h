#pragma once
// An ASAM OpenLABEL 1.0 JSON file opened as a labels-only drive (docs/openlabel.md): its
// coordinate systems and streams make the rig, its per-frame ego transforms the trajectory, its
// frames the drive's frames (ids are the frame numbers) and its objects the labels. The file
// names no point or image files fuselabel reads, so frames have no LiDAR sweep and cameras have
// samples without images.
#include <filesystem>
#include <string>

#include "io/drive_reader.h"
#include "io/openlabel/openlabel_file.h"

namespace fuselabel {

class OpenLabelDrive : public DriveReader {
 public:
  // Reads and validates the whole file; InputError naming the file and JSON path.
  explicit OpenLabelDrive(const std::filesystem::path& file);

  static bool recognises(const std::filesystem::path& path) { return is_openlabel_file(path); }

  PointSweep load_points(const Sensor& sensor, const SensorSample& sample) const override;
  // Writes `labels` as DIR/openlabel.json: this drive's coordinate systems, streams and frames
  // with the new objects.
  void write_labels(const LabelSet& labels, const std::filesystem::path& dir) const override;
  // `value` is another OpenLABEL file with labels for this drive's frames (matched by frame
  // number) in the same world or ego frame (openlabel_labels_for).
  LabelSet read_replacement_labels(const std::string& value) const override;

  const OpenLabelContent& content() const { return content_; }

 protected:
  std::filesystem::path frame_list_file() const override { return drive_.root; }

 private:
  OpenLabelContent content_;
};

}  // namespace fuselabel
