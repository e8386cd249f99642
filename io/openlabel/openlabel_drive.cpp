#include "io/openlabel/openlabel_drive.h"

#include <stdexcept>

#include "io/openlabel/openlabel_writer.h"
#include "model/input_error.h"

namespace fuselabel {

OpenLabelDrive::OpenLabelDrive(const std::filesystem::path& file) : content_(read_openlabel_file(file)) {
  drive_.format = "openlabel";
  drive_.root = file;
  drive_.name = content_.name;
  drive_.rigs.push_back(content_.rig);
  drive_.trajectory = content_.trajectory;
  drive_.associate_by_time = false;  // each frame holds its own stream samples
  for (const Sensor& sensor : content_.rig.sensors)
    if (sensor.kind == SensorKind::Camera) drive_.timelines[sensor.name].sensor = sensor.name;
  for (const OpenLabelFrameInfo& info : content_.frames) {
    DriveFrame frame{std::to_string(info.number), info.timestamp_us, 0, -1, {}};
    // A camera sample without an image in every frame: labels project into it.
    for (auto& [name, timeline] : drive_.timelines) {
      const auto stream_time = info.stream_timestamps_us.find(name);
      frame.samples[name] = int64_t(timeline.samples.size());
      timeline.add({stream_time == info.stream_timestamps_us.end() ? info.timestamp_us : stream_time->second, {}, {}, {}});
    }
    drive_.frames.push_back(std::move(frame));
  }
  drive_.labels = content_.labels;
}

PointSweep OpenLabelDrive::load_points(const Sensor& sensor, const SensorSample&) const {
  throw InputError(drive_.root, sensor.name, "an OpenLABEL drive holds labels only: no point files to read");
}

void OpenLabelDrive::write_labels(const LabelSet& labels, const std::filesystem::path& dir) const {
  write_openlabel(drive_, labels, dir / kOpenLabelFileName, content_.world_cs, content_.ego_cs);
}

LabelSet OpenLabelDrive::read_replacement_labels(const std::string& value) const {
  if (value.empty()) throw InputError(drive_.root, "--labels", "empty: expected an OpenLABEL file");
  const std::filesystem::path file = value;
  if (!is_openlabel_file(file)) throw InputError(file, "", "not an OpenLABEL JSON file (expected {\"openlabel\": ...})");
  OpenLabelContent other = read_openlabel_file(file);
  if (other.labels.frame != drive_.labels.frame)
    throw InputError(file, "openlabel.coordinate_systems",
                     std::string("its labels are in the ") + label_frame_name(other.labels.frame) +
                         " frame, this drive's in the " + label_frame_name(drive_.labels.frame) +
                         " frame (the files must share their coordinate systems)");
  // Frames match by number; the label frame indices are this drive's.
  const auto index_of = [&](int64_t other_frame, const std::string& id) -> int64_t {
    const int64_t number = other.frames[size_t(other_frame)].number;
    for (size_t f = 0; f < content_.frames.size(); ++f)
      if (content_.frames[f].number == number) return int64_t(f);
    throw InputError(file, "openlabel.frames." + std::to_string(number),
                     "label " + id + " is in frame " + std::to_string(number) + ", which " + drive_.root.string() +
                         " does not have");
  };
  for (CuboidLabel& box : other.labels.boxes) box.frame = index_of(box.frame, box.id);
  for (ImageBoxLabel& box : other.labels.boxes_2d) box.frame = index_of(box.frame, box.id);
  return other.labels;
}

}  // namespace fuselabel
