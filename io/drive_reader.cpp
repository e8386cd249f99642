#include "io/drive_reader.h"

#include <stdexcept>
#include <unordered_map>

#include "io/common/image_io.h"
#include "io/openlabel/openlabel_file.h"
#include "io/openlabel/openlabel_labels_for_drive.h"
#include "model/input_error.h"

namespace fuselabel {
namespace {

std::string size_text(int width, int height) { return std::to_string(width) + "x" + std::to_string(height); }

}  // namespace

std::vector<std::string> DriveReader::frame_ids() const {
  std::vector<std::string> ids;
  ids.reserve(drive_.frames.size());
  for (const DriveFrame& frame : drive_.frames) ids.push_back(frame.id);
  return ids;
}

size_t DriveReader::frame_index(const std::string& id) const {
  for (size_t i = 0; i < drive_.frames.size(); ++i)
    if (drive_.frames[i].id == id) return i;
  const std::string range = drive_.frames.empty() ? "none"
                                                  : drive_.frames.front().id + " .. " + drive_.frames.back().id;
  throw InputError(frame_list_file(), "frame '" + id + "'", "unknown frame id (the drive's frames: " + range + ")");
}

FrameData DriveReader::load_frame(const std::string& id, bool load_points) const {
  return assemble_frame(drive_, frame_index(id), *this, load_points);
}

void DriveReader::check_image(const Sensor& camera, const SensorSample& sample) const {
  const std::string where = camera.name + (sample.token.empty() ? "" : " sample_data " + sample.token);
  std::error_code ec;
  if (!std::filesystem::is_regular_file(sample.file, ec)) throw InputError(sample.file, where, "no such image file");
  // The header, the limits and the file's end are checked here, so a bad image fails when its
  // frame is loaded rather than when (or whether) some output decodes it.
  const cv::Size size = read_image_size(sample.file);
  if (!camera.camera || (size.width == camera.camera->width && size.height == camera.camera->height)) return;
  const std::string source = camera_calibration_source(camera);
  // Projections and visibility are computed in the model's pixel grid, so another size is a
  // wrong calibration or a wrong image, not something to scale silently.
  throw InputError(sample.file, where,
                   "image is " + size_text(size.width, size.height) + ", camera " + camera.name + " model is " +
                       size_text(camera.camera->width, camera.camera->height) +
                       (source.empty() ? "" : " (calibration " + source + ")"));
}

void DriveReader::write_labels(const LabelSet&, const std::filesystem::path&) const {
  throw std::invalid_argument("writing the labels of a " + drive_.format + " drive is not supported yet");
}

LabelSet DriveReader::read_replacement_labels(const std::string& value) const {
  if (is_openlabel_file(value)) return openlabel_labels_for(drive_, value);
  throw InputError(drive_.root, "--labels " + value,
                   "a " + drive_.format + " drive takes --labels as an OpenLABEL file only (label files in a "
                   "drive's own format are read for native and KITTI tracking drives)");
}

DriveSummary DriveReader::summarize() const {
  DriveSummary summary;
  summary.format = drive_.format;
  summary.root = drive_.root;
  if (!drive_.rigs.empty())
    for (const Sensor& s : drive_.rigs.front().sensors) summary.sensors.push_back({s.name, sensor_kind_name(s.kind)});
  summary.frame_ids = frame_ids();
  const LabelSet& labels = drive_.labels;
  std::unordered_map<std::string, const Track*> tracks;
  for (const Track& t : labels.tracks) tracks.emplace(t.track_id, &t);
  auto class_of = [&](const std::string& own, const std::string& track_id) {
    if (!own.empty()) return own;
    const auto t = tracks.find(track_id);
    return t == tracks.end() ? std::string() : t->second->class_name;
  };
  summary.cuboid_labels = int64_t(labels.boxes.size());
  summary.image_box_labels = int64_t(labels.boxes_2d.size());
  for (const CuboidLabel& b : labels.boxes) ++summary.labels_per_class[class_of(b.class_name, b.track_id)];
  // 2D-only labels count too (KITTI's DontCare regions); a box drawn with a cuboid or of a
  // track is the same object.
  for (const ImageBoxLabel& b : labels.boxes_2d)
    if (b.track_id.empty() && b.cuboid_id.empty()) ++summary.labels_per_class[b.class_name];
  summary.tracks = int64_t(labels.tracks.size());
  return summary;
}

}  // namespace fuselabel
